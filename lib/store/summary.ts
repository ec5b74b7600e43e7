// Server-side only; see lib/store/client.ts.
import type { SubjectKind } from "@/lib/k8s/types";
import { SEVERITIES, type Severity } from "@/lib/rules/types";
import { getPrisma } from "./client";
import { identityRowToListRow } from "./identities";
import { toSnapshotInfo } from "./snapshots";
import { addToRule, emptyLevels, sortRules } from "./stats";
import type { SnapshotStats, SnapshotSummary } from "./types";

const TOP_IDENTITIES = 10;

/**
 * Dashboard numbers for one snapshot: object counts, identities by kind and risk level, findings by severity and rule,
 * the riskiest identities. Two queries: the snapshot row (its aggregates were computed when it was saved) and a
 * top-N scan of identity(snapshot_id, risk_score DESC). Null when absent.
 */
export async function snapshotSummary(snapshotId: number): Promise<SnapshotSummary | null> {
  const prisma = await getPrisma();
  const [snapshot, top] = await Promise.all([
    prisma.snapshot.findUnique({ where: { id: snapshotId }, include: { cluster: { select: { name: true } } } }),
    prisma.identity.findMany({
      where: { snapshotId, riskScore: { gt: 0 } },
      orderBy: [{ riskScore: "desc" }, { identityId: "asc" }],
      take: TOP_IDENTITIES,
    }),
  ]);
  if (!snapshot) return null;
  const stored = snapshot.stats as unknown as Partial<SnapshotStats>;
  const stats = stored.findingsByRule ? (stored as SnapshotStats) : await aggregate(snapshotId);
  const info = toSnapshotInfo(snapshot);
  return {
    snapshot: info,
    counts: info.counts,
    ...stats,
    topIdentities: top.map((i) =>
      identityRowToListRow({
        identity_id: i.identityId,
        kind: i.kind,
        name: i.name,
        namespace: i.namespace,
        built_in: i.builtIn,
        exists: i.exists,
        risk_score: i.riskScore,
        risk_level: i.riskLevel,
        over_permissive: i.overPermissive,
        risk_reasons: i.riskReasons,
        finding_count: i.findingCount,
        grant_count: i.grantCount,
      }),
    ),
  };
}

/** The same aggregates from the rows, for a snapshot saved without them. */
async function aggregate(snapshotId: number): Promise<SnapshotStats> {
  const prisma = await getPrisma();
  const [identityGroups, findingGroups] = await Promise.all([
    prisma.identity.groupBy({ by: ["kind", "riskLevel"], where: { snapshotId }, _count: { _all: true } }),
    prisma.finding.groupBy({ by: ["ruleId", "severity"], where: { snapshotId }, _count: { _all: true } }),
  ]);
  const identitiesByKind: Record<SubjectKind, number> = { User: 0, Group: 0, ServiceAccount: 0 };
  const identitiesByLevel = emptyLevels();
  for (const g of identityGroups) {
    identitiesByKind[g.kind] += g._count._all;
    identitiesByLevel[g.riskLevel] += g._count._all;
  }
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byRule = new Map<string, { ruleId: string; severity: Severity; count: number }>();
  for (const g of findingGroups) addToRule(byRule, findingsBySeverity, g.ruleId, g.severity, g._count._all);
  return { identitiesByKind, identitiesByLevel, findingsBySeverity, findingsByRule: sortRules(byRule) };
}
