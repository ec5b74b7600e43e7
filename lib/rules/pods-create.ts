import { defineRule } from "./support/define-rule";
import { MITRE, mitreRefs, REF } from "./support/references";
import { POD_CREATE } from "./support/requests";
import { scopedMatch } from "./support/scoped";

export default defineRule({
  id: "pods-create",
  title: "Create pods (run as any service account in scope)",
  severity: "high",
  category: "workload-execution",
  rationale:
    "A pod can name any service account of its namespace and mount any Secret, ConfigMap or volume there, so creating pods means " +
    "stealing every service account token in scope; unless Pod Security Admission blocks it, a privileged or hostPath pod also " +
    "escapes to the node. Cluster-wide or in kube-system this reaches control-plane credentials.",
  remediation:
    "Let people deploy through a pipeline or GitOps controller instead of direct pod creation; enforce the `restricted` Pod Security " +
    "level; keep privileged service accounts out of namespaces where others create pods.",
  references: [REF.workloadCreation, REF.podSecurityAdmission, ...mitreRefs(MITRE.deployContainer, MITRE.stealToken, MITRE.escapeToHost)],
  mitre: [MITRE.deployContainer, MITRE.stealToken, MITRE.escapeToHost],
  match: scopedMatch({ probes: POD_CREATE, summary: "can create pods", severity: { cluster: "critical", namespace: "high" } }),
});
