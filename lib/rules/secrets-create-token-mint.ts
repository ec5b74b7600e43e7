import { defineRule } from "./support/define-rule";
import { anyOf, evidenceFor, evidenceHas, probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { CORE, SECRETS_GET, SECRETS_LIST } from "./support/requests";
import { byScopeSeverity, severityForScope } from "./support/scoped";

const CREATE_SECRETS = probes({ verbs: ["create"], apiGroup: CORE, resources: ["secrets"] });
const PROBES = anyOf(CREATE_SECRETS, SECRETS_GET, SECRETS_LIST);

/**
 * Creating a Secret of type kubernetes.io/service-account-token annotated with a service account's name makes the
 * token controller fill in a non-expiring token for that account. Reading it back needs get/list in the same scope.
 */
export default defineRule({
  id: "secrets-create-token-mint",
  title: "Mint long-lived service account tokens by creating Secrets",
  severity: "high",
  category: "credential-access",
  rationale:
    "Whoever can create Secrets in a namespace can create a `kubernetes.io/service-account-token` Secret for any service account there; " +
    "the control plane populates it with a token that never expires. With read access to Secrets in the same scope the token is " +
    "immediately usable; without it, it is still a persistence foothold for anyone who can later read or mount it.",
  remediation:
    "Do not grant `create` on secrets broadly; use external secret managers or GitOps for Secret creation, and audit for " +
    "service-account-token Secrets (prefer short-lived TokenRequest tokens).",
  references: [REF.saTokenSecrets, REF.tokenRequest, REF.secretsGoodPractices, ...mitreRefs(MITRE.stealToken)],
  mitre: [MITRE.stealToken],
  match(ctx) {
    const evidence = evidenceFor(ctx.grants, PROBES);
    if (!evidenceHas(evidence, { verb: "create" })) return [];
    const cluster = evidence.filter((e) => e.namespace === null);
    return byScopeSeverity(evidence, "can create (and mint service account tokens in) Secrets", (scope, ev) => {
      const all = scope === null ? ev : ev.concat(cluster);
      if (!evidenceHas(ev, { verb: "create" })) return null;
      const canRead = evidenceHas(all, { verb: "get" }) || evidenceHas(all, { verb: "list" }) || evidenceHas(all, { verb: "watch" });
      return canRead ? severityForScope(scope, { cluster: "critical", namespace: "high" }) : "medium";
    });
  },
});
