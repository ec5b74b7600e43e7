import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { reachableByServer, startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";
import { applyMigrations, defaultMigrationsDir, type MigrateOptions, type MigrateResult } from "./migrate";

/**
 * Database bootstrap. One code path whatever the database: `getDatabaseUrl()` gives `DATABASE_URL` when set, or the
 * URL of an embedded PostgreSQL kept under `.data/postgres` in the project (override: `EMBEDDED_PG_DIR`) that this
 * process starts — or reuses when another Palisade process already runs it. `migrate(url)` brings that database to
 * the schema of prisma/migrations. The Prisma client itself is built in lib/store (the only code importing Prisma).
 * Server-side only: never import from client components. Paths are built at run time from the working directory;
 * the `turbopackIgnore` comments keep Next's file tracing from pulling in the whole project because of them.
 */

export { startEmbeddedPostgres, stopPostmaster, findRunningPostmaster, ensureDatabase, freePort, reachableByServer } from "./embedded-postgres";
export type { EmbeddedPostgres, EmbeddedPostgresOptions } from "./embedded-postgres";
export { applyMigrations, readMigrations, PRISMA_MIGRATION_LOCK_KEY } from "./migrate";
export type { MigrateOptions, MigrateResult, MigrationFile } from "./migrate";

interface DbGlobals {
  embedded?: Promise<EmbeddedPostgres>;
  migrated: Map<string, Promise<MigrateResult>>;
}

// Kept on globalThis so Next's dev hot reload does not start a second server or re-run migrations.
const globals: DbGlobals = ((globalThis as { __palisadeDb?: DbGlobals }).__palisadeDb ??= { migrated: new Map() });

/**
 * The project root: the nearest ancestor of the working directory whose package.json is Palisade's
 * (the CLI and `next start` run from it); the working directory when there is none.
 */
export function projectRoot(): string {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const pkg = path.join(/*turbopackIgnore: true*/ dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "palisade") return dir;
      } catch {
        // not ours; keep looking
      }
    }
    if (dir === path.dirname(dir)) return process.cwd();
  }
}

/**
 * Where the embedded PostgreSQL keeps its data: `EMBEDDED_PG_DIR`, else `<project>/.data/postgres` — moved under the
 * system temp directory when, running as root, the server's OS user cannot enter the checkout (`reachableByServer`).
 */
export function embeddedDataDir(): string {
  const fromEnv = process.env.EMBEDDED_PG_DIR;
  return reachableByServer(fromEnv ? path.resolve(/*turbopackIgnore: true*/ fromEnv) : path.join(/*turbopackIgnore: true*/ projectRoot(), ".data", "postgres"));
}

/**
 * The database Palisade uses: `DATABASE_URL` when set; otherwise starts (once per process) the embedded PostgreSQL
 * and returns the URL of its `palisade` database.
 */
export async function getDatabaseUrl(): Promise<string> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return fromEnv;
  return (await getEmbedded()).url;
}

/** True when no DATABASE_URL is set, i.e. Palisade runs its own embedded PostgreSQL. */
export function usesEmbeddedDatabase(): boolean {
  return !process.env.DATABASE_URL;
}

function getEmbedded(): Promise<EmbeddedPostgres> {
  if (!globals.embedded) {
    const started = startEmbeddedPostgres({ dataDir: embeddedDataDir() });
    globals.embedded = started;
    started.catch(() => {
      if (globals.embedded === started) globals.embedded = undefined;
    });
  }
  return globals.embedded;
}

/**
 * Applies pending migrations from the project's prisma/migrations to `url` (once per process and URL unless
 * `force`). See lib/db/migrate.ts for the bookkeeping contract.
 */
export function migrate(url: string, options: MigrateOptions & { force?: boolean } = {}): Promise<MigrateResult> {
  const dir = options.migrationsDir ?? defaultMigrationsDir(projectRoot());
  const key = `${dir}\n${url}`;
  const cached = globals.migrated.get(key);
  if (cached && !options.force) return cached;
  const run = applyMigrations(url, dir, { log: options.log });
  globals.migrated.set(key, run);
  run.catch(() => globals.migrated.delete(key));
  return run;
}

export interface RunMigrationsResult extends MigrateResult {
  /** The database, password removed. */
  database: string;
  embedded: boolean;
}

/**
 * `palisade db migrate`: resolves the database (DATABASE_URL or embedded), applies pending migrations and, when this
 * call started the embedded server, stops it again.
 */
export async function runMigrations(options: { log?: (message: string) => void } = {}): Promise<RunMigrationsResult> {
  const embedded = usesEmbeddedDatabase();
  const hadServer = globals.embedded !== undefined;
  try {
    const url = await getDatabaseUrl();
    const result = await migrate(url, { log: options.log, force: true });
    return { ...result, database: redactDatabaseUrl(url), embedded };
  } finally {
    if (embedded && !hadServer) await stopDatabase();
  }
}

/** Stops the embedded PostgreSQL if this process started it (a reused or external server is left alone). */
export async function stopDatabase(): Promise<void> {
  const embedded = globals.embedded;
  globals.embedded = undefined;
  globals.migrated.clear();
  if (!embedded) return;
  const server = await embedded.catch(() => undefined);
  await server?.stop();
}

/** `postgresql://user:***@host:port/db`: a URL safe to print. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<unparseable DATABASE_URL>";
  }
}

