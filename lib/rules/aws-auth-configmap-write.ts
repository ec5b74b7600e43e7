import { defineRule } from "./support/define-rule";
import { evidenceFor, probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { CORE, MODIFY_VERBS } from "./support/requests";
import { oneFinding } from "./support/scoped";

/**
 * update/patch of kube-system/aws-auth (unrestricted or named). Creating ConfigMaps is not counted: on EKS the
 * ConfigMap normally exists, and counting every kube-system create grant would bury the real cases.
 */
const PROBES = probes({ verbs: MODIFY_VERBS, apiGroup: CORE, resources: ["configmaps"], namespace: "kube-system", names: ["aws-auth"] });

export default defineRule({
  id: "aws-auth-configmap-write",
  title: "Write the EKS aws-auth ConfigMap",
  severity: "critical",
  category: "configuration-and-network",
  rationale:
    "On Amazon EKS, kube-system/aws-auth maps IAM roles and users to Kubernetes users and groups. Whoever can edit it can map any AWS " +
    "principal they control to system:masters — cluster-admin that no RBAC binding shows. Reported as medium when the inventory has " +
    "no aws-auth mappings (probably not EKS, or the ConfigMap was not collected).",
  remediation: "Move to EKS access entries, or restrict aws-auth writes to the cluster's administrators; alert on changes.",
  references: [REF.awsAuth, ...mitreRefs(MITRE.modifyAuthentication, MITRE.validAccounts)],
  mitre: [MITRE.modifyAuthentication, MITRE.validAccounts],
  match: (ctx) =>
    oneFinding(
      evidenceFor(ctx.grants, PROBES),
      "can edit kube-system/aws-auth (map IAM principals to Kubernetes groups)",
      "kube-system",
      ctx.analysis.inventory.awsAuth.length > 0 ? "critical" : "medium",
    ),
});
