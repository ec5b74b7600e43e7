import { emptyInventory, type Inventory, type WorkloadKind } from "@/lib/k8s/types";
import type { Analysis } from "@/lib/rbac/types";
import { getRule, SEVERITIES, SEVERITY_RANK } from "@/lib/rules";
import type { Finding, IdentityRisk, Severity } from "@/lib/rules/types";
import type { AttackGraphSummary } from "@/lib/store/attack-path-rows";
import type { CoverageGap, SnapshotSource } from "@/lib/store/types";
import type { CollectionSummary, KindCount, RiskyIdentity, RuleCount } from "./types";

const WORKLOAD_RESOURCES: Record<WorkloadKind, string> = {
  Pod: "pods",
  Deployment: "deployments",
  ReplicaSet: "replicasets",
  StatefulSet: "statefulsets",
  DaemonSet: "daemonsets",
  Job: "jobs",
  CronJob: "cronjobs",
  ReplicationController: "replicationcontrollers",
};

/** Objects per resource for an inventory read from files (the live collector counts its own). */
export function filesPerKind(inv: Inventory): Record<string, KindCount> {
  const n = (objects: number): KindCount => ({ objects, pages: null });
  const out: Record<string, KindCount> = {
    namespaces: n(inv.namespaces.length),
    serviceaccounts: n(inv.serviceAccounts.length),
    clusterroles: n(inv.clusterRoles.length),
    clusterrolebindings: n(inv.clusterRoleBindings.length),
    roles: n(inv.roles.length),
    rolebindings: n(inv.roleBindings.length),
  };
  for (const resource of Object.values(WORKLOAD_RESOURCES)) out[resource] = n(0);
  for (const w of inv.workloads) out[WORKLOAD_RESOURCES[w.kind]]!.objects++;
  out.nodes = n(inv.nodes.length);
  out.networkpolicies = n(inv.networkPolicies.length);
  out.validatingwebhookconfigurations = n(inv.webhookConfigurations.filter((w) => w.kind === "ValidatingWebhookConfiguration").length);
  out.mutatingwebhookconfigurations = n(inv.webhookConfigurations.filter((w) => w.kind === "MutatingWebhookConfiguration").length);
  out.secrets = n(inv.secrets.length);
  out["configmaps/aws-auth"] = n(inv.awsAuth.length > 0 ? 1 : 0);
  return out;
}

/**
 * `perKind` in a stable order (the collector fills it in as lists finish, i.e. in network order): the live collector's
 * resource table order, anything else after it alphabetically.
 */
export function orderPerKind(perKind: Record<string, KindCount>): Record<string, KindCount> {
  const order = Object.keys(filesPerKind(emptyInventory()));
  const rank = (k: string): number => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  const keys = Object.keys(perKind).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, perKind[k]!]));
}

export interface SummaryInput {
  cluster: string;
  snapshotId: number;
  source: SnapshotSource;
  sourceDetail: string;
  context: string | null;
  server: string | null;
  startedAt: Date;
  perKind: Record<string, KindCount>;
  pages: number | null;
  coverageGaps: CoverageGap[];
  warnings: string[];
  inputErrors: string[];
  defaultRolesAdded: string[];
  analysis: Pick<Analysis, "identities" | "grantsByIdentity">;
  findings: readonly Finding[];
  risks: readonly IdentityRisk[];
  /** Figures of the stored attack paths (absent: none were computed). */
  attackGraph?: AttackGraphSummary;
  durationsMs: CollectionSummary["durationsMs"];
}

/** The summary of one stored collection. Pure. */
export function buildSummary(input: SummaryInput): CollectionSummary {
  const { analysis, findings, risks } = input;
  const identities = { total: analysis.identities.length, users: 0, groups: 0, serviceAccounts: 0, overPermissive: 0 };
  for (const i of analysis.identities) {
    if (i.kind === "User") identities.users++;
    else if (i.kind === "Group") identities.groups++;
    else identities.serviceAccounts++;
  }
  identities.overPermissive = risks.filter((r) => r.overPermissive).length;
  let grants = 0;
  for (const g of analysis.grantsByIdentity.values()) grants += g.length;

  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byRuleMap = new Map<string, RuleCount>();
  let byDesign = 0;
  for (const f of findings) {
    if (f.byDesign) {
      byDesign++;
      continue;
    }
    bySeverity[f.severity]++;
    const entry = byRuleMap.get(f.ruleId);
    if (!entry) byRuleMap.set(f.ruleId, { ruleId: f.ruleId, title: getRule(f.ruleId)?.title ?? f.ruleId, severity: f.severity, count: 1 });
    else {
      entry.count++;
      if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[entry.severity]) entry.severity = f.severity;
    }
  }
  const byRule = [...byRuleMap.values()].sort(
    (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.count - a.count || a.ruleId.localeCompare(b.ruleId),
  );
  const riskiestIdentities: RiskyIdentity[] = risks
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.identityId.localeCompare(b.identityId))
    .slice(0, 10)
    .map((r) => ({ id: r.identityId, score: Math.round(r.score), level: r.level, overPermissive: r.overPermissive }));

  const round = (ms: number): number => Math.round(ms);
  const d = input.durationsMs;
  return {
    schemaVersion: 1,
    cluster: input.cluster,
    snapshotId: input.snapshotId,
    source: input.source,
    sourceDetail: input.sourceDetail,
    context: input.context,
    server: input.server,
    startedAt: input.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    perKind: orderPerKind(input.perKind),
    objects: Object.values(input.perKind).reduce((n, k) => n + k.objects, 0),
    pages: input.pages,
    coverageGaps: input.coverageGaps,
    warnings: input.warnings,
    inputErrors: input.inputErrors,
    defaultRolesAdded: input.defaultRolesAdded,
    identities,
    grants,
    findings: { total: findings.length, byDesign, bySeverity, byRule },
    riskiestIdentities,
    attackPaths: {
      k: input.attackGraph?.k ?? 0,
      crownJewels: input.attackGraph?.jewels ?? 0,
      reachedCrownJewels: input.attackGraph?.reachedJewels ?? 0,
      identitiesWithPaths: input.attackGraph?.identitiesWithPaths ?? 0,
      paths: input.attackGraph?.paths ?? 0,
      graphNodes: input.attackGraph?.nodes ?? 0,
      graphEdges: input.attackGraph?.edges ?? 0,
      selectors: input.attackGraph?.selectors ?? 0,
      warnings: input.attackGraph?.warnings ?? [],
    },
    durationsMs: {
      network: round(d.network),
      parse: round(d.parse),
      analyze: round(d.analyze),
      rules: round(d.rules),
      graph: round(d.graph),
      persist: round(d.persist),
      total: round(d.total),
    },
  };
}
