// Server-side only; see lib/store/client.ts.
import type { SubjectKind } from "@/lib/k8s/types";
import { SEVERITIES, SEVERITY_RANK, type Severity } from "@/lib/rules/types";
import { getPrisma } from "./client";
import { identityRowToListRow } from "./identities";
import { toSnapshotInfo } from "./snapshots";
import type { RiskLevel, SnapshotSummary } from "./types";

const TOP_IDENTITIES = 10;

/**
 * Dashboard numbers for one snapshot: object counts, identities by kind and risk level, findings by severity and rule,
 * the riskiest identities. Four queries (the snapshot row, two GROUP BYs, one top-N index scan); null when absent.
 */
export async function snapshotSummary(snapshotId: number): Promise<SnapshotSummary | null> {
  const prisma = await getPrisma();
  const [snapshot, identityGroups, findingGroups, top] = await Promise.all([
    prisma.snapshot.findUnique({ where: { id: snapshotId }, include: { cluster: { select: { name: true } } } }),
    prisma.identity.groupBy({ by: ["kind", "riskLevel"], where: { snapshotId }, _count: { _all: true } }),
    prisma.finding.groupBy({ by: ["ruleId", "severity"], where: { snapshotId }, _count: { _all: true } }),
    prisma.identity.findMany({
      where: { snapshotId, riskScore: { gt: 0 } },
      orderBy: [{ riskScore: "desc" }, { identityId: "asc" }],
      take: TOP_IDENTITIES,
    }),
  ]);
  if (!snapshot) return null;

  const identitiesByKind: Record<SubjectKind, number> = { User: 0, Group: 0, ServiceAccount: 0 };
  const identitiesByLevel: Record<RiskLevel, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0, none: 0 };
  for (const g of identityGroups) {
    identitiesByKind[g.kind] += g._count._all;
    identitiesByLevel[g.riskLevel] += g._count._all;
  }
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byRule = new Map<string, { ruleId: string; severity: Severity; count: number }>();
  for (const g of findingGroups) {
    findingsBySeverity[g.severity] += g._count._all;
    const entry = byRule.get(g.ruleId);
    if (!entry) byRule.set(g.ruleId, { ruleId: g.ruleId, severity: g.severity, count: g._count._all });
    else {
      entry.count += g._count._all;
      if (SEVERITY_RANK[g.severity] > SEVERITY_RANK[entry.severity]) entry.severity = g.severity;
    }
  }
  const info = toSnapshotInfo(snapshot);
  return {
    snapshot: info,
    counts: info.counts,
    identitiesByKind,
    identitiesByLevel,
    findingsBySeverity,
    findingsByRule: [...byRule.values()].sort(
      (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.count - a.count || a.ruleId.localeCompare(b.ruleId),
    ),
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
