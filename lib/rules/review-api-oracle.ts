import { defineRule } from "./support/define-rule";
import { anyOf, probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { AUTHENTICATION, AUTHORIZATION } from "./support/requests";
import { scopedMatch } from "./support/scoped";

const PROBES = anyOf(
  probes({ verbs: ["create"], apiGroup: AUTHENTICATION, resources: ["tokenreviews"], cluster: true }),
  probes({ verbs: ["create"], apiGroup: AUTHORIZATION, resources: ["subjectaccessreviews"], cluster: true }),
);

export default defineRule({
  id: "review-api-oracle",
  title: "TokenReview / SubjectAccessReview oracle",
  severity: "low",
  category: "hygiene",
  rationale:
    "TokenReviews tell the caller whether a token is valid and whose it is — a validity oracle for stolen tokens. SubjectAccessReviews " +
    "answer what any other user or service account may do, mapping the cluster's RBAC for an attacker. Both are normal for " +
    "authenticating proxies and metrics servers (system:auth-delegator), but not for people or applications.",
  remediation: "Bind system:auth-delegator only to components that delegate authentication/authorization.",
  references: [REF.tokenReview, REF.checkingApiAccess, ...mitreRefs(MITRE.accountDiscovery, MITRE.discovery)],
  mitre: [MITRE.accountDiscovery, MITRE.discovery],
  match: scopedMatch({ probes: PROBES, summary: "can validate tokens and query others' permissions", severity: { cluster: "low", namespace: "low" } }),
});
