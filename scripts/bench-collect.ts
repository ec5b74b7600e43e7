/**
 * Live collection benchmark:  npm run bench:collect [-- --size large|medium|all] [-- --json] [-- --check]
 *
 * For each size (default: medium, then large) of the generated cluster (scripts/generate-cluster.ts; large = 1,000
 * namespaces, 100,000 pods, 20,000 service accounts, 50,000 RoleBindings, 8,000 Roles, 2,000 ClusterRoles,
 * 3,000 ClusterRoleBindings, plus controllers, secrets, …):
 *  1. a CHILD process serves the cluster from the fake Kubernetes API server (test/support/fake-kube-api.ts: real HTTP,
 *     pagination, metadata-only Secrets), so the collector's memory is measured on its own;
 *  2. another CHILD process runs the real pipeline — runCollection: live collection (500 objects per page, 4 lists at a
 *     time) → analyze → rules and scores → attack graph and paths → persist — into a fresh database on the embedded
 *     PostgreSQL (.data/pg-bench);
 *  3. reports the time per phase (network wait, parse/normalize, analysis, rules, graph, database), the slowest lists and
 *     tables, and the pipeline process's peak RSS (sampled every 50 ms, and the kernel's maxRSS).
 * Targets: large under 90 s and 2.5 GiB peak RSS; medium under 15 s. `--check` exits 1 when one is missed.
 *
 * Internal modes (used by the orchestrator): `--serve <dir>` and `--run <kubeconfig>`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { projectRoot, reachableByServer, startEmbeddedPostgres } from "@/lib/db";
import { runCollection, type CollectionSummary } from "@/lib/pipeline";
import { closeStore } from "@/lib/store";
import { startFakeKubeApi, type RawObject } from "@/test/support/fake-kube-api";
import { isGenerated, type ClusterSize } from "./generate-cluster";
import { RssSampler } from "./support/rss-sampler";

const TARGETS: Record<"large" | "medium", { ms: number; rss?: number }> = {
  large: { ms: 90_000, rss: 2.5 * 1024 ** 3 },
  medium: { ms: 15_000 },
};
const SEED = 42;
const MiB = 1024 * 1024;

export interface RunResult {
  summary: CollectionSummary;
  /** Wall time of each list (ms), from the collector's progress events. */
  lists: Record<string, number>;
  /** Time spent writing each table (ms). */
  tables: Record<string, number>;
  rssBefore: number;
  peakRssSampled: number;
  maxRss: number;
  /** RSS after each phase began (sampled at the phase event). */
  rssAtPhase: Record<string, number>;
}

export interface SizeResult {
  size: ClusterSize;
  served: { objects: number; loadMs: number };
  run: RunResult;
  targets: { time: boolean; rss: boolean | null };
}

// ───────────────────────── child: fake API server ─────────────────────────

async function serve(dir: string): Promise<void> {
  const t = performance.now();
  const objects: RawObject[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const list = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as { items?: RawObject[] };
    for (const item of list.items ?? []) objects.push(item);
  }
  const fake = await startFakeKubeApi({ objects, contextName: `bench-${path.basename(dir)}` });
  process.stdout.write(`${JSON.stringify({ kubeconfig: fake.kubeconfigPath, url: fake.url, objects: objects.length, loadMs: Math.round(performance.now() - t) })}\n`);
  objects.length = 0;
  // Serve until the parent closes our stdin.
  process.stdin.resume();
  await new Promise<void>((resolve) => process.stdin.on("end", resolve).on("close", resolve));
  await fake.close();
}

// ───────────────────────── child: the measured pipeline ─────────────────────────

async function runPipeline(kubeconfig: string): Promise<void> {
  const sampler = new RssSampler();
  const rssBefore = sampler.peak;
  sampler.start();
  const lists: Record<string, number> = {};
  const tables: Record<string, number> = {};
  const rssAtPhase: Record<string, number> = {};
  let table: { name: string; at: number } | undefined;
  const endTable = (): void => {
    if (table) tables[table.name] = Math.round(performance.now() - table.at);
    table = undefined;
  };
  try {
    const summary = await runCollection({
      source: { kind: "live", kubeconfig },
      onProgress: (e) => {
        if (e.type === "done") lists[e.resource] = e.ms;
      },
      onPhase: (e) => {
        if (e.type === "phase") rssAtPhase[e.phase] = sampler.sample();
        if (e.type === "table") {
          endTable();
          table = { name: e.table, at: performance.now() };
        }
      },
    });
    endTable();
    sampler.sample();
    const result: RunResult = { summary, lists, tables, rssBefore, peakRssSampled: sampler.peak, maxRss: process.resourceUsage().maxRSS * 1024, rssAtPhase };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    sampler.stop();
    await closeStore();
  }
}

// ───────────────────────── orchestrator ─────────────────────────

function tsxChild(args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", path.join(projectRoot(), "scripts", "bench-collect.ts"), ...args], {
    cwd: projectRoot(),
    stdio: ["pipe", "pipe", "inherit"],
    env,
  });
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once("line", (line) => {
      rl.close();
      resolve(line);
    });
    child.once("exit", (code) => reject(new Error(`child exited (code ${code}) before answering`)));
  });
}

function ensureGenerated(size: ClusterSize, log: (m: string) => void): string {
  const root = projectRoot();
  const dir = path.join(root, "bench-out", size);
  if (!isGenerated(dir, size, SEED)) {
    log(`generating ${dir} …`);
    const res = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts", "generate-cluster.ts"), "--size", size, "--seed", String(SEED), "--out", dir, "--force"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (res.status !== 0) throw new Error(`generating ${dir} failed`);
  }
  return dir;
}

async function benchSize(size: ClusterSize, adminUrl: string, log: (m: string) => void): Promise<SizeResult> {
  const dir = ensureGenerated(size, log);
  const database = `bench_collect_${size}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;

  log(`${size}: starting the fake API server (child process) …`);
  const server = tsxChild(["--serve", dir]);
  try {
    const served = JSON.parse(await firstLine(server)) as { kubeconfig: string; objects: number; loadMs: number };
    log(`${size}: serving ${served.objects.toLocaleString("en-US")} objects (indexed in ${served.loadMs} ms); running the pipeline (child process) …`);
    const runner = tsxChild(["--run", served.kubeconfig], { ...process.env, DATABASE_URL: url.toString() });
    runner.stdin!.end();
    let out = "";
    runner.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
    const code = await new Promise<number | null>((resolve) => runner.once("exit", resolve));
    if (code !== 0) throw new Error(`${size}: the pipeline process failed (exit code ${code})`);
    const run = JSON.parse(out.trim().split("\n").at(-1)!) as RunResult;
    const target = TARGETS[size as "large" | "medium"];
    return {
      size,
      served: { objects: served.objects, loadMs: served.loadMs },
      run,
      targets: { time: target ? run.summary.durationsMs.total < target.ms : true, rss: target?.rss ? run.maxRss < target.rss : null },
    };
  } finally {
    server.stdin!.end();
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once("exit", resolve)));
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await cleanup.end();
  }
}

function s(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

function report(r: SizeResult): string {
  const d = r.run.summary.durationsMs;
  const sum = r.run.summary;
  const target = TARGETS[r.size as "large" | "medium"];
  const lines = [
    `── ${r.size}: ${sum.objects.toLocaleString("en-US")} objects in ${sum.pages} pages; ${sum.identities.total.toLocaleString("en-US")} identities, ` +
      `${sum.grants.toLocaleString("en-US")} grants, ${sum.findings.total.toLocaleString("en-US")} findings`,
    `   total      ${s(d.total).padStart(8)}${target ? `   target < ${s(target.ms)}: ${r.targets.time ? "met" : "MISSED"}` : ""}`,
    `   network    ${s(d.network).padStart(8)}   (collector waiting on the API server)`,
    `   parse      ${s(d.parse).padStart(8)}   (decoding pages, normalizing)`,
    `   analysis   ${s(d.analyze).padStart(8)}`,
    `   rules      ${s(d.rules).padStart(8)}   (rules and scores)`,
    `   graph      ${s(d.graph).padStart(8)}   (attack graph, paths of every identity to every crown jewel: ${sum.attackPaths.paths.toLocaleString("en-US")} paths, k=${sum.attackPaths.k}, ` +
      `${sum.attackPaths.identitiesWithPaths.toLocaleString("en-US")} identities reach ${sum.attackPaths.reachedCrownJewels} of ${sum.attackPaths.crownJewels} jewels)`,
    `   database   ${s(d.persist).padStart(8)}   (lock + transactional write)`,
    `   peak RSS   ${`${Math.round(r.run.maxRss / MiB)} MiB`.padStart(8)}   (sampled ${Math.round(r.run.peakRssSampled / MiB)} MiB; at start ${Math.round(r.run.rssBefore / MiB)} MiB)` +
      (target?.rss ? `   target < ${Math.round(target.rss / MiB)} MiB: ${r.targets.rss ? "met" : "MISSED"}` : ""),
    `   RSS at phase start: ${Object.entries(r.run.rssAtPhase).map(([k, v]) => `${k} ${Math.round(v / MiB)} MiB`).join(", ")}`,
    `   slowest lists: ${Object.entries(r.run.lists).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k} ${s(v)}`).join(", ")}`,
    `   slowest tables: ${Object.entries(r.run.tables).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k} ${s(v)}`).join(", ")}`,
  ];
  return lines.join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const serveAt = argv.indexOf("--serve");
  if (serveAt >= 0) {
    await serve(argv[serveAt + 1]!);
    return 0;
  }
  const runAt = argv.indexOf("--run");
  if (runAt >= 0) {
    await runPipeline(argv[runAt + 1]!);
    return 0;
  }
  const sizeArg = argv.includes("--size") ? argv[argv.indexOf("--size") + 1] : "all";
  const sizes: ClusterSize[] = sizeArg === "all" ? ["medium", "large"] : [sizeArg as ClusterSize];
  if (!sizes.every((x) => ["large", "medium", "small"].includes(x))) {
    process.stderr.write(`bench-collect: --size must be large, medium, small or all\n`);
    return 2;
  }
  const json = argv.includes("--json");
  const log = (m: string): void => void process.stderr.write(`${m}\n`);
  const server = await startEmbeddedPostgres({ dataDir: reachableByServer(path.join(projectRoot(), ".data", "pg-bench")), database: "postgres" });
  const results: SizeResult[] = [];
  try {
    for (const size of sizes) {
      const r = await benchSize(size, server.adminUrl, log);
      results.push(r);
      if (!json) process.stdout.write(`${report(r)}\n`);
    }
  } finally {
    await server.stop();
  }
  if (json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  const missed = results.some((r) => !r.targets.time || r.targets.rss === false);
  return argv.includes("--check") && missed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`bench-collect: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
