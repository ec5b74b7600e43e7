// Server-side only; see lib/store/client.ts.
import type { SubjectKind } from "@/lib/k8s/types";
import { getPrisma } from "./client";
import { emptyLevels } from "./stats";
import type { RiskLevel, SnapshotStats, SnapshotStatus } from "./types";

/** Identity counts of one population (the organisation's own, or Kubernetes' built-in identities). */
export interface IdentityPopulation {
  total: number;
  byKind: Record<SubjectKind, number>;
  byLevel: Record<RiskLevel, number>;
  overPermissive: number;
}

export interface IdentityBreakdown {
  own: IdentityPopulation;
  builtIn: IdentityPopulation;
}

function emptyPopulation(): IdentityPopulation {
  return { total: 0, byKind: { User: 0, Group: 0, ServiceAccount: 0 }, byLevel: emptyLevels(), overPermissive: 0 };
}

/**
 * A snapshot's identities counted by kind, risk level and over-permissiveness, separately for built-in (Kubernetes
 * system) identities and the organisation's own. One GROUP BY over identity(snapshot_id, …).
 */
export async function identityBreakdown(snapshotId: number): Promise<IdentityBreakdown> {
  const prisma = await getPrisma();
  const rows = await prisma.$queryRawUnsafe<{ kind: SubjectKind; built_in: boolean; risk_level: RiskLevel; over_permissive: boolean; n: bigint }[]>(
    `SELECT kind::text AS kind, built_in, risk_level::text AS risk_level, over_permissive, count(*) AS n
       FROM identity WHERE snapshot_id = $1 GROUP BY 1, 2, 3, 4`,
    snapshotId,
  );
  const out: IdentityBreakdown = { own: emptyPopulation(), builtIn: emptyPopulation() };
  for (const r of rows) {
    const pop = r.built_in ? out.builtIn : out.own;
    const n = Number(r.n);
    pop.total += n;
    pop.byKind[r.kind] += n;
    pop.byLevel[r.risk_level] += n;
    if (r.over_permissive) pop.overPermissive += n;
  }
  return out;
}

export interface SnapshotTrendPoint {
  snapshotId: number;
  startedAt: Date;
  status: SnapshotStatus;
  /** Null for snapshots saved before aggregates were stored, and for failed or running collections. */
  stats: SnapshotStats | null;
  identities: number;
  findings: number;
}

/**
 * A cluster's complete snapshots, oldest first (the newest `limit`, default 20): the aggregates stored with each one,
 * for posture trends. One indexed query on snapshot(cluster_id, started_at).
 */
export async function listSnapshotTrend(clusterId: number, options: { limit?: number } = {}): Promise<SnapshotTrendPoint[]> {
  const prisma = await getPrisma();
  const rows = await prisma.snapshot.findMany({
    where: { clusterId, status: "complete" },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(options.limit ?? 20, 1), 200),
    select: { id: true, startedAt: true, status: true, stats: true, counts: true },
  });
  return rows.reverse().map((s) => {
    const stats = s.stats as unknown as Partial<SnapshotStats> | null;
    const counts = (s.counts ?? {}) as Record<string, number>;
    return {
      snapshotId: s.id,
      startedAt: s.startedAt,
      status: s.status,
      stats: stats && stats.identitiesByLevel && stats.findingsBySeverity ? (stats as SnapshotStats) : null,
      identities: Number(counts.identities ?? 0),
      findings: Number(counts.findings ?? 0),
    };
  });
}
