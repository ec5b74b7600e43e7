import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, testDataDir } from "@/test/support/postgres";
import { findRunningPostmaster, stopPostmaster } from "./embedded-postgres";
import { getDatabaseUrl, redactDatabaseUrl, runMigrations, stopDatabase, usesEmbeddedDatabase } from "./index";

// Its own data directory: this file starts and stops the server.
const DATA_DIR = await testDataDir("pg-test-bootstrap");
const saved = { DATABASE_URL: process.env.DATABASE_URL, EMBEDDED_PG_DIR: process.env.EMBEDDED_PG_DIR };

afterEach(async () => {
  await stopDatabase();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});
afterAll(async () => {
  await stopPostmaster(DATA_DIR);
});

async function tables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")).rows.map((r) => r.table_name);
  } finally {
    await client.end();
  }
}

describe("database bootstrap", () => {
  it("uses DATABASE_URL when it is set, and `palisade db migrate` (runMigrations) migrates it once", async () => {
    const db = await createTestDatabase({ migrate: false });
    try {
      process.env.DATABASE_URL = db.url;
      expect(usesEmbeddedDatabase()).toBe(false);
      expect(await getDatabaseUrl()).toBe(db.url);
      const first = await runMigrations();
      expect(first.embedded).toBe(false);
      expect(first.applied.length).toBeGreaterThan(0);
      expect(first.database).not.toContain(new URL(db.url).password);
      expect(first.database).toContain("***");
      expect(await tables(db.url)).toContain("snapshot");
      const second = await runMigrations();
      expect(second.applied).toEqual([]);
      expect(second.alreadyApplied).toEqual(first.applied);
    } finally {
      await db.drop();
    }
  });

  it("without DATABASE_URL starts the embedded PostgreSQL in EMBEDDED_PG_DIR and stops it again", async () => {
    delete process.env.DATABASE_URL;
    process.env.EMBEDDED_PG_DIR = DATA_DIR;
    await stopPostmaster(DATA_DIR);
    expect(usesEmbeddedDatabase()).toBe(true);
    const url = await getDatabaseUrl();
    expect(new URL(url).pathname).toBe("/palisade");
    expect(new URL(url).hostname).toBe("127.0.0.1");
    expect(await getDatabaseUrl()).toBe(url); // once per process
    const running = await findRunningPostmaster(DATA_DIR);
    expect(running?.port).toBe(Number(new URL(url).port));
    await stopDatabase();
    expect(await findRunningPostmaster(DATA_DIR)).toBeUndefined();

    // runMigrations starts it, migrates the `palisade` database and stops what it started.
    const result = await runMigrations();
    expect(result.embedded).toBe(true);
    expect(await findRunningPostmaster(DATA_DIR)).toBeUndefined();
  });

  it("redacts passwords", () => {
    expect(redactDatabaseUrl("postgresql://u:s3cret@db:5432/x")).toBe("postgresql://u:***@db:5432/x");
    expect(redactDatabaseUrl("not a url")).toBe("<unparseable DATABASE_URL>");
  });
});
