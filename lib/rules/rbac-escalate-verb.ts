import { defineRule } from "./support/define-rule";
import { anyOf } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { ESCALATE_CLUSTERROLES, ESCALATE_ROLES } from "./support/requests";
import { scopedMatch } from "./support/scoped";

export default defineRule({
  id: "rbac-escalate-verb",
  title: "Escalate verb on roles (bypass RBAC escalation prevention)",
  severity: "critical",
  category: "rbac-escalation",
  rationale:
    "The API server only lets a user write a Role or ClusterRole with permissions the user already holds — unless the user has " +
    "`escalate` on it. With `escalate` (and write access to roles), any permission can be written into a role bound to the user: " +
    "cluster-admin for ClusterRoles, full namespace control for Roles.",
  remediation: "Remove `escalate` from every role except cluster administrators'; it is never needed by applications.",
  references: [REF.escalateVerb, REF.rbacEscalationPrevention, ...mitreRefs(MITRE.clusterRoles)],
  mitre: [MITRE.clusterRoles],
  match: scopedMatch({
    probes: anyOf(ESCALATE_ROLES, ESCALATE_CLUSTERROLES),
    summary: "can escalate roles beyond its own permissions",
    severity: { cluster: "critical", namespace: "high" },
  }),
});
