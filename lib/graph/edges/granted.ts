import { SYSTEM_MASTERS } from "@/lib/rbac/subjects";
import { type EdgeDraft, forEachGrant, grantAllowsCluster, grantEvidence, grantScope, renderCheck, req } from "../context";
import { defineEdge } from "../define-edge";
import { CLUSTER_ADMIN_ID, groupId, namespaceId } from "../ids";
import { MITRE } from "../mitre";

/** Every verb on every resource of every group: what `cluster-admin` holds. */
const EVERYTHING = req("*", "*", "*");
const CHECK = "kubectl auth can-i '*' '*' {ns} {as}";

/**
 * What an identity's own bindings give it outright: a grant of every verb on every resource makes it cluster-admin
 * (ClusterRoleBinding) or admin of the binding's namespace (RoleBinding). Members of system:masters are cluster-admin
 * without any binding. Grants to a group are held by its members through MEMBER_OF.
 */
export default defineEdge({
  label: "GRANTED",
  from: ["User", "Group", "ServiceAccount"],
  to: ["ClusterAdmin", "Namespace"],
  requires: "A binding that grants `*` verbs on `*` resources in `*` API groups (cluster-wide → cluster-admin; in a namespace → namespace admin), or membership of system:masters.",
  mitre: MITRE.validAccounts,
  explain:
    "The identity already holds full control: a ClusterRoleBinding to a role with `*` on `*` is cluster-admin; the same role " +
    "bound by a RoleBinding is full control of that namespace (every secret, token and workload in it). system:masters is " +
    "allowed everything by the API server before RBAC is asked, so no binding can take it away.",
  check: CHECK,
  defences: [
    "Keep cluster-admin bindings to a break-glass group; review them regularly.",
    "Never map people or workloads to system:masters (aws-auth, client certificates).",
    "Use the bootstrap `admin`/`edit` roles in namespaces instead of wildcard roles.",
  ],
  cost: 0,
  build(ctx) {
    const out: EdgeDraft[] = [];
    const masters = ctx.principalById.get(groupId(SYSTEM_MASTERS));
    if (masters) {
      out.push({
        from: masters.id,
        to: CLUSTER_ADMIN_ID,
        explanation: "is system:masters (allowed everything before RBAC)",
        evidence: [{ kind: "membership", fact: "system:masters is admitted by the API server's privileged-group authorizer for every request" }],
        check: `kubectl auth can-i '*' '*' --as=palisade-probe --as-group=${SYSTEM_MASTERS}`,
      });
    }
    forEachGrant(
      ctx,
      [],
      (grant) => (grant.namespace === null ? (grantAllowsCluster(grant, EVERYTHING) ? "cluster" : undefined) : grantScope(grant, EVERYTHING) !== null ? grant.namespace : undefined),
      (p, grant, where) => {
        if (where === "cluster") out.push({ from: p.id, to: CLUSTER_ADMIN_ID, explanation: "holds every verb on every resource cluster-wide", evidence: [grantEvidence(grant, "* * (cluster-wide)")], check: renderCheck(CHECK, p) });
        else out.push({ from: p.id, to: namespaceId(where), explanation: `holds every verb on every resource in ${where}`, evidence: [grantEvidence(grant, `* * in ${where}`)], check: renderCheck(CHECK, p, { ns: where }) });
      },
    );
    return out;
  },
});
