import { defineEdge } from "../define-edge";
import type { EdgeDraft } from "../context";
import { cloudIdentityId, groupId, userId } from "../ids";
import { MITRE } from "../mitre";
import { normalizeIamArn } from "../model";

const CHECK = "kubectl get configmap aws-auth -n kube-system -o yaml";

/** An IAM role or user mapped by kube-system/aws-auth → the Kubernetes user name and groups it signs in as. */
export default defineEdge({
  label: "AWS_AUTH_MAPPED",
  from: ["CloudIdentity"],
  to: ["User", "Group"],
  requires: "An entry in kube-system/aws-auth mapRoles or mapUsers for the IAM principal.",
  mitre: MITRE.cloudAccounts,
  explain:
    "On EKS, whoever holds credentials for a mapped IAM role or user authenticates to the cluster as the mapped user name with the " +
    "mapped groups. A workload whose service account is federated to such a role (IRSA) can therefore come back into the cluster " +
    "with those groups — system:masters included.",
  check: CHECK,
  defences: ["Never map roles to system:masters; use EKS access entries with scoped access policies.", "Do not map roles that workloads can assume (IRSA) into the cluster."],
  cost: 1,
  build(ctx) {
    const out: EdgeDraft[] = [];
    for (const m of ctx.model.inventory.awsAuth) {
      const from = cloudIdentityId("aws", normalizeIamArn(m.arn));
      const evidence = [{ kind: "config" as const, object: { kind: "ConfigMap", name: "aws-auth", namespace: "kube-system" }, fact: `${m.type === "role" ? "mapRoles" : "mapUsers"}: ${m.arn} → ${m.username ?? "(no username)"} [${m.groups.join(", ")}]` }];
      if (m.username) out.push({ from, to: userId(m.username), explanation: `signs in to the cluster as user ${m.username} (aws-auth)`, evidence, check: CHECK });
      for (const g of m.groups) out.push({ from, to: groupId(g), explanation: `signs in to the cluster in group ${g} (aws-auth)`, evidence, check: CHECK });
    }
    return out;
  },
});
