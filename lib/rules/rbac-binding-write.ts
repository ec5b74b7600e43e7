import { defineRule } from "./support/define-rule";
import { anyOf } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { CLUSTERROLEBINDING_WRITE, ROLEBINDING_WRITE } from "./support/requests";
import { scopedMatch } from "./support/scoped";

export default defineRule({
  id: "rbac-binding-write",
  title: "Write RoleBindings or ClusterRoleBindings",
  severity: "high",
  category: "rbac-escalation",
  rationale:
    "Binding write lets the holder hand every permission it holds (and any role it may `bind`) to other subjects — including " +
    "attacker-controlled users or service accounts, a classic persistence step — and to rewire existing bindings' subjects.",
  remediation: "Reserve binding management for administrators and GitOps controllers; audit new bindings.",
  references: [REF.bindVerb, REF.rbacEscalationPrevention, REF.rbacRoleBinding, ...mitreRefs(MITRE.clusterRoles)],
  mitre: [MITRE.clusterRoles],
  match: scopedMatch({
    probes: anyOf(ROLEBINDING_WRITE, CLUSTERROLEBINDING_WRITE),
    summary: "can create or change role bindings",
    severity: { cluster: "high", namespace: "medium" },
  }),
});
