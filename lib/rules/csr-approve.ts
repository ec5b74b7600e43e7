import type { Evidence, FindingDraft } from "./types";
import { defineRule } from "./support/define-rule";
import { evidenceFor, probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { CERTIFICATES, CSR_APPROVAL } from "./support/requests";

/**
 * Approving a CSR needs update on certificatesigningrequests/approval AND `approve` on the signer, checked by name:
 * the signer name itself or `<domain>/*` (pkg/registry/certificates/certificates/strategy.go, isAuthorizedForSigner).
 */
const approveSigner = (signer: string) =>
  probes({ verbs: ["approve"], apiGroup: CERTIFICATES, resources: ["signers"], cluster: true, names: [signer, "kubernetes.io/*"] });
const CLIENT_SIGNER = approveSigner("kubernetes.io/kube-apiserver-client");
const KUBELET_SIGNERS = [...approveSigner("kubernetes.io/kube-apiserver-client-kubelet"), ...approveSigner("kubernetes.io/kubelet-serving")];

export default defineRule({
  id: "csr-approve",
  title: "Approve certificate signing requests",
  severity: "critical",
  category: "node-and-certificates",
  rationale:
    "With approval rights and `approve` on the kubernetes.io/kube-apiserver-client signer, the holder can create a CSR for any user " +
    "and group — e.g. O=system:masters — approve it, and receive a client certificate the API server trusts until it expires; " +
    "certificates cannot be revoked. Approving kubelet signers yields node identities.",
  remediation:
    "Leave CSR approval to the controller-manager and node bootstrap approvers; grant `approve` on signers only for specific, " +
    "non-apiserver signers (resourceNames).",
  references: [REF.csrIssuing, REF.csrAuthorization, REF.csrSigners, ...mitreRefs(MITRE.forgeCertificates)],
  mitre: [MITRE.forgeCertificates],
  match(ctx) {
    const approval = evidenceFor(ctx.grants, CSR_APPROVAL);
    if (approval.length === 0) return [];
    const client = evidenceFor(ctx.grants, CLIENT_SIGNER);
    const kubelet = evidenceFor(ctx.grants, KUBELET_SIGNERS);
    const draft = (severity: FindingDraft["severity"], message: string, evidence: Evidence[]): FindingDraft[] => [{ severity, message, namespace: null, evidence }];
    if (client.length > 0) return draft("critical", "can approve API server client certificates for any identity", approval.concat(client));
    if (kubelet.length > 0) return draft("high", "can approve kubelet certificates (node identities)", approval.concat(kubelet));
    return draft("medium", "can update CSR approvals (needs `approve` on a signer to issue certificates)", approval);
  },
});
