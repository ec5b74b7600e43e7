import path from "node:path";
import { performance } from "node:perf_hooks";
import { withDefaultClusterRoles } from "@/lib/collect/default-policy";
import { formatInputError, type InputError } from "@/lib/collect/errors";
import { loadInventory } from "@/lib/collect/files";
import { loadKubeTarget } from "@/lib/collect/kubeconfig";
import { collectLive, CollectError, listContexts, type ContextInfo, type CoverageGap } from "@/lib/collect/live";
import type { Inventory } from "@/lib/k8s/types";
import { beginSnapshot, failSnapshot, saveSnapshot, type SnapshotHandle, type SnapshotSource } from "@/lib/store";
import { analyzeSnapshot } from "./analyze-snapshot";
import { CollectionCancelledError, CollectionInputError } from "./errors";
import { buildSummary, filesPerKind } from "./summary";
import type { CollectionSummary, KindCount, PhaseEvent, RunCollectionOptions } from "./types";

/**
 * The collection pipeline: collect (live API or files) → analyze (lib/rbac) → rules and scores (lib/rules) → attack
 * graph and paths to crown jewels (lib/graph, with the cluster's stored crown-jewel selectors) → persist one snapshot
 * (lib/store). Used by `palisade collect`, the demo loader, and anything else that stores a cluster.
 *
 * Atomic: the snapshot is begun (`collecting`, the cluster's collection lock taken) before the live collection starts,
 * so a concurrent collection of the same cluster is refused at once with lib/store's CollectionInProgressError; every
 * row is then written in one transaction that makes the snapshot current. Any failure — collector, engine, database,
 * or the caller's AbortSignal — marks the snapshot failed, and the cluster's previous snapshot stays current.
 * Files are read and validated before the database is touched, so a typo in a path creates nothing.
 *
 * Every finding is stored, the by-design ones (Kubernetes' unchanged default policy) included: the UI shows or hides
 * them. Does not print anything and does not stop the database: callers call `closeStore()` when done.
 */
export async function runCollection(opts: RunCollectionOptions): Promise<CollectionSummary> {
  const t0 = performance.now();
  const startedAt = new Date();
  const { signal, source } = opts;
  const phase = (e: PhaseEvent): void => {
    try {
      opts.onPhase?.(e);
    } catch {
      // A broken progress display must not break the collection.
    }
  };
  let clusterName: string | undefined = opts.clusterName?.trim() || undefined;
  const cancelled = (): CollectionCancelledError => new CollectionCancelledError(clusterName, abortReason(signal));
  if (signal?.aborted) throw cancelled();

  let handle: SnapshotHandle | undefined;
  // Time spent in the database: starting/connecting and taking the lock (beginSnapshot) plus writing (saveSnapshot).
  let databaseMs = 0;
  const begin = async (input: Parameters<typeof beginSnapshot>[0]): Promise<SnapshotHandle> => {
    const tb = performance.now();
    try {
      return await beginSnapshot(input);
    } finally {
      databaseMs += performance.now() - tb;
    }
  };
  try {
    // ── collect ──────────────────────────────────────────────────────────────────────────────────────────────────
    let inventory: Inventory;
    let snapshotSource: SnapshotSource;
    let sourceDetail: string;
    let context: string | null = null;
    let server: string | null = null;
    let perKind: Record<string, KindCount>;
    let coverageGaps: CoverageGap[] = [];
    const warnings: string[] = [];
    let inputErrors: InputError[] = [];
    let defaultRolesAdded: string[] = [];
    let network = 0;
    let parse = 0;

    if (source.kind === "files") {
      if (source.paths.length === 0 && !source.load) throw new Error("no input: give manifest files or directories (or - for stdin)");
      const tParse = performance.now();
      const loaded = source.load ? await source.load() : await loadInventory(source.paths, { stdin: source.stdin });
      if (loaded.errors.length > 0 && !source.ignoreErrors) throw new CollectionInputError(loaded.errors);
      inputErrors = loaded.errors;
      warnings.push(...loaded.warnings.map(formatInputError));
      inventory = loaded.inventory;
      if (source.defaultRoles !== false) {
        const withDefaults = await withDefaultClusterRoles(inventory);
        inventory = withDefaults.inventory;
        defaultRolesAdded = withDefaults.added;
      }
      parse = performance.now() - tParse;
      if (signal?.aborted) throw cancelled();
      clusterName ??= clusterNameFromPaths(source.paths);
      snapshotSource = "files";
      sourceDetail = opts.sourceDetail ?? source.paths.join(", ");
      perKind = filesPerKind(inventory);
      handle = await begin({ clusterName, source: snapshotSource, sourceDetail });
      phase({ type: "begin", clusterName, snapshotId: handle.snapshotId });
    } else {
      const inCluster = source.kind === "in-cluster";
      // Resolve the kubeconfig first: a missing file or unknown context is reported before the database is touched.
      const target = loadKubeTarget(inCluster ? { inCluster } : { kubeconfig: source.kubeconfig, context: source.context });
      context = target.contextName;
      server = target.server;
      clusterName ??= inCluster ? "in-cluster" : target.contextName;
      snapshotSource = inCluster ? "in-cluster" : "live";
      sourceDetail = opts.sourceDetail ?? (inCluster ? `in-cluster (${server})` : `context ${context} (${server})`);
      handle = await begin({ clusterName, source: snapshotSource, sourceDetail });
      phase({ type: "begin", clusterName, snapshotId: handle.snapshotId });
      phase({ type: "phase", phase: "collect", detail: `listing from ${server}` });
      if (signal?.aborted) throw cancelled();
      // The event loop is idle while waiting on the API server and busy while decoding and normalizing pages, so
      // its utilization over the collection splits the wall time into network wait and parsing.
      const elu0 = performance.eventLoopUtilization();
      let collected;
      try {
        collected = await collectLive({
          ...opts.live,
          ...(inCluster ? { inCluster } : { kubeconfig: source.kubeconfig, context: target.contextName }),
          includeSecrets: opts.includeSecrets,
          onProgress: opts.onProgress,
          signal,
        });
      } catch (error) {
        if (error instanceof CollectError && error.code === "aborted") throw cancelled();
        throw error;
      }
      const elu = performance.eventLoopUtilization(elu0);
      network = elu.idle;
      parse = elu.active;
      inventory = collected.inventory;
      coverageGaps = collected.coverageGaps;
      warnings.push(...collected.warnings, ...collected.inputWarnings.map(formatInputError));
      inputErrors = collected.inputErrors;
      perKind = Object.fromEntries(Object.entries(collected.perKind).map(([k, v]) => [k, { objects: v.objects, pages: v.pages }]));
    }
    if (signal?.aborted) throw cancelled();

    // ── analyze → rules → attack graph (shared with POST /api/ingest) ──────────────────────────────────────────
    const owner = handle;
    const { analysis, findings, risks, attackPaths, durationsMs: computed } = await analyzeSnapshot(inventory, {
      cluster: { id: owner.clusterId },
      onPhase: (p, detail) => phase({ type: "phase", phase: p, detail }),
      checkpoint: () => {
        if (signal?.aborted) throw cancelled();
      },
    });

    // ── persist ──────────────────────────────────────────────────────────────────────────────────────────────────
    phase({ type: "phase", phase: "persist", detail: `snapshot #${handle.snapshotId}` });
    const t = performance.now();
    const objects = Object.values(perKind).reduce((n, k) => n + k.objects, 0);
    const pages = source.kind === "files" ? null : Object.values(perKind).reduce((n, k) => n + (k.pages ?? 0), 0);
    const owned = handle;
    handle = undefined; // saveSnapshot marks the snapshot failed itself when it fails
    const { snapshotId } = await saveSnapshot({
      clusterName,
      source: snapshotSource,
      sourceDetail,
      snapshot: owned,
      inventory,
      analysis,
      findings,
      risks,
      attackPaths,
      coverageGaps,
      counts: {
        objectsCollected: objects,
        ...(pages !== null ? { pagesFetched: pages } : {}),
        inputErrors: inputErrors.length,
        warnings: warnings.length,
      },
      onProgress: (table, rows) => {
        // Throwing here rolls the transaction back and marks the snapshot failed.
        if (signal?.aborted) throw cancelled();
        if (table !== "complete") phase({ type: "table", table, rows });
      },
    });
    const persistMs = performance.now() - t + databaseMs;

    return buildSummary({
      cluster: clusterName,
      snapshotId,
      source: snapshotSource,
      sourceDetail,
      context,
      server,
      startedAt,
      perKind,
      pages,
      coverageGaps,
      warnings,
      inputErrors: inputErrors.map(formatInputError),
      defaultRolesAdded,
      analysis,
      findings,
      risks,
      attackGraph: attackPaths.summary,
      durationsMs: { network, parse, analyze: computed.analyze, rules: computed.rules, graph: computed.graph, persist: persistMs, total: performance.now() - t0 },
    });
  } catch (error) {
    if (handle) {
      // The database may be gone (e.g. an embedded server stopped by the same Ctrl-C); the snapshot then stays
      // `collecting` until the next collection of the cluster marks it failed. Either way it never becomes current.
      await failSnapshot(handle, error).catch(() => undefined);
    }
    throw error;
  }
}

export type ContextCollectionResult =
  | { context: ContextInfo; ok: true; summary: CollectionSummary }
  | { context: ContextInfo; ok: false; error: unknown };

/**
 * Collects every context of a kubeconfig, one after the other, each into its own cluster (named after the context).
 * A context that fails does not stop the others; cancellation (the signal) does.
 */
export async function runCollectionForAllContexts(
  opts: Omit<RunCollectionOptions, "source" | "clusterName" | "sourceDetail"> & {
    kubeconfig?: string;
    onContext?: (context: ContextInfo) => void;
  },
): Promise<ContextCollectionResult[]> {
  const { kubeconfig, onContext, ...rest } = opts;
  const out: ContextCollectionResult[] = [];
  for (const context of listContexts(kubeconfig)) {
    if (opts.signal?.aborted) throw new CollectionCancelledError(context.name, abortReason(opts.signal));
    onContext?.(context);
    try {
      out.push({ context, ok: true, summary: await runCollection({ ...rest, source: { kind: "live", kubeconfig, context: context.name } }) });
    } catch (error) {
      if (error instanceof CollectionCancelledError) throw error;
      out.push({ context, ok: false, error });
    }
  }
  return out;
}

/** `--from prod/` → `prod`; `--from cluster-dump.json` → `cluster-dump`; stdin alone has no name. */
export function clusterNameFromPaths(paths: string[]): string {
  const first = paths.find((p) => p !== "-");
  if (first === undefined) throw new Error("a collection read from stdin needs a cluster name (--cluster-name)");
  const base = path.basename(path.resolve(first));
  return base.replace(/\.(ya?ml|json)$/i, "") || base;
}

function abortReason(signal: AbortSignal | undefined): string | undefined {
  const r: unknown = signal?.reason;
  if (r instanceof Error) return r.name === "AbortError" ? undefined : r.message;
  return typeof r === "string" ? r : undefined;
}
