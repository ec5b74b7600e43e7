import type { ClusterRole } from "@/lib/k8s/types";
import { selectorMatches } from "@/lib/rbac";
import type { Analysis } from "@/lib/rbac/types";
import { defineRule } from "./support/define-rule";
import { isDefaultRole } from "./support/bootstrap";
import { MITRE, mitreRefs, REF } from "./support/references";
import { takeoverCapabilities } from "./support/requests";
import type { FindingDraft } from "./types";

const WELL_KNOWN = ["admin", "edit", "view"].map((r) => ({ role: r, label: `rbac.authorization.k8s.io/aggregate-to-${r}` }));

/** Names of the roles a ClusterRole is aggregated into: via the well-known labels, or any aggregating role's selector. */
function aggregatedInto(role: ClusterRole, aggregators: readonly ClusterRole[]): string[] {
  const into = new Set<string>();
  for (const w of WELL_KNOWN) if (role.labels[w.label] === "true") into.add(w.role);
  for (const agg of aggregators) {
    if (agg.name !== role.name && agg.aggregationRule!.clusterRoleSelectors.some((s) => selectorMatches(s, role.labels))) into.add(agg.name);
  }
  return [...into].sort();
}

export default defineRule({
  id: "aggregation-labelled-role-dangerous",
  title: "Dangerous rules aggregated into admin/edit/view",
  severity: "high",
  category: "rbac-escalation",
  rationale:
    "A ClusterRole carrying an aggregate-to-admin/edit/view label (or matched by another role's aggregationRule) lends its rules to " +
    "every subject bound to the aggregating role, in every namespace where it is bound. Dangerous rules there (Secrets, pod creation, " +
    "RBAC write, impersonation…) reach far more subjects than the role's name suggests — `view` in particular is meant to be safe to hand out.",
  remediation: "Remove the aggregation label or the dangerous rules; bind the ClusterRole directly to the subjects that need it instead.",
  references: [REF.rbacAggregation, REF.rbacDefaultRoles, ...mitreRefs(MITRE.clusterRoles)],
  mitre: [MITRE.clusterRoles],
  matchCluster(analysis: Analysis) {
    const aggregators = analysis.inventory.clusterRoles.filter((r) => r.aggregationRule);
    const out: FindingDraft[] = [];
    for (const role of analysis.inventory.clusterRoles) {
      if (role.aggregationRule) continue; // its rules come from the roles it selects, which are checked themselves
      const into = aggregatedInto(role, aggregators);
      if (into.length === 0) continue;
      const caps = takeoverCapabilities(role.rules);
      if (caps.length === 0) continue;
      out.push({
        message: `ClusterRole ${role.name} is aggregated into ${into.join(", ")} and allows: ${caps.join(", ")}`,
        namespace: null,
        evidence: [],
        object: { kind: "ClusterRole", name: role.name },
        byDesign: isDefaultRole({ kind: "ClusterRole", name: role.name }, role.rules),
      });
    }
    return out;
  },
});
