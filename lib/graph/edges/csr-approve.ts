import type { Grant, ResourceAttributes } from "@/lib/rbac/types";
import { combinationDrafts, type EdgeDraft, grantAllowsCluster, grantEvidence, mayVerb, permissionText, type Principal, renderCheck, req } from "../context";
import { defineEdge } from "../define-edge";
import { CLUSTER_ADMIN_ID } from "../ids";
import { MITRE } from "../mitre";
import type { Evidence } from "../types";

const CERTS = "certificates.k8s.io";
const SIGNER = "kubernetes.io/kube-apiserver-client";
const CHECK = "kubectl auth can-i update certificatesigningrequests --subresource=approval {as}";

/**
 * create + approve a CSR for the kube-apiserver-client signer with O=system:masters → a client certificate that is
 * cluster-admin. The approver needs `update certificatesigningrequests/approval` and `approve` on the signer name (or
 * `kubernetes.io/*`); the built-in signer then signs it; `get` reads the issued certificate back.
 */
export default defineEdge({
  label: "CSR_APPROVE",
  from: ["User", "Group", "ServiceAccount"],
  to: ["ClusterAdmin"],
  requires:
    "`create` and `get`/`list`/`watch` on certificatesigningrequests, `update`/`patch` on certificatesigningrequests/approval, and " +
    "`approve` on signers `kubernetes.io/kube-apiserver-client` (or `kubernetes.io/*`), all cluster-wide.",
  mitre: MITRE.forgeCertificates,
  explain:
    "The kube-apiserver-client signer issues client certificates for any subject once a CSR is approved. An identity that can " +
    "create and approve CSRs for it requests a certificate with O=system:masters, approves it, and reads it back: a credential that " +
    "is cluster-admin, cannot be revoked by RBAC, and lasts until it expires.",
  check: CHECK,
  defences: ["Grant CSR approval only to the controller manager.", "Never grant approve on signers kubernetes.io/kube-apiserver-client or kubernetes.io/*.", "Monitor approved CSRs with system:masters subjects."],
  cost: 3,
  build(ctx) {
    const first = (grants: Grant[], requests: ResourceAttributes[]): Evidence | undefined => {
      for (const a of requests) {
        const g = grants.find((x) => grantAllowsCluster(x, a));
        if (g) return grantEvidence(g, permissionText(a));
      }
      return undefined;
    };
    const compute = (grants: Grant[], p: Principal): EdgeDraft[] => {
      if (!grants.some((g) => mayVerb(g, ["approve"]))) return [];
      const certs = grants.filter((g) => g.rule.apiGroups.some((x) => x === CERTS || x === "*"));
      if (certs.length === 0) return [];
      const approve = first(certs, [req("approve", CERTS, "signers", { name: SIGNER }), req("approve", CERTS, "signers", { name: "kubernetes.io/*" })]);
      if (!approve) return [];
      const approval = first(certs, [req("update", CERTS, "certificatesigningrequests", { subresource: "approval" }), req("patch", CERTS, "certificatesigningrequests", { subresource: "approval" })]);
      const create = first(certs, [req("create", CERTS, "certificatesigningrequests")]);
      const read = first(certs, [req("get", CERTS, "certificatesigningrequests"), req("list", CERTS, "certificatesigningrequests"), req("watch", CERTS, "certificatesigningrequests")]);
      if (!approval || !create || !read) return [];
      return [{ from: p.id, to: CLUSTER_ADMIN_ID, explanation: "can issue itself a system:masters client certificate (create + approve a CSR)", evidence: [create, approval, approve, read], check: renderCheck(CHECK, p) }];
    };
    return combinationDrafts(ctx, ["approve"], compute);
  },
});
