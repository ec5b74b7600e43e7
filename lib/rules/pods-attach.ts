import { defineRule } from "./support/define-rule";
import { MITRE, mitreRefs, REF } from "./support/references";
import { POD_ATTACH } from "./support/requests";
import { scopedMatch } from "./support/scoped";

export default defineRule({
  id: "pods-attach",
  title: "Attach to running containers",
  severity: "medium",
  category: "workload-execution",
  rationale:
    "`pods/attach` connects to a running container's stdin/stdout: for containers running a shell or an interactive process this is " +
    "command execution with the pod's identity, and it exposes whatever the process prints.",
  remediation: "Remove pods/attach from standing roles; grant it just-in-time for debugging.",
  references: [REF.workloadCreation, ...mitreRefs(MITRE.containerAdminCommand)],
  mitre: [MITRE.containerAdminCommand],
  match: scopedMatch({ probes: POD_ATTACH, summary: "can attach to running containers", severity: { cluster: "high", namespace: "medium" } }),
});
