/**
 * vitest globalSetup: one embedded PostgreSQL for the whole test run, data in `.data/pg-test` (see testDataDir). Each test file creates
 * its own database on it (test/support/postgres.ts), so files never see each other's rows.
 *
 * Several vitest runs may share the server (developers run their own suites side by side), so it is started detached
 * and not tied to the run that started it: each run registers itself in `palisade_test_runs` (pid) on the maintenance
 * database; teardown drops its own databases, forgets runs whose process is gone, and the last run out stops the server.
 * A failure to start is passed to the tests as `pgSetupError` instead of failing runs that need no database.
 */
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, stopPostmaster, type EmbeddedPostgres } from "../../lib/db/embedded-postgres";
import { testDataDir } from "./postgres-data-dir";

const REGISTRY_LOCK = 72707370;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await testDataDir("pg-test");
  const runId = String(process.pid);
  let server: EmbeddedPostgres | undefined;
  try {
    server = await registerRun(dataDir, runId);
    project.provide("pgAdminUrl", server.adminUrl);
    project.provide("pgTestRunId", runId);
    project.provide("pgSetupError", "");
  } catch (error) {
    project.provide("pgAdminUrl", "");
    project.provide("pgTestRunId", runId);
    project.provide("pgSetupError", `embedded PostgreSQL for tests could not start: ${error instanceof Error ? error.message : String(error)}`);
    return async () => undefined;
  }
  const started = server;
  return async () => {
    await unregisterRun(started.adminUrl, runId, () => stopPostmaster(dataDir));
  };
}

async function registerRun(dataDir: string, runId: string): Promise<EmbeddedPostgres> {
  for (let attempt = 1; ; attempt++) {
    const server = await startEmbeddedPostgres({ dataDir, database: "postgres", stopOnExit: false });
    const client = new pg.Client({ connectionString: server.adminUrl });
    client.on("error", () => undefined);
    try {
      await client.connect();
      // Serializes with another run's teardown deciding to stop the server.
      await client.query("SELECT pg_advisory_lock($1)", [REGISTRY_LOCK]);
      await client.query("CREATE TABLE IF NOT EXISTS palisade_test_runs (pid int PRIMARY KEY, started_at timestamptz NOT NULL DEFAULT now())");
      await client.query("INSERT INTO palisade_test_runs (pid) VALUES ($1) ON CONFLICT (pid) DO NOTHING", [Number(runId)]);
      await client.query("SELECT pg_advisory_unlock($1)", [REGISTRY_LOCK]);
      await client.end();
      return server;
    } catch (error) {
      await client.end().catch(() => undefined);
      // The server we reused was being stopped by the last run out: start it again.
      if (attempt >= 3) throw error;
    }
  }
}

/** Drops this run's databases and those of dead runs; runs `stopServer` when no other run is registered. */
async function unregisterRun(adminUrl: string, runId: string, stopServer: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [REGISTRY_LOCK]);
    const { rows } = await client.query<{ pid: number }>("SELECT pid FROM palisade_test_runs");
    const gone = rows.map((r) => String(r.pid)).filter((pid) => pid === runId || !isAlive(Number(pid)));
    const dbs = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'test\\_%'");
    for (const { datname } of dbs.rows) {
      const owner = /^test_(\d+)_/.exec(datname)?.[1];
      if (owner && gone.includes(owner)) await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
    }
    await client.query("DELETE FROM palisade_test_runs WHERE pid = ANY($1::int[])", [gone.map(Number)]);
    const left = await client.query("SELECT 1 FROM palisade_test_runs LIMIT 1");
    // Still holding the lock: a run registering now waits, then finds the server gone and starts it again.
    if (left.rowCount === 0) await stopServer();
  } finally {
    await client.end().catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTestRunId: string;
    pgSetupError: string;
  }
}
