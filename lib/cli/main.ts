/**
 * The `palisade` command line. `main` parses argv, runs one command and returns the exit code; it never calls
 * process.exit and never lets an exception (or a stack trace) escape: unexpected errors are reported as
 * `palisade: internal error: <message>` with exit code 2.
 */
import { Command, CommanderError } from "commander";
import packageJson from "@/package.json" with { type: "json" };
import { printUsageError, type CommandContext, type RegisterCommand } from "./command";
import { registerCanI } from "./commands/can-i";
import { registerCheck } from "./commands/check";
import { registerCollect } from "./commands/collect";
import { registerDb } from "./commands/db";
import { registerPaths } from "./commands/paths";
import { registerPermissions } from "./commands/permissions";
import { registerScan } from "./commands/scan";
import { registerWhoCan } from "./commands/who-can";
import { EXIT_ERROR, EXIT_OK, processIo, type CliIo } from "./context";

/** Every command, one module each (lib/cli/commands/<name>.ts); add new ones here. */
const COMMANDS: RegisterCommand[] = [registerScan, registerWhoCan, registerCanI, registerPermissions, registerPaths, registerCheck, registerCollect, registerDb];

export function buildProgram(ctx: CommandContext): Command {
  const program = new Command("palisade")
    .description("Identity-centric Kubernetes RBAC analyzer: who can do what, through which binding, and how risky it is.")
    .version(packageJson.version, "-V, --version")
    .exitOverride()
    .configureOutput({ writeOut: ctx.io.stdout, writeErr: ctx.io.stderr })
    .showSuggestionAfterError()
    .addHelpText(
      "after",
      "\nExit status: 0 success, 1 a negative answer (findings at or above --fail-on, can-i no, a failed assertion),\n" +
        "2 usage, input or internal error.\n\nRun 'palisade <command> --help' for a command's options and examples.",
    );
  for (const register of COMMANDS) register(program, ctx);
  // Usage errors from the parser: one line naming the command, then a hint.
  for (const cmd of [program, ...program.commands]) {
    const name = cmd === program ? undefined : cmd.name();
    cmd.configureOutput({ outputError: (message) => printUsageError(ctx.io, name, message) });
  }
  return program;
}

/** Runs the CLI on `argv` (without the node and script entries) and returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = EXIT_OK;
  try {
    const program = buildProgram({ io, setExitCode: (code) => (exitCode = code) });
    if (argv.length === 0) {
      const names = program.commands.map((c) => c.name()).filter((n) => n !== "help");
      printUsageError(io, undefined, `missing command: ${names.slice(0, -1).join(", ")} or ${names.at(-1)}`);
      return EXIT_ERROR;
    }
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_ERROR; // already printed by commander
    io.stderr(`palisade: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_ERROR;
  }
}
