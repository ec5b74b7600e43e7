import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { dataDirProblem } from "../../lib/db/embedded-postgres";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * A data directory for a test server: `<project>/.data/<name>`, or — when the checkout sits under a directory the
 * `postgres` OS user cannot enter (e.g. a root-only home on CI) — the same name under the system temp directory,
 * suffixed with a hash of the project path so checkouts do not share it.
 */
export async function testDataDir(name: string): Promise<string> {
  const inProject = path.join(ROOT, ".data", name);
  if (!(await dataDirProblem(inProject))) return inProject;
  return path.join(os.tmpdir(), `palisade-${name}-${createHash("sha256").update(ROOT).digest("hex").slice(0, 8)}`);
}

