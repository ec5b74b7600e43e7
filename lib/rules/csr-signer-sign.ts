import type { FindingDraft } from "./types";
import { defineRule } from "./support/define-rule";
import { evidenceFor, probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { CERTIFICATES } from "./support/requests";

/** Signing writes status.certificate: update on certificatesigningrequests/status plus `sign` on the signer (by name or `<domain>/*`). */
const STATUS = probes({ verbs: ["update", "patch"], apiGroup: CERTIFICATES, resources: ["certificatesigningrequests/status"], cluster: true });
const signSigner = (signer: string) => probes({ verbs: ["sign"], apiGroup: CERTIFICATES, resources: ["signers"], cluster: true, names: [signer, "kubernetes.io/*"] });
const CLIENT_SIGNER = signSigner("kubernetes.io/kube-apiserver-client");
const ANY_KUBERNETES_SIGNER = [
  ...signSigner("kubernetes.io/kube-apiserver-client-kubelet"),
  ...signSigner("kubernetes.io/kubelet-serving"),
  ...signSigner("kubernetes.io/legacy-unknown"),
];

export default defineRule({
  id: "csr-signer-sign",
  title: "Sign certificates as a Kubernetes signer",
  severity: "critical",
  category: "node-and-certificates",
  rationale:
    "A principal with `sign` on a signer and write access to CSR status acts as that certificate authority's signing controller. For " +
    "kubernetes.io/kube-apiserver-client that means minting certificates for any identity, system:masters included — with no approval " +
    "step if it also approves, and no revocation.",
  remediation: "Only the kube-controller-manager's signing controller should sign for kubernetes.io signers; remove `sign` elsewhere.",
  references: [REF.csrIssuing, REF.csrAuthorization, REF.csrSigners, ...mitreRefs(MITRE.forgeCertificates)],
  mitre: [MITRE.forgeCertificates],
  match(ctx) {
    const client = evidenceFor(ctx.grants, CLIENT_SIGNER);
    const other = evidenceFor(ctx.grants, ANY_KUBERNETES_SIGNER);
    if (client.length === 0 && other.length === 0) return [];
    const status = evidenceFor(ctx.grants, STATUS);
    const sign = client.length > 0 ? client : other;
    const out: FindingDraft = status.length === 0
      ? { severity: "medium", message: "holds `sign` on a Kubernetes signer (needs CSR status write to issue)", namespace: null, evidence: sign }
      : client.length > 0
        ? { severity: "critical", message: "can sign API server client certificates for any identity", namespace: null, evidence: sign.concat(status) }
        : { severity: "high", message: "can sign kubelet certificates (node identities)", namespace: null, evidence: sign.concat(status) };
    return [out];
  },
});
