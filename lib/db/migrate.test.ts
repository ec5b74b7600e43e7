import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, MIGRATIONS_DIR, type TestDatabase } from "@/test/support/postgres";
import { applyMigrations, PRISMA_MIGRATION_LOCK_KEY } from "./migrate";
import { diffSchemas } from "./schema-diff";

const ROOT = path.resolve(import.meta.dirname, "../..");

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Migration folders as listed independently of the runner. */
const migrationDirs = (): string[] =>
  readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

describe("migration runner", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("applies every migration once and records it the way Prisma's schema engine does", async () => {
    const names = migrationDirs();
    expect(names.length).toBeGreaterThan(0);
    const first = await applyMigrations(db.url, MIGRATIONS_DIR);
    expect(first.applied).toEqual(names);
    expect(first.alreadyApplied).toEqual([]);

    const rows = await query<{
      id: string;
      checksum: string;
      finished_at: Date | null;
      migration_name: string;
      logs: string | null;
      rolled_back_at: Date | null;
      started_at: Date;
      applied_steps_count: number;
    }>(db.url, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const bytes = readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(row.applied_steps_count).toBe(1);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
    }
    // Bookkeeping columns as Prisma creates them.
    const columns = await query<{ column_name: string; data_type: string; character_maximum_length: number | null; is_nullable: string }>(
      db.url,
      `SELECT column_name, data_type, character_maximum_length, is_nullable FROM information_schema.columns
        WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => [c.column_name, c.data_type, c.character_maximum_length, c.is_nullable])).toEqual([
      ["id", "character varying", 36, "NO"],
      ["checksum", "character varying", 64, "NO"],
      ["finished_at", "timestamp with time zone", null, "YES"],
      ["migration_name", "character varying", 255, "NO"],
      ["logs", "text", null, "YES"],
      ["rolled_back_at", "timestamp with time zone", null, "YES"],
      ["started_at", "timestamp with time zone", null, "NO"],
      ["applied_steps_count", "integer", null, "NO"],
    ]);
    const tables = await query<{ table_name: string }>(db.url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(["_prisma_migrations", "binding", "cluster", "finding", "grant_set", "identity", "namespace", "node", "role", "secret_meta", "snapshot", "workload"]),
    );
  });

  it("re-applying is a no-op", async () => {
    const before = await query<{ id: string }>(db.url, `SELECT id FROM "_prisma_migrations" ORDER BY id`);
    const again = await applyMigrations(db.url, MIGRATIONS_DIR);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toEqual(migrationDirs());
    expect(again.modifiedSinceApplied).toEqual([]);
    expect(await query<{ id: string }>(db.url, `SELECT id FROM "_prisma_migrations" ORDER BY id`)).toEqual(before);
  });

  it("runs concurrently from several processes' worth of clients without applying twice", async () => {
    const fresh = await createTestDatabase({ migrate: false });
    try {
      const results = await Promise.all([applyMigrations(fresh.url, MIGRATIONS_DIR), applyMigrations(fresh.url, MIGRATIONS_DIR), applyMigrations(fresh.url, MIGRATIONS_DIR)]);
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, migrationDirs().length]);
      const [{ n }] = (await query<{ n: string }>(fresh.url, `SELECT count(*) AS n FROM "_prisma_migrations"`)) as [{ n: string }];
      expect(Number(n)).toBe(migrationDirs().length);
      // The lock is released afterwards.
      const locks = await query(fresh.url, `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1`, [PRISMA_MIGRATION_LOCK_KEY]);
      expect(locks).toEqual([]);
    } finally {
      await fresh.drop();
    }
  });

  describe("with a scratch migrations directory", () => {
    let dir: string;
    let scratch: TestDatabase;
    beforeAll(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), "palisade-migrations-"));
      await fs.mkdir(path.join(dir, "20260101000000_first"));
      await fs.writeFile(path.join(dir, "20260101000000_first", "migration.sql"), "CREATE TABLE t (id int PRIMARY KEY);\n");
      scratch = await createTestDatabase({ migrate: false });
    });
    afterAll(async () => {
      await scratch?.drop();
      await fs.rm(dir, { recursive: true, force: true });
    });

    it("rolls a failing migration back completely and leaves no bookkeeping row", async () => {
      await applyMigrations(scratch.url, dir);
      await fs.mkdir(path.join(dir, "20260102000000_broken"));
      // The first statement succeeds, the second fails: neither may remain.
      await fs.writeFile(path.join(dir, "20260102000000_broken", "migration.sql"), "CREATE TABLE u (id int);\nALTER TABLE missing ADD COLUMN x int;\n");
      await expect(applyMigrations(scratch.url, dir)).rejects.toThrow(/migration 20260102000000_broken failed: .*missing/);
      const names = await query<{ migration_name: string }>(scratch.url, `SELECT migration_name FROM "_prisma_migrations"`);
      expect(names.map((r) => r.migration_name)).toEqual(["20260101000000_first"]);
      expect(await query(scratch.url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'u'`)).toEqual([]);
      await fs.rm(path.join(dir, "20260102000000_broken"), { recursive: true });
    });

    it("reports a migration edited after it was applied", async () => {
      await fs.writeFile(path.join(dir, "20260101000000_first", "migration.sql"), "CREATE TABLE t (id int PRIMARY KEY); -- edited\n");
      const warnings: string[] = [];
      const result = await applyMigrations(scratch.url, dir, { log: (m) => warnings.push(m) });
      expect(result.modifiedSinceApplied).toEqual(["20260101000000_first"]);
      expect(warnings.join("\n")).toMatch(/20260101000000_first was modified after it was applied/);
    });

    it("refuses to run over a migration recorded as started but unfinished (Prisma P3009)", async () => {
      await query(
        scratch.url,
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ('00000000-0000-0000-0000-000000000000', 'x', '20260103000000_half', now(), 0)`,
      );
      await expect(applyMigrations(scratch.url, dir)).rejects.toThrow(/20260103000000_half is recorded as started but not finished.*P3009/);
    });
  });
});

describe("migrations cover prisma/schema.prisma (npm run db:check)", () => {
  it("keeps schema.snapshot.txt identical to schema.prisma", () => {
    const schema = readFileSync(path.join(ROOT, "prisma", "schema.prisma"), "utf8");
    const snapshot = readFileSync(path.join(MIGRATIONS_DIR, "schema.snapshot.txt"), "utf8");
    expect(snapshot, "prisma/schema.prisma changed without `npm run db:migration -- <name>`").toBe(schema);
  });

  it("diffing the migrations' schema against schema.prisma yields no SQL, and a model change does", async () => {
    const scratch = await createTestDatabase({ migrate: false });
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "palisade-schema-"));
    try {
      const current = await diffSchemas({ from: path.join(MIGRATIONS_DIR, "schema.snapshot.txt"), to: path.join(ROOT, "prisma", "schema.prisma"), databaseUrl: scratch.url, projectRoot: ROOT });
      expect(current.empty, current.sql).toBe(true);

      const changed = path.join(tmp, "schema.prisma");
      await fs.writeFile(changed, readFileSync(path.join(ROOT, "prisma", "schema.prisma"), "utf8").replace("model Node {", "model Node {\n  providerId String? @map(\"provider_id\")"));
      const diff = await diffSchemas({ from: path.join(MIGRATIONS_DIR, "schema.snapshot.txt"), to: changed, databaseUrl: scratch.url, projectRoot: ROOT });
      expect(diff.empty).toBe(false);
      expect(diff.sql).toMatch(/ALTER TABLE "node" ADD COLUMN\s+"provider_id" TEXT/);
    } finally {
      await scratch.drop();
      await fs.rm(tmp, { recursive: true, force: true });
    }
  });
});
