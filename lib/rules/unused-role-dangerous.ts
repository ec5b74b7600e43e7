import { selectorMatches } from "@/lib/rbac";
import type { PolicyRule } from "@/lib/k8s/types";
import type { Analysis, RoleRefResolved } from "@/lib/rbac/types";
import { defineRule } from "./support/define-rule";
import { isDefaultRole, isDefaultRoleName } from "./support/bootstrap";
import { MITRE, mitreRefs, REF } from "./support/references";
import { takeoverCapabilities } from "./support/requests";
import type { FindingDraft } from "./types";

const AGGREGATE_LABEL = /^rbac\.authorization\.k8s\.io\/aggregate-to-/;

/** Roles no binding refers to, and ClusterRoles neither bound nor aggregated into another role. */
function unusedRoles(analysis: Analysis) {
  const inv = analysis.inventory;
  const used = new Set<string>();
  for (const b of inv.roleBindings) used.add(b.roleRef.kind === "Role" ? `Role:${b.namespace}/${b.roleRef.name}` : `ClusterRole:${b.roleRef.name}`);
  for (const b of inv.clusterRoleBindings) if (b.roleRef.kind === "ClusterRole") used.add(`ClusterRole:${b.roleRef.name}`);
  const aggregators = inv.clusterRoles.filter((r) => r.aggregationRule);
  const aggregated = (labels: Record<string, string>, name: string) =>
    Object.keys(labels).some((k) => AGGREGATE_LABEL.test(k)) ||
    aggregators.some((a) => a.name !== name && a.aggregationRule!.clusterRoleSelectors.some((s) => selectorMatches(s, labels)));
  const roles = inv.roles
    .filter((r) => !used.has(`Role:${r.namespace}/${r.name}`))
    .map((r) => ({ kind: "Role" as const, name: r.name, namespace: r.namespace, rules: r.rules, aggregating: false }));
  const clusterRoles = inv.clusterRoles
    .filter((r) => !used.has(`ClusterRole:${r.name}`) && !aggregated(r.labels, r.name))
    .map((r) => ({ kind: "ClusterRole" as const, name: r.name, rules: analysis.clusterRoles.get(r.name)?.rules ?? r.rules, aggregating: !!r.aggregationRule }));
  return [...clusterRoles, ...roles];
}

/**
 * By design: a default role with its default rules, or a default aggregating role (admin, edit, view — meant to be
 * bound by users; whatever other roles aggregate into them is judged by aggregation-labelled-role-dangerous).
 */
function isDefaultUnused(ref: RoleRefResolved, role: { rules: PolicyRule[]; aggregating: boolean }): boolean {
  return (role.aggregating && isDefaultRoleName(ref)) || isDefaultRole(ref, role.rules);
}

export default defineRule({
  id: "unused-role-dangerous",
  title: "Unbound role with dangerous rules",
  severity: "low",
  category: "hygiene",
  rationale:
    "A role nobody is bound to grants nothing today, but it is loaded: anyone with `bind` on it, or binding write plus its " +
    "permissions, can hand it out, and stale dangerous roles are often left behind by uninstalled software.",
  remediation: "Delete roles that are no longer used; keep dangerous roles only where they are bound deliberately.",
  references: [REF.periodicReview, REF.bindVerb, ...mitreRefs(MITRE.clusterRoles)],
  mitre: [MITRE.clusterRoles],
  matchCluster(analysis) {
    const out: FindingDraft[] = [];
    for (const role of unusedRoles(analysis)) {
      const caps = takeoverCapabilities(role.rules);
      if (caps.length === 0) continue;
      const ns = role.kind === "Role" ? role.namespace : undefined;
      out.push({
        message: `${role.kind} ${ns ? `${ns}/` : ""}${role.name} is not bound to anyone but allows: ${caps.join(", ")}`,
        namespace: ns ?? null,
        evidence: [],
        object: { kind: role.kind, name: role.name, ...(ns ? { namespace: ns } : {}) },
        byDesign: isDefaultUnused(role.kind === "Role" ? { kind: "Role", name: role.name, namespace: ns! } : { kind: "ClusterRole", name: role.name }, role),
      });
    }
    return out;
  },
});
