import { defineRule } from "./support/define-rule";
import { MITRE, mitreRefs, REF } from "./support/references";
import { CONTROLLER_CREATE } from "./support/requests";
import { scopedMatch } from "./support/scoped";

export default defineRule({
  id: "workload-controllers-create",
  title: "Create pod controllers (Deployments, DaemonSets, StatefulSets, Jobs, CronJobs, ReplicaSets, ReplicationControllers)",
  severity: "high",
  category: "workload-execution",
  rationale:
    "Every pod controller creates pods from a template, so creating one is creating pods: any service account and Secret of the " +
    "namespace can be mounted, and a DaemonSet puts the pod on every node. Pod-level reviews are often bypassed this way.",
  remediation: "Deploy through a reviewed pipeline or GitOps; enforce Pod Security Admission; keep privileged service accounts in namespaces nobody else deploys to.",
  references: [REF.workloadCreation, REF.podSecurityAdmission, ...mitreRefs(MITRE.deployContainer, MITRE.stealToken)],
  mitre: [MITRE.deployContainer, MITRE.stealToken],
  match: scopedMatch({ probes: CONTROLLER_CREATE, summary: "can create pod controllers", severity: { cluster: "critical", namespace: "high" } }),
});
