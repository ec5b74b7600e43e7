#!/usr/bin/env node
// Runs the TypeScript CLI straight from a clone (`npx palisade ...`) through tsx's loader.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../lib/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
