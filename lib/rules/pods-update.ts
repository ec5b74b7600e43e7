import { defineRule } from "./support/define-rule";
import { probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { CORE, MODIFY_VERBS } from "./support/requests";
import { scopedMatch } from "./support/scoped";

const POD_MODIFY = probes({ verbs: MODIFY_VERBS, apiGroup: CORE, resources: ["pods"] });

export default defineRule({
  id: "pods-update",
  title: "Modify running pods (replace container images)",
  severity: "medium",
  category: "workload-execution",
  rationale:
    "A pod's container images are mutable: update/patch on pods replaces an image in place and the kubelet restarts the container with " +
    "attacker code, under the pod's service account and with its mounted Secrets. Labels can also be rewritten to hijack Service traffic.",
  remediation: "Grant update/patch on pods only to controllers that need it; use admission policy to pin images.",
  references: [REF.workloadCreation, ...mitreRefs(MITRE.deployContainer, MITRE.stealToken)],
  mitre: [MITRE.deployContainer, MITRE.stealToken],
  match: scopedMatch({ probes: POD_MODIFY, summary: "can modify running pods", severity: { cluster: "high", namespace: "medium" } }),
});
