// Server-side only: which cluster and snapshot a page or API request is about.
import { cache } from "react";
import { getSnapshot, listClusters, type ClusterListItem, type SnapshotInfo } from "@/lib/store";
import type { SnapshotSelector } from "@/lib/schemas/query";

export interface SnapshotContext {
  clusters: ClusterListItem[];
  /** The cluster being viewed; null when there is none yet. */
  cluster: ClusterListItem | null;
  /** The snapshot being viewed (complete); null when the cluster has none yet. */
  snapshot: SnapshotInfo | null;
  /** The viewed snapshot is the cluster's current one. */
  isCurrent: boolean;
  /** What the selector asked for but could not be found, for an error message. */
  notFound?: string;
  /** Query string (`cluster=…&snapshot=…`, without `?`) that keeps this selection on other pages; "" for the default. */
  query: string;
}

const clusters = cache(() => listClusters());

/**
 * Resolves `?snapshot=` (a snapshot id) or `?cluster=` (that cluster's current snapshot); with neither, the first
 * cluster (by name) that has a complete snapshot. Only complete snapshots are viewable. Deduplicated per request.
 */
export async function resolveSnapshot(selector: SnapshotSelector): Promise<SnapshotContext> {
  const all = await clusters();
  const byId = new Map(all.map((c) => [c.id, c]));
  if (selector.snapshot !== undefined) {
    const snap = await getSnapshot(selector.snapshot);
    if (!snap || snap.status !== "complete" || (selector.cluster !== undefined && snap.clusterId !== selector.cluster)) {
      return { clusters: all, cluster: null, snapshot: null, isCurrent: false, notFound: `snapshot ${selector.snapshot}${snap && snap.status !== "complete" ? ` is ${snap.status}` : " does not exist"}`, query: "" };
    }
    const cluster = byId.get(snap.clusterId) ?? null;
    const isCurrent = cluster?.current?.id === snap.id;
    return { clusters: all, cluster, snapshot: snap, isCurrent, query: isCurrent ? clusterQuery(all, cluster) : `snapshot=${snap.id}` };
  }
  if (selector.cluster !== undefined) {
    const cluster = byId.get(selector.cluster);
    if (!cluster) return { clusters: all, cluster: null, snapshot: null, isCurrent: false, notFound: `cluster ${selector.cluster} does not exist`, query: "" };
    return { clusters: all, cluster, snapshot: cluster.current, isCurrent: cluster.current !== null, query: clusterQuery(all, cluster) };
  }
  const cluster = all.find((c) => c.current) ?? all[0] ?? null;
  return { clusters: all, cluster, snapshot: cluster?.current ?? null, isCurrent: cluster?.current != null, query: "" };
}

/** `cluster=ID` unless the cluster is the default one. */
function clusterQuery(all: ClusterListItem[], cluster: ClusterListItem | null): string {
  if (!cluster) return "";
  const fallback = all.find((c) => c.current) ?? all[0];
  return fallback?.id === cluster.id ? "" : `cluster=${cluster.id}`;
}

/** `path` with the selection's query (and `extra` parameters) appended. */
export function hrefWith(ctx: Pick<SnapshotContext, "query">, path: string, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams(ctx.query);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== "") params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}${path.includes("?") ? "&" : "?"}${qs}` : path;
}
