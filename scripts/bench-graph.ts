/**
 * Attack-graph benchmark on a large synthetic cluster:  npm run bench:graph [-- --size medium] [-- --k 2] [-- --json]
 *
 * 1. Makes sure bench-out/<size> holds the generated cluster (scripts/generate-cluster.ts), generating it in a child
 *    process when absent or stale.
 * 2. Loads and analyses it (not timed against the target), then times buildAttackGraph and computePaths (every
 *    identity × every crown jewel, k alternatives), and pathsForIdentity for a sample of identities (the ones with the
 *    largest blast radius first, then random ones) to report p50/p95/max.
 * 3. Reports peak RSS (sampled every 50 ms and the kernel's maxRSS).
 *
 * Targets: graph build + all paths under 30 s and 2 GiB; one identity's paths under 200 ms.
 * `--check` exits 1 when a target is missed.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Command, InvalidArgumentError } from "commander";
import { loadInventory } from "@/lib/collect/files";
import { buildAttackGraph, computePaths, pathsForIdentity } from "@/lib/graph";
import { analyze } from "@/lib/rbac";
import { CLUSTER_SIZES, isGenerated, mulberry32, type ClusterSize } from "./generate-cluster";
import { RssSampler, tick } from "./support/rss-sampler";

const TARGETS = { allPathsMs: 30_000, peakRssBytes: 2 * 1024 ** 3, singleIdentityMs: 200 };
const MiB = 1024 * 1024;



function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

function ensureGenerated(size: ClusterSize, seed: number, dir: string): void {
  if (isGenerated(dir, size, seed)) return;
  const script = path.join(import.meta.dirname, "generate-cluster.ts");
  const res = spawnSync(process.execPath, ["--import", "tsx", script, "--size", size, "--seed", String(seed), "--out", dir, "--force"], { stdio: ["ignore", "ignore", "inherit"] });
  if (res.status !== 0) throw new Error(`generating ${dir} failed (exit ${res.status ?? res.signal})`);
}

export interface GraphBenchResult {
  size: ClusterSize;
  seed: number;
  k: number;
  node: string;
  inventory: Record<string, number>;
  loadMs: number;
  analyzeMs: number;
  buildMs: number;
  pathsMs: number;
  graph: { nodes: number; edges: number; jewels: number; byLabel: Record<string, number> };
  paths: { identitiesWithReach: number; paths: number; reacherEntries: number; perJewel: { jewel: string; reachers: number }[] };
  single: { runs: number; p50Ms: number; p95Ms: number; maxMs: number; worst: string };
  /** CPU time (user + system, all threads incl. GC) of build and paths: wall time is inflated on a shared machine. */
  cpuMs: Record<string, number>;
  /** Heap growth from before the build to after the paths (graph + results, minus garbage collected meanwhile). */
  heapGraphAndPaths: number;
  peakRss: number;
  rssAfterPaths: number;
  targets: { allPaths: boolean; peakRss: boolean; single: boolean };
}

export async function runBench(opts: { size: ClusterSize; seed: number; dir: string; k: number; samples: number }): Promise<GraphBenchResult> {
  ensureGenerated(opts.size, opts.seed, opts.dir);
  const sampler = new RssSampler();
  sampler.start();
  const cpu: Record<string, number> = {};
  const time = async <T>(fn: () => T, name?: string): Promise<[T, number]> => {
    await tick();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const v = fn();
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (name) cpu[name] = (c.user + c.system) / 1000;
    return [v, ms];
  };

  const t0 = performance.now();
  const loaded = await loadInventory([opts.dir]);
  const loadMs = performance.now() - t0;
  if (loaded.errors.length > 0) throw new Error(`loading ${opts.dir}: ${loaded.errors.length} error(s), first: ${loaded.errors[0]!.message}`);
  const [analysis, analyzeMs] = await time(() => analyze(loaded.inventory));
  const heapBefore = process.memoryUsage().heapUsed;
  const [graph, buildMs] = await time(() => buildAttackGraph(analysis), "build");
  const [result, pathsMs] = await time(() => computePaths(graph, { k: opts.k }), "paths");
  const heapGraphAndPaths = process.memoryUsage().heapUsed - heapBefore;
  const rssAfterPaths = sampler.sample();

  // Single identity: the widest blast radius first, then a seeded random sample.
  const byRadius = [...result.perIdentity].sort((a, b) => b.paths.length - a.paths.length || b.blastRadius.serviceAccounts - a.blastRadius.serviceAccounts);
  const sample = byRadius.slice(0, Math.ceil(opts.samples / 2)).map((p) => p.identityId);
  const ids = graph.nodes.filter((n) => n.kind === "User" || n.kind === "Group" || n.kind === "ServiceAccount").map((n) => n.id);
  const rnd = mulberry32(opts.seed);
  while (sample.length < opts.samples && ids.length > 0) sample.push(ids[Math.floor(rnd() * ids.length)]!);
  const times: { id: string; ms: number }[] = [];
  for (const id of sample) {
    const s = performance.now();
    pathsForIdentity(graph, id, { k: opts.k });
    times.push({ id, ms: performance.now() - s });
  }
  sampler.stop();
  const sorted = times.map((t) => t.ms).sort((a, b) => a - b);
  const worst = times.reduce((a, b) => (b.ms > a.ms ? b : a), { id: "", ms: -1 });

  const byLabel: Record<string, number> = {};
  for (const e of graph.edges) byLabel[e.label] = (byLabel[e.label] ?? 0) + 1;
  const inventory: Record<string, number> = {};
  for (const [k, v] of Object.entries(loaded.inventory)) if (Array.isArray(v)) inventory[k] = v.length;
  const peak = Math.max(sampler.peak, process.resourceUsage().maxRSS * 1024);
  return {
    size: opts.size,
    seed: opts.seed,
    k: opts.k,
    node: process.version,
    inventory,
    loadMs,
    analyzeMs,
    buildMs,
    pathsMs,
    graph: { nodes: graph.nodes.length, edges: graph.edges.length, jewels: graph.jewels.length, byLabel },
    paths: {
      identitiesWithReach: result.perIdentity.length,
      paths: result.perIdentity.reduce((a, p) => a + p.paths.length, 0),
      reacherEntries: result.perJewel.reduce((a, j) => a + j.reachers.length, 0),
      perJewel: result.perJewel.map((j) => ({ jewel: j.jewelId, reachers: j.reachers.length })).sort((a, b) => b.reachers - a.reachers),
    },
    single: { runs: times.length, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), maxMs: sorted[sorted.length - 1] ?? Number.NaN, worst: worst.id },
    cpuMs: cpu,
    heapGraphAndPaths,
    peakRss: peak,
    rssAfterPaths,
    targets: { allPaths: buildMs + pathsMs < TARGETS.allPathsMs, peakRss: peak < TARGETS.peakRssBytes, single: percentile(sorted, 95) < TARGETS.singleIdentityMs },
  };
}

const ms = (x: number) => `${x < 10 ? x.toFixed(2) : Math.round(x).toLocaleString("en-US")} ms`;
const mib = (x: number) => `${Math.round(x / MiB).toLocaleString("en-US")} MiB`;
const mark = (ok: boolean) => (ok ? "ok" : "MISSED");

export function formatTable(r: GraphBenchResult): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const lines = [
    `palisade attack-graph bench — size=${r.size} seed=${r.seed} k=${r.k} (node ${r.node})`,
    `inventory: ${Object.entries(r.inventory).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${n(v)}`).join(", ")}`,
    `load ${ms(r.loadMs)}, analyze ${ms(r.analyzeMs)} (not counted)`,
    "",
    `build graph      ${ms(r.buildMs).padStart(10)}   ${n(r.graph.nodes)} nodes, ${n(r.graph.edges)} edges, ${r.graph.jewels} crown jewels`,
    `all paths        ${ms(r.pathsMs).padStart(10)}   ${n(r.paths.identitiesWithReach)} identities with reach, ${n(r.paths.paths)} paths, ${n(r.paths.reacherEntries)} reacher entries`,
    `build + paths    ${ms(r.buildMs + r.pathsMs).padStart(10)}   target < ${ms(TARGETS.allPathsMs)}: ${mark(r.targets.allPaths)} (CPU: build ${ms(r.cpuMs.build ?? 0)}, paths ${ms(r.cpuMs.paths ?? 0)})`,
    `one identity     p50 ${ms(r.single.p50Ms)}, p95 ${ms(r.single.p95Ms)}, max ${ms(r.single.maxMs)} over ${r.single.runs} identities (worst ${r.single.worst}); target p95 < ${ms(TARGETS.singleIdentityMs)}: ${mark(r.targets.single)}`,
    `peak RSS         ${mib(r.peakRss)} (after paths ${mib(r.rssAfterPaths)}; heap added by graph + paths ${mib(r.heapGraphAndPaths)}); target < ${mib(TARGETS.peakRssBytes)}: ${mark(r.targets.peakRss)}`,
    "",
    "edges by label: " + Object.entries(r.graph.byLabel).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${n(v)}`).join(", "),
    "most-reached jewels: " + r.paths.perJewel.slice(0, 8).map((j) => `${j.jewel} (${n(j.reachers)})`).join(", "),
  ];
  return lines.join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name("bench-graph")
    .description("Time attack-graph build, all paths and single-identity paths on a generated cluster.")
    .option("--size <size>", "large | medium | small", (v: string) => {
      if (!(CLUSTER_SIZES as readonly string[]).includes(v)) throw new InvalidArgumentError(`expected one of ${CLUSTER_SIZES.join(", ")}`);
      return v as ClusterSize;
    }, "large" as ClusterSize)
    .option("--seed <n>", "generator seed", (v: string) => Number(v), 42)
    .option("--dir <dir>", "cluster directory (default bench-out/<size>)")
    .option("--k <n>", "alternatives per identity and jewel", (v: string) => Number(v), 1)
    .option("--samples <n>", "identities for the single-identity timing", (v: string) => Number(v), 40)
    .option("--json", "print JSON", false)
    .option("--check", "exit 1 when a target is missed", false)
    .exitOverride();
  try {
    program.parse(argv, { from: "user" });
  } catch (err) {
    const code = (err as { exitCode?: number }).exitCode;
    return typeof code === "number" ? code : 2;
  }
  const o = program.opts<{ size: ClusterSize; seed: number; dir?: string; k: number; samples: number; json: boolean; check: boolean }>();
  const r = await runBench({ size: o.size, seed: o.seed, dir: o.dir ?? path.join("bench-out", o.size), k: o.k, samples: o.samples });
  console.log(o.json ? JSON.stringify(r, null, 2) : formatTable(r));
  const ok = r.targets.allPaths && r.targets.peakRss && r.targets.single;
  return o.check && !ok ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`bench-graph: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      process.exit(1);
    },
  );
}
