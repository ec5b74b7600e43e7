import type { SubjectKind } from "@/lib/k8s/types";
import type { Identity } from "@/lib/rbac/types";
import { SEVERITIES, SEVERITY_RANK, type Finding, type IdentityRisk, type Severity } from "@/lib/rules/types";
import type { RiskLevel, SnapshotStats } from "./types";

/** The dashboard's aggregates, computed once when a snapshot is saved (Snapshot.stats). Pure. */
export function computeStats(identities: readonly Identity[], findings: readonly Finding[], risks: readonly IdentityRisk[]): SnapshotStats {
  const level = new Map(risks.map((r) => [r.identityId, r.level]));
  const identitiesByKind: Record<SubjectKind, number> = { User: 0, Group: 0, ServiceAccount: 0 };
  const identitiesByLevel = emptyLevels();
  for (const i of identities) {
    identitiesByKind[i.kind]++;
    identitiesByLevel[level.get(i.id) ?? "none"]++;
  }
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byRule = new Map<string, { ruleId: string; severity: Severity; count: number }>();
  for (const f of findings) addToRule(byRule, findingsBySeverity, f.ruleId, f.severity, 1);
  return { identitiesByKind, identitiesByLevel, findingsBySeverity, findingsByRule: sortRules(byRule) };
}

export function emptyLevels(): Record<RiskLevel, number> {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0, none: 0 };
}

export function addToRule(
  byRule: Map<string, { ruleId: string; severity: Severity; count: number }>,
  bySeverity: Record<Severity, number>,
  ruleId: string,
  severity: Severity,
  count: number,
): void {
  bySeverity[severity] += count;
  const entry = byRule.get(ruleId);
  if (!entry) byRule.set(ruleId, { ruleId, severity, count });
  else {
    entry.count += count;
    if (SEVERITY_RANK[severity] > SEVERITY_RANK[entry.severity]) entry.severity = severity;
  }
}

/** Most severe first, then most findings, then by id. */
export function sortRules(byRule: Map<string, { ruleId: string; severity: Severity; count: number }>): SnapshotStats["findingsByRule"] {
  return [...byRule.values()].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.count - a.count || a.ruleId.localeCompare(b.ruleId));
}
