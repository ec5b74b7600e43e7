import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/**
 * Migration SQL produced offline (toolchain notes §3): Prisma 7's migrate commands need a native schema engine that
 * cannot be downloaded here, but Prisma 6.19's CLI (installed as the `prisma-migrate-sql` alias) has a WASM engine
 * that diffs two schema files. It still connects to a database, so `databaseUrl` must be an EMPTY scratch database
 * (it is never written to by a file-to-file diff, but never give it one with data).
 * Build-time tool only; not imported by the app.
 */

export interface SchemaDiff {
  /** The migration script (may be the "empty migration" comment). */
  sql: string;
  /** True when the two schemas produce no DDL. */
  empty: boolean;
}

/** Marker Prisma prints for a diff without changes. */
const EMPTY_MARKER = "This is an empty migration.";

/**
 * SQL that takes a database from schema file `from` (null = empty database) to schema file `to`.
 * @param projectRoot where node_modules/prisma-migrate-sql and prisma/migrate-sql.config.ts live.
 */
export async function diffSchemas(options: { from: string | null; to: string; databaseUrl: string; projectRoot: string }): Promise<SchemaDiff> {
  const { projectRoot } = options;
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "palisade-diff-"));
  try {
    // Prisma 6.19 requires `url` in the datasource block, Prisma 7 forbids it: diff temp copies with it injected.
    const to = path.join(tmp, "to.prisma");
    await fs.writeFile(to, withDatasourceUrl(await fs.readFile(options.to, "utf8")));
    const args = [
      path.join(projectRoot, "node_modules", "prisma-migrate-sql", "build", "index.js"),
      "migrate",
      "diff",
      "--config",
      path.join(projectRoot, "prisma", "migrate-sql.config.ts"),
    ];
    if (options.from === null) {
      args.push("--from-empty");
    } else {
      const from = path.join(tmp, "from.prisma");
      await fs.writeFile(from, withDatasourceUrl(await fs.readFile(options.from, "utf8")));
      args.push("--from-schema-datamodel", from);
    }
    args.push("--to-schema-datamodel", to, "--script");

    const stub = path.join(projectRoot, "prisma", "no-schema-engine.sh");
    const { stdout, stderr, code } = await run(process.execPath, args, {
      cwd: projectRoot,
      env: {
        ...process.env,
        DATABASE_URL: options.databaseUrl,
        // Both point at a stub that fails loudly: without them the CLI tries to download native engines.
        PRISMA_QUERY_ENGINE_LIBRARY: stub,
        PRISMA_SCHEMA_ENGINE_BINARY: stub,
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
    });
    if (code !== 0) throw new Error(`prisma-migrate-sql migrate diff failed (exit ${code}):\n${stderr || stdout}`);
    return { sql: stdout, empty: stdout.includes(EMPTY_MARKER) || stdout.trim() === "" };
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/** Inserts `url = env("DATABASE_URL")` after the datasource's provider line. */
export function withDatasourceUrl(schema: string): string {
  const block = /(datasource\s+\w+\s*\{[^}]*?provider\s*=\s*"[^"]*")/;
  if (!block.test(schema)) throw new Error("schema has no datasource block with a provider");
  if (/datasource\s+\w+\s*\{[^}]*\burl\s*=/.test(schema)) return schema;
  return schema.replace(block, `$1\n  url = env("DATABASE_URL")`);
}

function run(cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ stdout, stderr, code }));
  });
}
