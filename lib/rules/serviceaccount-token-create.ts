import { defineRule } from "./support/define-rule";
import { MITRE, mitreRefs, REF } from "./support/references";
import { SA_TOKEN_CREATE } from "./support/requests";
import { scopedMatch } from "./support/scoped";

export default defineRule({
  id: "serviceaccount-token-create",
  title: "Issue tokens for service accounts (TokenRequest)",
  severity: "high",
  category: "credential-access",
  rationale:
    "`create` on `serviceaccounts/token` returns a fresh, valid token for any service account in scope: the holder becomes any of them " +
    "without touching a pod. Cluster-wide or in kube-system this includes controller accounts that can escalate to cluster-admin.",
  remediation: "Grant TokenRequest only to the components that issue tokens, restricted with resourceNames to the service accounts concerned.",
  references: [REF.tokenRequest, REF.serviceAccounts, ...mitreRefs(MITRE.stealToken, MITRE.validAccounts)],
  mitre: [MITRE.stealToken, MITRE.validAccounts],
  match: scopedMatch({
    probes: SA_TOKEN_CREATE,
    summary: "can issue tokens for any service account",
    severity: { cluster: "critical", namespace: "high" },
  }),
});
