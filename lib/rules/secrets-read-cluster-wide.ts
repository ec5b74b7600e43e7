import { defineRule } from "./support/define-rule";
import { anyOf, evidenceFor, evidenceHas } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { SECRETS_GET, SECRETS_LIST } from "./support/requests";

const READ = anyOf(SECRETS_LIST, SECRETS_GET);

/**
 * Secret reads from a ClusterRoleBinding. list/watch return every Secret's data in one response; get needs the name
 * but is unrestricted here (name-restricted grants are not counted: a nameless probe never matches them).
 */
export default defineRule({
  id: "secrets-read-cluster-wide",
  title: "Read Secrets in every namespace",
  severity: "critical",
  category: "credential-access",
  rationale:
    "Listing or watching Secrets returns their full contents. Cluster-wide that is every credential in the cluster: service account " +
    "tokens of privileged controllers, registry credentials, TLS keys, cloud keys. `get` without resourceNames reads any Secret " +
    "whose name is known or guessable.",
  remediation:
    "Grant Secret access per namespace and per name (resourceNames) to the workloads that need it; prefer mounting Secrets into pods " +
    "over reading them through the API; never bind list/watch on secrets cluster-wide.",
  references: [REF.listingSecrets, REF.secretsGoodPractices, ...mitreRefs(MITRE.containerApiCreds, MITRE.stealToken)],
  mitre: [MITRE.containerApiCreds, MITRE.stealToken],
  match(ctx) {
    const evidence = evidenceFor(ctx.grants, READ).filter((e) => e.namespace === null);
    if (evidence.length === 0) return [];
    const canList = evidenceHas(evidence, { verb: "list" }) || evidenceHas(evidence, { verb: "watch" });
    return [
      canList
        ? { severity: "critical", message: "can list/watch Secrets in every namespace", namespace: null, evidence }
        : { severity: "high", message: "can get any Secret by name in every namespace", namespace: null, evidence },
    ];
  },
});
