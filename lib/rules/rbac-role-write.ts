import { defineRule } from "./support/define-rule";
import { anyOf } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { CLUSTERROLE_WRITE, ROLE_WRITE } from "./support/requests";
import { scopedMatch } from "./support/scoped";

export default defineRule({
  id: "rbac-role-write",
  title: "Write Roles or ClusterRoles",
  severity: "high",
  category: "rbac-escalation",
  rationale:
    "Role write lets the holder widen roles that are already bound to other subjects (with any permission it holds itself, or any " +
    "permission at all with `escalate`), silently changing what every holder of those roles can do.",
  remediation: "Reserve role management for administrators and GitOps controllers; review role changes.",
  references: [REF.escalateVerb, REF.rbacEscalationPrevention, ...mitreRefs(MITRE.clusterRoles)],
  mitre: [MITRE.clusterRoles],
  match: scopedMatch({
    probes: anyOf(ROLE_WRITE, CLUSTERROLE_WRITE),
    summary: "can create or change roles",
    severity: { cluster: "high", namespace: "medium" },
  }),
});
