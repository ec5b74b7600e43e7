// Server-side only; see lib/store/client.ts.
import type { Finding as FindingRow } from "@/lib/generated/prisma/client";
import { getPrisma } from "./client";
import { toStoredFinding } from "./findings";
import type { StoredFinding } from "./types";

interface FindingRowSql {
  id: bigint;
  rule_id: string;
  severity: FindingRow["severity"];
  identity_id: string | null;
  object_kind: string | null;
  object_name: string | null;
  object_namespace: string | null;
  namespace: string | null;
  message: string;
  evidence: FindingRow["evidence"];
  by_design: boolean;
}

export interface RuleFindingSample {
  ruleId: string;
  /** The most severe of the rule's findings. */
  severity: FindingRow["severity"];
  /** Findings of the rule (by-design ones only when asked for). */
  total: number;
  /** The first `perRule` of them, by identity id. */
  findings: StoredFinding[];
}

/**
 * For each rule, its number of findings and the first `perRule` (default 8) of them: the findings page's groups in two
 * queries — a GROUP BY for the totals and one LATERAL index scan of finding(snapshot_id, rule_id, identity_id) per
 * rule. By-design findings (Kubernetes' unchanged defaults) are left out unless `byDesign` is true, in which case only
 * they are returned.
 */
export async function listFindingSamplesByRule(snapshotId: number, options: { perRule?: number; byDesign?: boolean } = {}): Promise<RuleFindingSample[]> {
  const prisma = await getPrisma();
  const perRule = Math.min(Math.max(options.perRule ?? 8, 0), 200);
  const byDesign = options.byDesign ?? false;
  const totals = await prisma.$queryRawUnsafe<{ rule_id: string; severity: FindingRow["severity"]; n: bigint }[]>(
    // Severity is an enum declared critical first, so min() is the most severe.
    `SELECT rule_id, min(severity)::text AS severity, count(*) AS n FROM finding WHERE snapshot_id = $1 AND by_design = $2 GROUP BY rule_id`,
    snapshotId,
    byDesign,
  );
  if (totals.length === 0) return [];
  const ruleIds = totals.map((t) => t.rule_id);
  const rows =
    perRule === 0
      ? []
      : await prisma.$queryRawUnsafe<FindingRowSql[]>(
          `SELECT f.id, f.rule_id, f.severity::text AS severity, f.identity_id, f.object_kind, f.object_name, f.object_namespace, f.namespace,
                  f.message, f.evidence, f.by_design
             FROM unnest($2::text[]) AS r(rule_id)
             CROSS JOIN LATERAL (
               SELECT * FROM finding f
                WHERE f.snapshot_id = $1 AND f.rule_id = r.rule_id AND f.by_design = $3
                ORDER BY f.identity_id NULLS LAST, f.id
                LIMIT ${perRule}) f`,
          snapshotId,
          ruleIds,
          byDesign,
        );
  const byRule = new Map<string, StoredFinding[]>();
  for (const r of rows) {
    const f = toStoredFinding({
      id: r.id,
      snapshotId,
      ruleId: r.rule_id,
      severity: r.severity,
      identityId: r.identity_id,
      objectKind: r.object_kind,
      objectName: r.object_name,
      objectNamespace: r.object_namespace,
      namespace: r.namespace,
      message: r.message,
      evidence: r.evidence,
      byDesign: r.by_design,
    });
    const list = byRule.get(f.ruleId) ?? [];
    list.push(f);
    byRule.set(f.ruleId, list);
  }
  return totals.map((t) => ({ ruleId: t.rule_id, severity: t.severity, total: Number(t.n), findings: byRule.get(t.rule_id) ?? [] }));
}
