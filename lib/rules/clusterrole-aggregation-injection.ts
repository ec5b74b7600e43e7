import { defineRule } from "./support/define-rule";
import { evidenceFor } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { CLUSTERROLE_WRITE, ESCALATE_CLUSTERROLES } from "./support/requests";

/**
 * Aggregation injection: a ClusterRole labelled rbac.authorization.k8s.io/aggregate-to-admin|edit|view has its rules
 * copied by the clusterrole-aggregation controller into admin/edit/view — i.e. into every binding of those roles.
 * Labelling needs no special verb: create/update/patch on clusterroles is enough (the escalation check only limits the
 * rules themselves, which `escalate` lifts).
 */
export default defineRule({
  id: "clusterrole-aggregation-injection",
  title: "Inject rules into admin/edit/view through aggregation labels",
  severity: "high",
  category: "rbac-escalation",
  rationale:
    "Whoever can create or patch ClusterRoles can create one labelled `rbac.authorization.k8s.io/aggregate-to-edit: \"true\"` (or " +
    "-admin, -view). The aggregation controller then copies its rules into the built-in edit/admin/view roles, so every subject bound " +
    "to them anywhere gains those rules — a quiet way to spread or persist access. Together with `escalate` the injected rules are unlimited.",
  remediation:
    "Restrict ClusterRole write to cluster administrators and GitOps; alert on ClusterRoles carrying aggregate-to-* labels " +
    "(see rule aggregation-labelled-role-dangerous).",
  references: [REF.rbacAggregation, REF.escalateVerb, ...mitreRefs(MITRE.clusterRoles)],
  mitre: [MITRE.clusterRoles],
  match(ctx) {
    const write = evidenceFor(ctx.grants, CLUSTERROLE_WRITE);
    if (write.length === 0) return [];
    const escalate = evidenceFor(ctx.grants, ESCALATE_CLUSTERROLES);
    return [
      escalate.length > 0
        ? { severity: "critical", message: "can inject arbitrary rules into admin/edit/view (ClusterRole write + escalate)", namespace: null, evidence: write.concat(escalate) }
        : { message: "can inject its own permissions into admin/edit/view via aggregation labels", namespace: null, evidence: write },
    ];
  },
});
