import { defineRule } from "./support/define-rule";
import { probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { ADMISSION } from "./support/requests";
import { scopedMatch } from "./support/scoped";

const PROBES = probes({
  verbs: ["create", "update", "patch", "delete"],
  apiGroup: ADMISSION,
  resources: ["validatingadmissionpolicies", "validatingadmissionpolicybindings", "mutatingadmissionpolicies", "mutatingadmissionpolicybindings"],
  cluster: true,
});

export default defineRule({
  id: "admission-policy-write",
  title: "Write admission policies (ValidatingAdmissionPolicy / MutatingAdmissionPolicy)",
  severity: "high",
  category: "admission-and-api",
  rationale:
    "In-process admission policies enforce guardrails (image registries, pod security, label rules). Whoever can change or delete " +
    "them or their bindings can switch the guardrails off, and MutatingAdmissionPolicies can rewrite objects without any webhook.",
  remediation: "Manage admission policies through GitOps with administrator-only write access.",
  references: [REF.admissionPolicy, REF.admissionWebhooks, ...mitreRefs(MITRE.impairDefenses)],
  mitre: [MITRE.impairDefenses],
  match: scopedMatch({ probes: PROBES, summary: "can write admission policies or their bindings", severity: { cluster: "high", namespace: "high" } }),
});
