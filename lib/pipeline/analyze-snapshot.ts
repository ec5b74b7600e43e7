import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";
import { buildAttackGraph, computePaths, type AttackGraph, type CrownJewelSelector } from "@/lib/graph";
import type { Inventory } from "@/lib/k8s/types";
import { analyze } from "@/lib/rbac";
import type { Analysis } from "@/lib/rbac/types";
import { runRules, scoreIdentities } from "@/lib/rules";
import type { Finding, IdentityRisk } from "@/lib/rules/types";
import { crownJewelSelectorsFor, prepareAttackPaths, type PreparedAttackPaths } from "@/lib/store";

/** Alternatives stored per (identity, crown jewel) beyond the cheapest path. */
export const PATH_ALTERNATIVES = 2;
/**
 * From this many attack-graph edges on, one alternative instead of {@link PATH_ALTERNATIVES}: on the large benchmark
 * cluster (480,000 edges) k = 2 means 1.6 million stored paths, k = 1 about a third fewer, for little extra insight.
 */
export const LARGE_GRAPH_EDGES = 250_000;

/** How many alternatives to store for a graph: {@link PATH_ALTERNATIVES}, or 1 for a large graph. */
export function alternativesFor(graph: Pick<AttackGraph, "edges">): number {
  return graph.edges.length >= LARGE_GRAPH_EDGES ? 1 : PATH_ALTERNATIVES;
}

export type AnalysisPhase = "analyze" | "rules" | "graph";

export interface AnalyzeSnapshotOptions {
  /** The cluster whose stored crown-jewel selectors apply (none when it does not exist yet). */
  cluster: { id: number } | { name: string };
  /** Called as each phase starts. */
  onPhase?: (phase: AnalysisPhase, detail: string) => void;
  /** Called between phases; throw from it to stop (cancellation). */
  checkpoint?: () => void;
  /** Alternatives per (identity, jewel); default {@link alternativesFor} the graph. */
  k?: number;
}

export interface SnapshotAnalysis {
  analysis: Analysis;
  findings: Finding[];
  risks: IdentityRisk[];
  /** Crown jewels, paths, blast radius and choke points, ready for saveSnapshot. */
  attackPaths: PreparedAttackPaths;
  durationsMs: { analyze: number; rules: number; graph: number };
}

/**
 * Everything a snapshot stores that is computed from its inventory: effective permissions (lib/rbac), findings and
 * risk scores (lib/rules, by-design findings included), and the attack graph's paths from every identity to every
 * crown jewel (lib/graph, with the cluster's stored crown-jewel selectors). Shared by runCollection and
 * POST /api/ingest, so a pushed snapshot and a collected one are computed the same way.
 *
 * Memory: the attack graph and its path objects are reduced to compact rows (prepareAttackPaths) before this returns,
 * so they can be collected while the snapshot is written.
 */
export async function analyzeSnapshot(inventory: Inventory, opts: AnalyzeSnapshotOptions): Promise<SnapshotAnalysis> {
  const checkpoint = opts.checkpoint ?? (() => undefined);
  opts.onPhase?.("analyze", "effective permissions per identity");
  let t = performance.now();
  const analysis = analyze(inventory);
  const analyzeMs = performance.now() - t;
  checkpoint();

  opts.onPhase?.("rules", `risk rules over ${analysis.identities.length} identities`);
  t = performance.now();
  const findings = runRules(analysis, { includeBuiltin: true });
  const risks = scoreIdentities(analysis, findings);
  const rulesMs = performance.now() - t;
  checkpoint();

  opts.onPhase?.("graph", "attack graph and paths to crown jewels");
  t = performance.now();
  const selectors = await crownJewelSelectorsFor(opts.cluster);
  collectGarbage();
  const attackPaths = attackPathsOf(analysis, selectors, opts.k);
  collectGarbage();
  const graphMs = performance.now() - t;
  checkpoint();
  return { analysis, findings, risks, attackPaths, durationsMs: { analyze: analyzeMs, rules: rulesMs, graph: graphMs } };
}

/** Graph → paths → compact rows, in a scope of its own so the graph and path objects die with it. */
function attackPathsOf(analysis: Analysis, selectors: readonly CrownJewelSelector[], k?: number): PreparedAttackPaths {
  const graph = buildAttackGraph(analysis, { selectors });
  const alternatives = k ?? alternativesFor(graph);
  const result = computePaths(graph, { k: alternatives });
  return prepareAttackPaths(graph, result, { k: alternatives, selectors: selectors.length });
}

let gc: (() => void) | null | undefined;

/**
 * A full garbage collection, before and after the graph phase. The analysis leaves garbage in V8's old generation,
 * and the graph and its path objects (~700 MB on the large benchmark cluster) live just long enough to reach it; V8
 * collects the old generation only when its limit (raised by each phase) is reached again, so each phase would
 * otherwise grow the heap on top of the previous one's garbage. Collecting at the boundaries lets the next phase reuse
 * that memory instead.
 * `gc` is V8's own, exposed with --expose-gc at runtime (node:v8 setFlagsFromString); where that is not possible the
 * call does nothing.
 */
function collectGarbage(): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString("--expose-gc");
      gc = vm.runInNewContext("gc") as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
