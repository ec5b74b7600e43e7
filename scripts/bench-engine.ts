/**
 * End-to-end engine benchmark on a large synthetic cluster:  npm run bench:engine [-- --json] [-- --size medium]
 *
 * 1. Makes sure bench-out/<size> holds the generated cluster for (size, seed) — generating it in a child process
 *    when absent or stale, so generation does not count towards this process's memory.
 * 2. Times, in this process: parse (lib/collect loadInventory) → analyze (lib/rbac) → rules (lib/rules runRules)
 *    → scoring (scoreIdentities) → who-can (get secrets in one namespace, and cluster-wide), the who-can queries
 *    repeated to report p50/p95.
 * 3. Reports wall time per phase, peak RSS (sampled every 50 ms and at every phase boundary) and the kernel's
 *    high-water mark (process.resourceUsage().maxRSS, what `/usr/bin/time -v` prints), as a table or JSON.
 *
 * Targets: end to end under 20 s and under 2 GiB peak RSS; a warm who-can query under 50 ms (p95).
 * `--check` exits 1 when a target is missed.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Command, InvalidArgumentError } from "commander";
import { loadInventory } from "@/lib/collect/files";
import { analyze, whoCan } from "@/lib/rbac";
import type { RequestAttributes } from "@/lib/rbac/types";
import { runRules, scoreIdentities } from "@/lib/rules";
import { CLUSTER_SIZES, isGenerated, type ClusterSize } from "./generate-cluster";
import { RssSampler, tick } from "./support/rss-sampler";

const TARGETS = { endToEndMs: 20_000, peakRssBytes: 2 * 1024 ** 3, whoCanP95Ms: 50 };
const MiB = 1024 * 1024;

export interface PhaseResult {
  name: string;
  ms: number;
  /** RSS right after the phase. */
  rssAfter: number;
}

export interface QueryStats {
  name: string;
  request: RequestAttributes;
  subjects: number;
  coldMs: number;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface BenchResult {
  size: ClusterSize;
  seed: number;
  dir: string;
  generatedMs: number | null;
  node: string;
  input: { files: number; objects: number; errors: number; warnings: number };
  inventory: Record<string, number>;
  analysis: { identities: number; grants: number; danglingRoleRefs: number; danglingSubjects: number };
  findings: number;
  phases: PhaseResult[];
  endToEndMs: number;
  whoCan: QueryStats[];
  peakRssSampled: number;
  maxRss: number;
  targets: { endToEnd: boolean; peakRss: boolean; whoCan: boolean };
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}



function ensureGenerated(size: ClusterSize, seed: number, dir: string, force: boolean): number | null {
  if (!force && isGenerated(dir, size, seed)) return null;
  const script = path.join(import.meta.dirname, "generate-cluster.ts");
  const t0 = performance.now();
  const res = spawnSync(process.execPath, ["--import", "tsx", script, "--size", size, "--seed", String(seed), "--out", dir, "--force"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (res.status !== 0) throw new Error(`generating ${dir} failed (exit ${res.status ?? res.signal})`);
  return performance.now() - t0;
}

export async function runBench(opts: { size: ClusterSize; seed: number; dir: string; iterations: number; regenerate: boolean; namespace?: string }): Promise<BenchResult> {
  const generatedMs = ensureGenerated(opts.size, opts.seed, opts.dir, opts.regenerate);

  const sampler = new RssSampler();
  sampler.start(50);
  const phases: PhaseResult[] = [];
  const phase = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    await tick();
    const t0 = performance.now();
    const value = await fn();
    const ms = performance.now() - t0;
    phases.push({ name, ms, rssAfter: sampler.sample() });
    return value;
  };

  const loaded = await phase("parse (loadInventory)", () => loadInventory([opts.dir]));
  if (loaded.errors.length > 0) {
    const first = loaded.errors.slice(0, 3).map((e) => `${e.file ?? ""}${e.line ? `:${e.line}` : ""}: ${e.message}`);
    throw new Error(`loading ${opts.dir} reported ${loaded.errors.length} error(s), e.g.\n  ${first.join("\n  ")}`);
  }
  const inv = loaded.inventory;
  const analysis = await phase("analyze (lib/rbac)", () => analyze(inv));

  const findings = await phase("rules (runRules)", () => runRules(analysis));
  await phase("score (scoreIdentities)", () => scoreIdentities(analysis, findings));

  // who-can: the first call of each query is part of end to end (it may build indexes); then warm repetitions.
  const namespace = opts.namespace ?? (inv.namespaces.some((n) => n.name === "payments-prod") ? "payments-prod" : inv.namespaces[0]?.name ?? "default");
  const queries: { name: string; request: RequestAttributes }[] = [
    { name: `get secrets -n ${namespace}`, request: { type: "resource", verb: "get", apiGroup: "", resource: "secrets", namespace } },
    { name: "get secrets (cluster-wide)", request: { type: "resource", verb: "get", apiGroup: "", resource: "secrets" } },
  ];
  const cold: { subjects: number; ms: number }[] = [];
  await phase("who-can (first call of each)", () => {
    for (const q of queries) {
      const t0 = performance.now();
      const subjects = whoCan(analysis, q.request).length;
      cold.push({ subjects, ms: performance.now() - t0 });
    }
  });
  const endToEndMs = phases.reduce((a, p) => a + p.ms, 0);

  const whoCanStats: QueryStats[] = [];
  for (const [i, q] of queries.entries()) {
    const times: number[] = [];
    for (let r = 0; r < opts.iterations; r++) {
      const t0 = performance.now();
      whoCan(analysis, q.request);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const c = cold[i] as { subjects: number; ms: number };
    whoCanStats.push({ name: q.name, request: q.request, subjects: c.subjects, coldMs: c.ms, runs: opts.iterations, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), maxMs: times[times.length - 1] ?? Number.NaN });
    await tick();
  }
  sampler.stop();
  const maxRss = process.resourceUsage().maxRSS * 1024; // kilobytes on Linux

  const inventory: Record<string, number> = {};
  for (const [k, v] of Object.entries(inv)) if (Array.isArray(v)) inventory[k] = v.length;
  let grants = 0;
  for (const list of analysis.grantsByIdentity.values()) grants += list.length;
  const peak = Math.max(sampler.peak, maxRss);
  return {
    size: opts.size,
    seed: opts.seed,
    dir: opts.dir,
    generatedMs,
    node: process.version,
    input: { files: loaded.files, objects: loaded.objects, errors: loaded.errors.length, warnings: loaded.warnings.length },
    inventory,
    analysis: { identities: analysis.identities.length, grants, danglingRoleRefs: analysis.danglingRoleRefs.length, danglingSubjects: analysis.danglingSubjects.length },
    findings: findings.length,
    phases,
    endToEndMs,
    whoCan: whoCanStats,
    peakRssSampled: sampler.peak,
    maxRss,
    targets: {
      endToEnd: endToEndMs < TARGETS.endToEndMs,
      peakRss: peak < TARGETS.peakRssBytes,
      whoCan: whoCanStats.every((q) => q.p95Ms < TARGETS.whoCanP95Ms),
    },
  };
}

const ms = (x: number) => `${x < 10 ? x.toFixed(2) : Math.round(x).toLocaleString("en-US")} ms`;
const mib = (x: number) => `${Math.round(x / MiB).toLocaleString("en-US")} MiB`;
const mark = (ok: boolean) => (ok ? "ok" : "MISSED");

export function formatTable(r: BenchResult): string {
  const lines: string[] = [];
  lines.push(`palisade engine bench — size=${r.size} seed=${r.seed} dir=${r.dir} (node ${r.node})`);
  lines.push(r.generatedMs === null ? "input: reused existing files" : `input: generated in ${ms(r.generatedMs)} (not counted below)`);
  lines.push(`input: ${r.input.files} files, ${r.input.objects.toLocaleString("en-US")} objects, ${r.input.errors} errors, ${r.input.warnings} warnings`);
  lines.push(`analysis: ${r.analysis.identities.toLocaleString("en-US")} identities, ${r.analysis.grants.toLocaleString("en-US")} grants, ${r.analysis.danglingRoleRefs} dangling roleRefs, ${r.analysis.danglingSubjects} dangling subjects, ${r.findings.toLocaleString("en-US")} findings`);
  lines.push("");
  const w = Math.max(...r.phases.map((p) => p.name.length), 24);
  lines.push(`${"phase".padEnd(w)}  ${"time".padStart(10)}  ${"RSS after".padStart(10)}`);
  for (const p of r.phases) lines.push(`${p.name.padEnd(w)}  ${ms(p.ms).padStart(10)}  ${mib(p.rssAfter).padStart(10)}`);
  lines.push(`${"end to end".padEnd(w)}  ${ms(r.endToEndMs).padStart(10)}  target < ${ms(TARGETS.endToEndMs)}: ${mark(r.targets.endToEnd)}`);
  lines.push("");
  lines.push(`${"who-can".padEnd(w)}  ${"subjects".padStart(8)}  ${"cold".padStart(9)}  ${"p50".padStart(9)}  ${"p95".padStart(9)}  ${"max".padStart(9)}  runs`);
  for (const q of r.whoCan) {
    lines.push(`${q.name.padEnd(w)}  ${String(q.subjects).padStart(8)}  ${ms(q.coldMs).padStart(9)}  ${ms(q.p50Ms).padStart(9)}  ${ms(q.p95Ms).padStart(9)}  ${ms(q.maxMs).padStart(9)}  ${q.runs}`);
  }
  lines.push(`who-can p95 target < ${ms(TARGETS.whoCanP95Ms)}: ${mark(r.targets.whoCan)}`);
  lines.push("");
  lines.push(`peak RSS: sampled ${mib(r.peakRssSampled)}, maxRSS ${mib(r.maxRss)}; target < ${mib(TARGETS.peakRssBytes)}: ${mark(r.targets.peakRss)}`);
  return lines.join("\n");
}

function parsePositiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError("expected a positive integer");
  return Number(value);
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name("bench-engine")
    .description("Time parse → analyze → rules → who-can end to end on a generated cluster and report peak RSS.")
    .option("--size <size>", "large | medium | small", (v: string) => {
      if (!(CLUSTER_SIZES as readonly string[]).includes(v)) throw new InvalidArgumentError(`expected one of ${CLUSTER_SIZES.join(", ")}`);
      return v as ClusterSize;
    }, "large" as ClusterSize)
    .option("--seed <n>", "generator seed", (v: string) => {
      if (!/^-?\d+$/.test(v)) throw new InvalidArgumentError("expected an integer");
      return Number(v);
    }, 42)
    .option("--dir <dir>", "cluster directory (default bench-out/<size>)")
    .option("--iterations <n>", "who-can repetitions per query", parsePositiveInt, 20)
    .option("--namespace <ns>", "namespace of the namespaced who-can query (default payments-prod)")
    .option("--regenerate", "regenerate the cluster even if the directory is current", false)
    .option("--json", "print JSON instead of a table", false)
    .option("--check", "exit 1 when a target is missed", false)
    .exitOverride();
  try {
    program.parse(argv, { from: "user" });
  } catch (err) {
    const code = (err as { exitCode?: number }).exitCode;
    return typeof code === "number" ? code : 2;
  }
  const o = program.opts<{ size: ClusterSize; seed: number; dir?: string; iterations: number; namespace?: string; regenerate: boolean; json: boolean; check: boolean }>();
  const result = await runBench({ size: o.size, seed: o.seed, dir: o.dir ?? path.join("bench-out", o.size), iterations: o.iterations, regenerate: o.regenerate, namespace: o.namespace });
  console.log(o.json ? JSON.stringify(result, null, 2) : formatTable(result));
  const ok = result.targets.endToEnd && result.targets.peakRss && result.targets.whoCan;
  return o.check && !ok ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`bench-engine: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
