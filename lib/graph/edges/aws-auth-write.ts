import { asFlags, type EdgeDraft, forEachGrant, grantAllowsIn, grantEvidence, permissionText, req } from "../context";
import { defineEdge } from "../define-edge";
import { CLUSTER_ADMIN_ID } from "../ids";
import { MITRE } from "../mitre";

const NS = "kube-system";
const REQUESTS = [req("update", "", "configmaps", { name: "aws-auth" }), req("patch", "", "configmaps", { name: "aws-auth" })];

/** update/patch kube-system/aws-auth on EKS → map an IAM principal the attacker controls into system:masters. */
export default defineEdge({
  label: "AWS_AUTH_WRITE",
  from: ["User", "Group", "ServiceAccount"],
  to: ["ClusterAdmin"],
  requires: "`update` or `patch` on configmaps named aws-auth in kube-system (on an EKS cluster: aws-auth mappings or IRSA annotations present).",
  mitre: MITRE.accountManipulation,
  explain:
    "On EKS the aws-iam-authenticator maps IAM roles and users to Kubernetes users and groups through the kube-system/aws-auth " +
    "ConfigMap. Whoever can edit it adds a mapping from an IAM principal it controls to system:masters and signs in as cluster-admin, " +
    "bypassing RBAC.",
  check: "kubectl auth can-i update configmaps/aws-auth -n kube-system {as}",
  defences: ["Move to EKS access entries and remove aws-auth write access.", "Restrict configmap writes in kube-system to the platform's provisioning identity.", "Alert on aws-auth changes."],
  cost: 2,
  build(ctx) {
    if (!ctx.model.eks) return [];
    const out: EdgeDraft[] = [];
    forEachGrant(
      ctx,
      ["update", "patch"],
      (grant) => REQUESTS.find((x) => grantAllowsIn(grant, x, NS)),
      (p, grant, a) => {
        out.push({ from: p.id, to: CLUSTER_ADMIN_ID, explanation: "can edit kube-system/aws-auth to map an IAM principal into system:masters", evidence: [grantEvidence(grant, `${permissionText(a)} -n ${NS}`)], check: `kubectl auth can-i ${a.verb} configmaps/aws-auth -n ${NS} ${asFlags(p)}` });
      },
    );
    return out;
  },
});
