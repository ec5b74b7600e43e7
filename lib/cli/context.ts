/** What a CLI command needs from its environment: streams, stdin and the working directory (injected for tests). */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Standard input, read when `-` is given as a path. */
  stdin: NodeJS.ReadableStream;
  /** Directory that relative paths, and paths printed in reports, are resolved against. */
  cwd: string;
}

/** Exit codes shared by every command. */
export const EXIT_OK = 0;
/** A negative answer: findings at or above --fail-on, can-i "no", a failed assertion. */
export const EXIT_FAIL = 1;
/** Usage errors, input errors and internal errors. */
export const EXIT_ERROR = 2;

/** A mistake in how the command was called; printed as one line plus a hint to read --help. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Input that could not be read or validated; the lines are already formatted (`file:line:col: message`). */
export class InputFailure extends Error {
  override name = "InputFailure";
  constructor(readonly lines: string[]) {
    super(lines[0] ?? "input error");
  }
}

/** The process's own streams, for bin/palisade.mjs. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdin: process.stdin,
    cwd: process.cwd(),
  };
}
