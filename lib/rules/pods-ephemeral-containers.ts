import { defineRule } from "./support/define-rule";
import { MITRE, mitreRefs, REF } from "./support/references";
import { POD_EPHEMERAL } from "./support/requests";
import { scopedMatch } from "./support/scoped";

export default defineRule({
  id: "pods-ephemeral-containers",
  title: "Inject ephemeral containers into running pods",
  severity: "high",
  category: "workload-execution",
  rationale:
    "Updating `pods/ephemeralcontainers` adds a container with any image to a running pod (kubectl debug). It shares the pod's " +
    "service account, volumes and network, and can ask for its own securityContext — a privileged debug container escapes to the node " +
    "unless Pod Security Admission stops it.",
  remediation: "Grant pods/ephemeralcontainers only for just-in-time debugging, and enforce Pod Security Admission in every namespace.",
  references: [REF.ephemeralContainers, REF.podSecurityAdmission, ...mitreRefs(MITRE.containerAdminCommand, MITRE.escapeToHost)],
  mitre: [MITRE.containerAdminCommand, MITRE.escapeToHost],
  match: scopedMatch({ probes: POD_EPHEMERAL, summary: "can inject ephemeral containers into pods", severity: { cluster: "critical", namespace: "high" } }),
});
