/**
 * Child process for lib/db/embedded-postgres.test.ts: starts the embedded PostgreSQL for argv[2], prints
 * `{"pid","port","owned"}` as one JSON line, then either idles until killed (`hold`) or exits with code 3 (`exit`).
 * Run with `node --import tsx test/support/postgres-child.ts <dataDir> hold|exit`.
 */
import { startEmbeddedPostgres } from "../../lib/db/embedded-postgres";

const [dataDir, mode] = process.argv.slice(2);
if (!dataDir || (mode !== "hold" && mode !== "exit")) {
  process.stderr.write("usage: postgres-child.ts <dataDir> hold|exit\n");
  process.exit(2);
}
const server = await startEmbeddedPostgres({ dataDir, database: "postgres" });
process.stdout.write(`${JSON.stringify({ pid: server.pid, port: server.port, owned: server.owned })}\n`);
if (mode === "hold") setInterval(() => undefined, 60_000);
else process.exitCode = 3;
