import { Option, type Command } from "commander";
import { EXIT_ERROR, InputFailure, UsageError, type CliIo } from "./context";

/** What main hands every command: the streams, and where to put the command's exit code. */
export interface CommandContext {
  io: CliIo;
  setExitCode(code: number): void;
}

/** A command module registers one subcommand on the program (lib/cli/commands/<name>.ts). */
export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

/**
 * Attaches an async action that returns the exit code. Usage and input errors are printed here, where the command's
 * name is known for the hint; anything else propagates to main as an internal error.
 */
export function runAction<Args extends unknown[]>(cmd: Command, ctx: CommandContext, fn: (...args: Args) => Promise<number>): void {
  cmd.action(async (...args: unknown[]) => {
    try {
      ctx.setExitCode(await fn(...(args as Args)));
    } catch (e) {
      if (e instanceof UsageError) {
        printUsageError(ctx.io, cmd.name(), e.message);
      } else if (e instanceof InputFailure) {
        for (const line of e.lines) ctx.io.stderr(`${line}\n`);
      } else {
        throw e;
      }
      ctx.setExitCode(EXIT_ERROR);
    }
  });
}

/** One line saying what is wrong, one line saying where to look. */
export function printUsageError(io: CliIo, commandName: string | undefined, message: string): void {
  const who = commandName ? `palisade ${commandName}` : "palisade";
  io.stderr(`${who}: ${message.replace(/^error: /, "").trim()}\n`);
  io.stderr(`hint: run '${who} --help' for usage and examples\n`);
}

/** `--from PATH...`, shared by every command that reads manifests. */
export function fromOption(): Option {
  return new Option("--from <path...>", "manifest files, directories (read recursively) or - for stdin").makeOptionMandatory();
}

export function ignoreErrorsOption(): Option {
  return new Option("--ignore-errors", "report input errors but analyze whatever did load (exit code unaffected by them)");
}

/**
 * `--no-default-roles`: by default manifests are analysed on top of Kubernetes' default ClusterRoles (cluster-admin,
 * admin, edit, view, system:*), which every cluster has and which charts bind without defining.
 */
export function defaultRolesOption(): Option {
  return new Option("--no-default-roles", "do not add Kubernetes' default ClusterRoles (cluster-admin, admin, edit, view, system:*) missing from the input");
}

/** `-o, --output text|json` for the query commands. */
export function outputOption(): Option {
  return new Option("-o, --output <format>", "output format").choices(["text", "json"]).default("text");
}

/** Collects a repeatable option's values (`--as-group a --as-group b`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return (previous ?? []).concat(value);
}

/** Examples block appended to a command's --help. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => (l ? `  ${l}` : "")).join("\n")}`;
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The options that, with VERB and RESOURCE, describe a request (who-can, can-i). */
export function addRequestOptions(cmd: Command): Command {
  return cmd
    .option("-n, --namespace <namespace>", "namespace of the request (default: none — a cluster-scoped request)")
    .option("--name <name>", "name of the object (for rules restricted by resourceNames)")
    .option("--api-group <group>", 'API group of RESOURCE ("" is core); alternatively write RESOURCE.GROUP')
    .option("--path <url>", "a non-resource URL such as /healthz or /metrics, instead of RESOURCE");
}
