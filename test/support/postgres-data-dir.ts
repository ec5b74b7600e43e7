import path from "node:path";
import { reachableByServer } from "../../lib/db/embedded-postgres";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * A data directory for a test server: `<project>/.data/<name>`, or — when the checkout sits under a directory the
 * `postgres` OS user cannot enter (e.g. a root-only home on CI) — its stand-in under the system temp directory.
 */
export async function testDataDir(name: string): Promise<string> {
  return reachableByServer(path.join(ROOT, ".data", name));
}
