import { defineRule } from "./support/define-rule";
import { MITRE, mitreRefs, REF } from "./support/references";
import { CONTROLLER_MODIFY } from "./support/requests";
import { scopedMatch } from "./support/scoped";

export default defineRule({
  id: "workload-controllers-update",
  title: "Modify existing pod controllers",
  severity: "high",
  category: "workload-execution",
  rationale:
    "Updating or patching a Deployment, DaemonSet, StatefulSet, Job, CronJob, ReplicaSet or ReplicationController can swap its image, " +
    "service account, volumes or securityContext; the controller then rolls out pods that run attacker code with those rights. " +
    "Patching a privileged kube-system DaemonSet is a cluster takeover.",
  remediation: "Limit update/patch on controllers to deployment pipelines; use resourceNames for operators that manage specific workloads.",
  references: [REF.workloadCreation, ...mitreRefs(MITRE.deployContainer, MITRE.stealToken)],
  mitre: [MITRE.deployContainer, MITRE.stealToken],
  match: scopedMatch({ probes: CONTROLLER_MODIFY, summary: "can modify pod controllers", severity: { cluster: "critical", namespace: "high" } }),
});
