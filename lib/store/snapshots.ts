// Server-side only; see lib/store/client.ts.
import type { Snapshot as SnapshotRow } from "@/lib/generated/prisma/client";
import { getPrisma } from "./client";
import type { ClusterListItem, CoverageGap, SnapshotInfo, SnapshotSource } from "./types";

const SOURCE_FROM_DB: Record<SnapshotRow["source"], SnapshotSource> = { live: "live", in_cluster: "in-cluster", files: "files" };

/** Every cluster with its current (newest complete) and latest (any status) snapshot. Two queries. */
export async function listClusters(): Promise<ClusterListItem[]> {
  const prisma = await getPrisma();
  const clusters = await prisma.$queryRawUnsafe<{ id: number; name: string; created_at: Date; current_snapshot_id: number | null; latest_id: number | null }[]>(
    `SELECT c.id, c.name, c.created_at, c.current_snapshot_id, l.id AS latest_id
       FROM cluster c
       LEFT JOIN LATERAL (SELECT s.id FROM snapshot s WHERE s.cluster_id = c.id ORDER BY s.started_at DESC, s.id DESC LIMIT 1) l ON true
      ORDER BY c.name`,
  );
  const ids = new Set<number>();
  for (const c of clusters) {
    if (c.current_snapshot_id !== null) ids.add(c.current_snapshot_id);
    if (c.latest_id !== null) ids.add(c.latest_id);
  }
  const snapshots = ids.size
    ? await prisma.snapshot.findMany({ where: { id: { in: [...ids] } }, include: { cluster: { select: { name: true } } } })
    : [];
  const byId = new Map(snapshots.map((s) => [s.id, toSnapshotInfo(s)]));
  return clusters.map((c) => ({
    id: c.id,
    name: c.name,
    createdAt: c.created_at,
    current: c.current_snapshot_id !== null ? (byId.get(c.current_snapshot_id) ?? null) : null,
    latest: c.latest_id !== null ? (byId.get(c.latest_id) ?? null) : null,
  }));
}

/** The cluster named `name`, if any. */
export async function getClusterByName(name: string): Promise<{ id: number; name: string; currentSnapshotId: number | null } | null> {
  const prisma = await getPrisma();
  return prisma.cluster.findUnique({ where: { name }, select: { id: true, name: true, currentSnapshotId: true } });
}

/** A cluster's snapshots of every status, newest first. */
export async function listSnapshots(clusterId: number, options: { limit?: number } = {}): Promise<SnapshotInfo[]> {
  const prisma = await getPrisma();
  const rows = await prisma.snapshot.findMany({
    where: { clusterId },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(options.limit ?? 100, 1), 1000),
    include: { cluster: { select: { name: true } } },
  });
  return rows.map(toSnapshotInfo);
}

/** The cluster's current snapshot: the newest complete one (never a collecting or failed one). */
export async function getCurrentSnapshot(clusterId: number): Promise<SnapshotInfo | null> {
  const prisma = await getPrisma();
  const cluster = await prisma.cluster.findUnique({ where: { id: clusterId }, include: { currentSnapshot: { include: { cluster: { select: { name: true } } } } } });
  return cluster?.currentSnapshot ? toSnapshotInfo(cluster.currentSnapshot) : null;
}

/** One snapshot of any status. */
export async function getSnapshot(snapshotId: number): Promise<SnapshotInfo | null> {
  const prisma = await getPrisma();
  const row = await prisma.snapshot.findUnique({ where: { id: snapshotId }, include: { cluster: { select: { name: true } } } });
  return row ? toSnapshotInfo(row) : null;
}

export function toSnapshotInfo(s: SnapshotRow & { cluster: { name: string } }): SnapshotInfo {
  return {
    id: s.id,
    clusterId: s.clusterId,
    clusterName: s.cluster.name,
    status: s.status,
    source: SOURCE_FROM_DB[s.source],
    sourceDetail: s.sourceDetail,
    startedAt: s.startedAt,
    finishedAt: s.finishedAt,
    coverageGaps: (s.coverageGaps ?? []) as unknown as CoverageGap[],
    counts: (s.counts ?? {}) as Record<string, number>,
    error: s.error,
  };
}

/**
 * Deletes a cluster's snapshots beyond the newest `keep` (default 10) — complete, failed or abandoned alike — with all
 * their rows. The current snapshot and a collection in progress are never deleted. Returns the deleted ids.
 */
export async function pruneSnapshots(clusterId: number, options: { keep?: number } = {}): Promise<number[]> {
  const keep = Math.max(options.keep ?? 10, 1);
  const prisma = await getPrisma();
  const cluster = await prisma.cluster.findUnique({ where: { id: clusterId }, select: { currentSnapshotId: true } });
  if (!cluster) return [];
  const old = await prisma.snapshot.findMany({
    where: { clusterId, status: { not: "collecting" } },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    skip: keep,
    select: { id: true },
  });
  const ids = old.map((s) => s.id).filter((id) => id !== cluster.currentSnapshotId);
  if (ids.length) await prisma.snapshot.deleteMany({ where: { id: { in: ids } } });
  return ids;
}
