import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { closeStore } from "@/lib/store";
import { createTestDatabase, type TestDatabase } from "@/test/support/postgres";

/**
 * One migrated test database per test file, used by lib/auth through DATABASE_URL, plus a raw pg client for
 * checking what was (not) stored. Call at the top of a test file.
 */
export function setupAuthTestDatabase(): { db: () => TestDatabase; sql: <T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]> } {
  let db: TestDatabase | undefined;
  let client: pg.Client | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    process.env.PALISADE_SECRET_KEY ??= "0123456789abcdef".repeat(4);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await closeStore();
    await db?.drop();
  });
  return {
    db: () => db!,
    sql: async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => (await client!.query<T>(text, params)).rows,
  };
}
