import { defineEdge } from "../define-edge";
import type { EdgeDraft } from "../context";
import { cloudIdentityId, serviceAccountId } from "../ids";
import { MITRE } from "../mitre";

const PROVIDER = { aws: "IAM role", gcp: "Google service account", azure: "Azure managed identity (client id)" } as const;

/** A service account federated to a cloud identity (EKS IRSA, GKE Workload Identity, Azure Workload Identity). */
export default defineEdge({
  label: "CLOUD_ROLE",
  from: ["ServiceAccount"],
  to: ["CloudIdentity"],
  requires:
    "An annotation on the ServiceAccount: eks.amazonaws.com/role-arn (EKS IRSA), iam.gke.io/gcp-service-account (GKE Workload " +
    "Identity) or azure.workload.identity/client-id (Azure Workload Identity), with the cloud side trusting the account.",
  mitre: MITRE.cloudAccounts,
  explain:
    "Workload identity federation lets a pod exchange its projected service-account token for cloud credentials. Anyone who can " +
    "obtain a token for the service account (TokenRequest with the right audience, or a pod running as it) can assume the cloud " +
    "identity and reach whatever it is allowed in the cloud account: buckets, databases, other clusters. The graph trusts the " +
    "annotation; whether the cloud trust policy accepts the account is checked on the cloud side.",
  check: "kubectl get serviceaccount {name} {ns} -o jsonpath='{.metadata.annotations}'",
  defences: [
    "Scope the cloud trust policy to exactly system:serviceaccount:<ns>:<name> and the cluster's issuer.",
    "Give federated service accounts only to the workloads that need them, in namespaces others cannot create pods in.",
    "Least-privilege the cloud role itself.",
  ],
  cost: 1,
  build(ctx) {
    const out: EdgeDraft[] = [];
    for (const b of ctx.model.cloudBindings) {
      const sa = b.serviceAccount;
      out.push({
        from: serviceAccountId(sa.namespace, sa.name),
        to: cloudIdentityId(b.provider, b.identity),
        explanation: `is federated to ${PROVIDER[b.provider]} ${b.raw}`,
        evidence: [{ kind: "annotation", object: { kind: "ServiceAccount", name: sa.name, namespace: sa.namespace }, key: b.annotation, value: b.raw }],
        check: `kubectl get serviceaccount ${sa.name} -n ${sa.namespace} -o jsonpath='{.metadata.annotations}'`,
      });
    }
    return out;
  },
});
