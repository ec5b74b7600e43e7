import { defineRule } from "./support/define-rule";
import { MITRE, mitreRefs, REF } from "./support/references";
import { IMPERSONATE_SERVICEACCOUNTS } from "./support/requests";
import { scopedMatch } from "./support/scoped";

export default defineRule({
  id: "impersonate-serviceaccounts",
  title: "Impersonate service accounts",
  severity: "high",
  category: "impersonation",
  rationale:
    "`impersonate` on serviceaccounts lets the caller act as any service account in scope (Impersonate-User: " +
    "system:serviceaccount:NS:NAME), gaining its permissions without its token. The built-in `edit` role includes it within a namespace.",
  remediation: "Restrict service-account impersonation with resourceNames, or remove it; be aware that binding `edit`/`admin` grants it.",
  references: [REF.impersonateVerb, REF.impersonation, ...mitreRefs(MITRE.validAccounts)],
  mitre: [MITRE.validAccounts],
  match: scopedMatch({ probes: IMPERSONATE_SERVICEACCOUNTS, summary: "can impersonate any service account", severity: { cluster: "critical", namespace: "high" } }),
});
