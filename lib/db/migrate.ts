import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/**
 * Applies prisma/migrations/<name>/migration.sql files in name order, keeping Prisma's own bookkeeping table
 * `_prisma_migrations` exactly as the schema engine writes it (prisma-engines, schema-connector's migration
 * persistence), so `prisma migrate deploy`/`status` would see the same history:
 *  - same DDL; checksum = lowercase hex SHA-256 of the raw migration.sql bytes; id = random UUID;
 *    applied_steps_count = 1; finished_at = clock_timestamp();
 *  - serialized by Prisma's advisory lock key 72707369;
 *  - refuses to run while a migration is recorded as started but neither finished nor rolled back (Prisma P3009).
 * Each migration runs in its own transaction together with its bookkeeping row, so a failing script leaves no trace.
 * The runner is needed because Prisma 7's migrate commands need a native schema engine that cannot be fetched here.
 */

export const PRISMA_MIGRATION_LOCK_KEY = 72707369;

export interface MigrateOptions {
  /** Directory holding `<name>/migration.sql` folders. Default: prisma/migrations of the project. */
  migrationsDir?: string;
  /** Progress and warnings. Default: silent for progress, warnings to stderr. */
  log?: (message: string) => void;
}

export interface MigrateResult {
  /** Names of the migrations applied by this call, in order. */
  applied: string[];
  /** Migrations that were already applied before this call. */
  alreadyApplied: string[];
  /** Applied migrations whose migration.sql changed since (Prisma warns the same way). */
  modifiedSinceApplied: string[];
  /** Rows in _prisma_migrations with no folder here (applied by a newer Palisade). */
  unknownApplied: string[];
}

const BOOKKEEPING_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** The project's prisma/migrations directory. */
export function defaultMigrationsDir(projectRoot: string): string {
  return path.join(/*turbopackIgnore: true*/ projectRoot, "prisma", "migrations");
}

/** Reads `<dir>/<name>/migration.sql` for every sub-directory, sorted by name (Prisma's order). */
export async function readMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await fs.readdir(migrationsDir, { withFileTypes: true });
  } catch (e) {
    throw new Error(`cannot read migrations directory ${migrationsDir}: ${(e as Error).message}`);
  }
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const out: MigrationFile[] = [];
  for (const name of names) {
    const file = path.join(/*turbopackIgnore: true*/ migrationsDir, name, "migration.sql");
    const bytes = await fs.readFile(file).catch(() => undefined);
    if (!bytes) continue; // Prisma skips folders without migration.sql too.
    out.push({ name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") });
  }
  return out;
}

/** Applies pending migrations to the database at `url`. Idempotent; safe to run from several processes at once. */
export async function applyMigrations(url: string, migrationsDir: string, options: Omit<MigrateOptions, "migrationsDir"> = {}): Promise<MigrateResult> {
  const log = options.log ?? (() => undefined);
  const warn = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const migrations = await readMigrations(migrationsDir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const result: MigrateResult = { applied: [], alreadyApplied: [], modifiedSinceApplied: [], unknownApplied: [] };
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATION_LOCK_KEY]);
    try {
      await client.query(BOOKKEEPING_DDL);
      const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
      );
      const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
      if (failed) {
        throw new Error(
          `migration ${failed.migration_name} is recorded as started but not finished in _prisma_migrations (Prisma P3009); ` +
            `fix the database by hand, then mark it rolled back (UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${failed.migration_name}')`,
        );
      }
      const applied = new Map(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => [r.migration_name, r.checksum]));
      const known = new Set(migrations.map((m) => m.name));
      result.unknownApplied = [...applied.keys()].filter((n) => !known.has(n));
      for (const name of result.unknownApplied) warn(`warning: migration ${name} is applied to the database but missing from ${migrationsDir}`);

      for (const m of migrations) {
        const checksum = applied.get(m.name);
        if (checksum !== undefined) {
          result.alreadyApplied.push(m.name);
          if (checksum !== m.checksum) {
            result.modifiedSinceApplied.push(m.name);
            warn(`warning: migration ${m.name} was modified after it was applied (checksum ${checksum} != ${m.checksum})`);
          }
          continue;
        }
        log(`applying migration ${m.name}`);
        const id = randomUUID();
        await client.query("BEGIN");
        try {
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
            [id, m.checksum, m.name],
          );
          // Simple-query protocol (no parameters): runs the whole multi-statement script.
          await client.query(m.sql);
          await client.query(`UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`, [id]);
          await client.query("COMMIT");
        } catch (e) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw new Error(`migration ${m.name} failed: ${(e as Error).message}`);
        }
        result.applied.push(m.name);
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
  return result;
}
