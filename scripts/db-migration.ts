/**
 * Writes migration SQL for changes to prisma/schema.prisma, offline.
 *
 *   npm run db:migration -- <name>   diff the schema as of the newest migration (prisma/migrations/schema.snapshot.txt)
 *                                    against prisma/schema.prisma; write prisma/migrations/<yyyymmddHHMMSS>_<name>/migration.sql
 *                                    and refresh the snapshot copy. Nothing is written when there is no change.
 *   npm run db:check                 exit 1 when prisma/schema.prisma has changes no migration covers (for CI).
 *
 * The diff runs on an empty scratch database (`prisma_migrate_diff`) of the project's embedded PostgreSQL, never on
 * DATABASE_URL: the diff tool must not see a database with data.
 */
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { embeddedDataDir, projectRoot, startEmbeddedPostgres } from "../lib/db";
import { diffSchemas } from "../lib/db/schema-diff";

const SCRATCH_DB = "prisma_migrate_diff";

async function main(argv: string[]): Promise<number> {
  const check = argv.includes("--check");
  const name = argv.find((a) => !a.startsWith("--"));
  if (!check && (!name || !/^[a-z0-9][a-z0-9_]*$/.test(name))) {
    process.stderr.write("usage: npm run db:migration -- <name>   (lower-case letters, digits and _; e.g. add_finding_index)\n       npm run db:check\n");
    return 2;
  }

  const root = projectRoot();
  const schemaFile = path.join(root, "prisma", "schema.prisma");
  const migrationsDir = path.join(root, "prisma", "migrations");
  const snapshotFile = path.join(migrationsDir, "schema.snapshot.txt");
  const from = existsSync(snapshotFile) ? snapshotFile : null;

  const server = await startEmbeddedPostgres({ dataDir: embeddedDataDir(), database: "postgres" });
  try {
    const scratchUrl = await freshScratchDatabase(server.adminUrl);
    const diff = await diffSchemas({ from, to: schemaFile, databaseUrl: scratchUrl, projectRoot: root });

    if (check) {
      if (diff.empty) {
        process.stdout.write("prisma/schema.prisma is covered by prisma/migrations\n");
        return 0;
      }
      process.stderr.write(`prisma/schema.prisma has changes without a migration; run \`npm run db:migration -- <name>\`. Pending SQL:\n${diff.sql}\n`);
      return 1;
    }

    if (diff.empty) {
      // Keep the snapshot byte-identical to the schema (comment-only edits) so the text check in tests stays exact.
      await fs.copyFile(schemaFile, snapshotFile);
      process.stdout.write("No schema changes: no migration written.\n");
      return 0;
    }
    const dir = path.join(migrationsDir, `${timestamp(new Date())}_${name}`);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, "migration.sql"), diff.sql);
    await fs.copyFile(schemaFile, snapshotFile);
    process.stdout.write(`Wrote ${path.relative(root, path.join(dir, "migration.sql"))}\n`);
    return 0;
  } finally {
    await server.stop();
  }
}

async function freshScratchDatabase(adminUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${SCRATCH_DB} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${SCRATCH_DB}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${SCRATCH_DB}`;
  return url.toString();
}

/** yyyymmddHHMMSS in UTC, Prisma's migration folder prefix. */
function timestamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
