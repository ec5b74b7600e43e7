/**
 * A fresh PostgreSQL database for one test file, on the embedded server started by test/support/postgres-global-setup.ts.
 *
 *   const db = await createTestDatabase();   // migrated unless { migrate: false }
 *   process.env.DATABASE_URL = db.url;        // lib/store and lib/db use it
 *   afterAll(() => db.drop());
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { applyMigrations } from "../../lib/db/migrate";

export { testDataDir } from "./postgres-data-dir";

export interface TestDatabase {
  url: string;
  name: string;
  /** Drops the database (terminating open connections). */
  drop(): Promise<void>;
}

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const setupError = inject("pgSetupError");
  if (setupError) throw new Error(setupError);
  const adminUrl = inject("pgAdminUrl");
  // test_<run pid>_<random>: the global teardown drops a run's databases by that prefix.
  const name = `test_${inject("pgTestRunId")}_${randomBytes(5).toString("hex")}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db: TestDatabase = {
    url: url.toString(),
    name,
    drop: () => withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`)).then(() => undefined),
  };
  if (options.migrate !== false) await applyMigrations(db.url, MIGRATIONS_DIR);
  return db;
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
