#!/usr/bin/env node
// Runs the TypeScript CLI straight from a clone (`npx palisade ...`) through tsx's loader.
// lib/cli/main.ts returns the exit code and never throws; this file only guards what happens before and around it.
import { register } from "tsx/esm/api";

// `palisade scan ... | head`: the reader went away. Drop the rest of the output instead of crashing with EPIPE;
// the command still finishes and sets its exit code.
process.stdout.on("error", (err) => {
  if (err.code !== "EPIPE" && err.code !== "ERR_STREAM_DESTROYED") throw err;
});

try {
  register();
  const { main } = await import("../lib/cli/main.ts");
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`palisade: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
}
