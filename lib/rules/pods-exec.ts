import { defineRule } from "./support/define-rule";
import { MITRE, mitreRefs, REF } from "./support/references";
import { POD_EXEC } from "./support/requests";
import { scopedMatch } from "./support/scoped";

export default defineRule({
  id: "pods-exec",
  title: "Exec into pods",
  severity: "high",
  category: "workload-execution",
  rationale:
    "`pods/exec` runs commands inside any container in scope: its service account token, mounted Secrets and network position " +
    "become the caller's. kubectl 1.30+ opens exec over a websocket with a GET, so `get` on pods/exec is as powerful as `create`.",
  remediation: "Remove pods/exec from standing roles; grant it just-in-time, per namespace, for debugging.",
  references: [REF.workloadCreation, REF.leastPrivilege, ...mitreRefs(MITRE.containerAdminCommand, MITRE.stealToken)],
  mitre: [MITRE.containerAdminCommand, MITRE.stealToken],
  match: scopedMatch({ probes: POD_EXEC, summary: "can exec into pods", severity: { cluster: "critical", namespace: "high" } }),
});
