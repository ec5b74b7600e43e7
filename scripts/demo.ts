/**
 * `npm run demo [-- --build] [-- --reload]`: Palisade with the bundled Acme Pay demo cluster, on a machine with no
 * cluster and no database.
 *
 * 1. Database: DATABASE_URL, or the embedded PostgreSQL under .data/postgres (started by this process); migrations.
 * 2. Loads lib/demo as cluster "acme-pay-demo" through the collection pipeline (lib/pipeline), unless its current
 *    snapshot already holds the same demo content (content hash; `--reload` loads anyway).
 * 3. `next build` when .next/BUILD_ID is missing or older than the sources (`--build`: always).
 * 4. `next start` on PORT (default 3000), which reuses the running database; prints the URL once it answers.
 * Ctrl-C (or SIGTERM) is forwarded to Next; when Next has exited the embedded PostgreSQL is stopped and this exits.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { embeddedDataDir, getDatabaseUrl, migrate, projectRoot, redactDatabaseUrl, usesEmbeddedDatabase } from "@/lib/db";
import {
  CollectionCancelledError,
  DEMO_CLUSTER_NAME,
  describeCollectionError,
  formatDuration,
  holdEmbeddedDatabase,
  loadDemoCluster,
  type HeldDatabase,
  type PhaseEvent,
} from "@/lib/pipeline";
import { closeStore } from "@/lib/store";

const BUILD_INPUT_DIRS = ["app", "components", "lib", "public"];
const BUILD_INPUT_FILES = [
  "next.config.ts",
  "instrumentation.ts",
  "middleware.ts",
  "proxy.ts",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
];
const CODE_EXT = /\.(tsx?|jsx?|mjs|cjs|css|json)$/;
/** Not compiled into the web app: data, fixtures, and the command line (lib/cli). */
const SKIP_DIRS = new Set(["node_modules", ".next", ".data", "manifests", "kubernetes-bootstrap", "fixtures", "test-fixtures", "cli"]);

/** Newest modification time (ms) among the files `next build` compiles; test files and data are left out. */
export function newestSourceMtime(root: string): { mtimeMs: number; file: string | undefined } {
  let newest = { mtimeMs: 0, file: undefined as string | undefined };
  const consider = (file: string): void => {
    const m = statSync(file).mtimeMs;
    if (m > newest.mtimeMs) newest = { mtimeMs: m, file };
  };
  const walk = (dir: string, everything: boolean): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(full, everything);
      } else if (e.isFile() && (everything || (CODE_EXT.test(e.name) && !/\.test\.tsx?$/.test(e.name)))) {
        consider(full);
      }
    }
  };
  for (const d of BUILD_INPUT_DIRS) {
    const full = path.join(root, d);
    if (existsSync(full)) walk(full, d === "public");
  }
  for (const f of BUILD_INPUT_FILES) {
    const full = path.join(root, f);
    if (existsSync(full)) consider(full);
  }
  return newest;
}

/** Why `next build` must run first, or undefined when .next/BUILD_ID is newer than every source file. */
export function buildReason(root: string, force = false): string | undefined {
  if (force) return "--build given";
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return "no production build yet (.next/BUILD_ID is missing)";
  const built = statSync(buildId).mtimeMs;
  const newest = newestSourceMtime(root);
  if (newest.mtimeMs > built) return `${path.relative(root, newest.file ?? "")} changed since the last build`;
  return undefined;
}

function nextBin(root: string): string {
  return path.join(root, "node_modules", "next", "dist", "bin", "next");
}

function run(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(5_000) });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return false;
}

const log = (m: string): void => void process.stdout.write(`${m}\n`);

export async function main(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    log("usage: npm run demo [-- --build] [-- --reload]\n  --build   run next build even if the build looks current\n  --reload  reload the demo cluster even if it is unchanged\n  PORT      port of the web app (default 3000)");
    return 0;
  }
  const unknown = argv.filter((a) => a !== "--build" && a !== "--reload");
  if (unknown.length > 0) {
    process.stderr.write(`demo: unknown argument ${unknown[0]} (try --help)\n`);
    return 2;
  }
  const port = process.env.PORT ?? "3000";
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    process.stderr.write(`demo: PORT must be a TCP port number, got "${port}"\n`);
    return 2;
  }
  const root = projectRoot();

  // Signals: while loading, cancel the load; while `next build`/`next start` runs, forward to it and wait. The database
  // (held by this process, without lib/db's stop-on-signal hook) is stopped last, in `finally`.
  let child: ChildProcess | undefined;
  let stopping: NodeJS.Signals | undefined;
  const cancel = new AbortController();
  let stoppingAt = 0;
  const onSignal = (sig: NodeJS.Signals): void => {
    if (stopping) {
      // npm, sh and tsx relay a signal sent to the whole process group, so one Ctrl-C or `kill -TERM -PGID` can
      // arrive more than once: only a repeat after a moment means "stop now".
      if (Date.now() - stoppingAt < 2_000) return;
      process.stderr.write(`demo: ${sig} again, exiting now\n`);
      process.exit(130);
    }
    stopping = sig;
    stoppingAt = Date.now();
    process.stderr.write(`\ndemo: ${sig} received, stopping${child ? " Next.js and" : ""} the database…\n`);
    if (child && child.exitCode === null) child.kill(sig);
    cancel.abort(new Error(`${sig} received`));
  };
  for (const s of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(s, onSignal);

  let database: HeldDatabase | undefined;
  try {
    const where = usesEmbeddedDatabase() ? `embedded PostgreSQL in ${path.relative(root, embeddedDataDir()) || "."}` : `${redactDatabaseUrl(process.env.DATABASE_URL!)} (DATABASE_URL)`;
    log(`Database: ${where}`);
    let t = performance.now();
    database = await holdEmbeddedDatabase();
    const url = await getDatabaseUrl();
    const migrated = await migrate(url);
    log(`  ready in ${formatDuration(performance.now() - t)}${migrated.applied.length ? `, applied ${migrated.applied.length} migration(s)` : ", schema up to date"}`);

    t = performance.now();
    const loaded = await loadDemoCluster({
      force: argv.includes("--reload"),
      signal: cancel.signal,
      onPhase: (e: PhaseEvent) => {
        if (e.type === "phase") log(`  ${e.phase}: ${e.detail}`);
      },
    });
    if (loaded.status === "up-to-date") log(`Demo cluster "${DEMO_CLUSTER_NAME}": already loaded (snapshot #${loaded.snapshotId}, same content)`);
    else {
      const s = loaded.summary;
      log(
        `Demo cluster "${DEMO_CLUSTER_NAME}": loaded as snapshot #${s.snapshotId} in ${formatDuration(performance.now() - t)} — ` +
          `${s.objects} objects, ${s.identities.total} identities, ${s.findings.total - s.findings.byDesign} findings (+${s.findings.byDesign} by design)`,
      );
    }

    const reason = buildReason(root, argv.includes("--build"));
    if (reason) {
      log(`Building the web app (${reason}); this takes a minute or two…`);
      child = spawn(process.execPath, [nextBin(root), "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
      const built = await run(child);
      child = undefined;
      if (stopping) return 130;
      if (built.code !== 0) {
        process.stderr.write(`demo: next build failed (${built.signal ?? `exit code ${built.code}`}); see its output above\n`);
        return 1;
      }
    }
    if (stopping) return 130;

    // Next's instrumentation.ts finds the embedded server through its postmaster.pid and reuses it.
    child = spawn(process.execPath, [nextBin(root), "start", "-p", port], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    const exited = run(child);
    if (await waitForHttp(`http://127.0.0.1:${port}/`, child)) {
      log(`\nPalisade demo: http://localhost:${port}/  (cluster "${DEMO_CLUSTER_NAME}"; Ctrl-C stops the web app and the database)\n`);
    }
    const result = await exited;
    if (!stopping) process.stderr.write(`demo: Next.js exited (${result.signal ?? `exit code ${result.code}`})\n`);
    return stopping ? 0 : (result.code ?? 1);
  } catch (error) {
    if (error instanceof CollectionCancelledError) return 130;
    process.stderr.write(`demo: ${describeCollectionError(error)}\n`);
    return 1;
  } finally {
    await closeStore().catch(() => undefined);
    await database?.stop().catch(() => undefined);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
