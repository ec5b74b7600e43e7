import { defineRule } from "./support/define-rule";
import { anyOf, probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { scopedMatch } from "./support/scoped";

const VERBS = ["create", "update", "patch", "delete"];
const PROBES = anyOf(
  probes({ verbs: VERBS, apiGroup: "kyverno.io", resources: ["clusterpolicies"], cluster: true }),
  probes({ verbs: VERBS, apiGroup: "kyverno.io", resources: ["policies", "policyexceptions"] }),
  probes({ verbs: VERBS, apiGroup: "templates.gatekeeper.sh", resources: ["constrainttemplates"], cluster: true }),
  probes({ verbs: VERBS, apiGroup: "constraints.gatekeeper.sh", resources: ["*"], cluster: true }),
  probes({ verbs: VERBS, apiGroup: "mutations.gatekeeper.sh", resources: ["assign", "assignmetadata", "modifyset", "assignimage"], cluster: true }),
  probes({ verbs: VERBS, apiGroup: "config.gatekeeper.sh", resources: ["configs"] }),
);

export default defineRule({
  id: "policy-engine-write",
  title: "Write policy-engine rules (Kyverno, Gatekeeper)",
  severity: "high",
  category: "admission-and-api",
  rationale:
    "Kyverno and Gatekeeper policies are the cluster's admission guardrails. Whoever writes them (or Kyverno PolicyExceptions) can " +
    "exempt their own workloads, disable enforcement, or add mutation rules that inject containers into other teams' pods.",
  remediation: "Manage policies through GitOps with administrator-only write access; restrict PolicyExceptions to a dedicated namespace and reviewers.",
  references: [REF.kyverno, REF.gatekeeper, REF.admissionWebhooks, ...mitreRefs(MITRE.impairDefenses)],
  mitre: [MITRE.impairDefenses],
  match: scopedMatch({ probes: PROBES, summary: "can change Kyverno or Gatekeeper policies", severity: { cluster: "high", namespace: "medium" } }),
});
