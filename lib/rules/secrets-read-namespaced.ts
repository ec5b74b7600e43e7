import { defineRule } from "./support/define-rule";
import { anyOf, evidenceHas } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { SECRETS_GET, SECRETS_LIST } from "./support/requests";
import { scopedFindings, severityForScope } from "./support/scoped";

const READ = anyOf(SECRETS_LIST, SECRETS_GET);

/** Secret reads from RoleBindings (cluster-wide grants belong to secrets-read-cluster-wide). */
export default defineRule({
  id: "secrets-read-namespaced",
  title: "Read Secrets in a namespace",
  severity: "high",
  category: "credential-access",
  rationale:
    "Reading Secrets in a namespace exposes every credential stored there, including long-lived service account tokens, which lets " +
    "the reader act as those service accounts. In kube-system those are control-plane controller credentials.",
  remediation: "Restrict Secret reads to named Secrets (resourceNames) and to the workloads that need them; avoid list/watch on secrets.",
  references: [REF.listingSecrets, REF.secretsGoodPractices, ...mitreRefs(MITRE.containerApiCreds, MITRE.stealToken)],
  mitre: [MITRE.containerApiCreds, MITRE.stealToken],
  match: (ctx) =>
    scopedFindings(ctx, {
      probes: READ,
      summary: "can read Secrets",
      severity: (scope, ev) => {
        if (scope === null) return null;
        const canList = evidenceHas(ev, { verb: "list" }) || evidenceHas(ev, { verb: "watch" });
        return severityForScope(scope, canList ? { cluster: "critical", namespace: "high" } : { cluster: "critical", namespace: "medium" });
      },
    }),
});
