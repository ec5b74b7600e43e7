import { secretId, serviceAccountId } from "../ids";
import { defineEdge } from "../define-edge";
import type { EdgeDraft } from "../context";
import { MITRE } from "../mitre";
import { SA_TOKEN_ANNOTATION, SA_TOKEN_TYPE } from "../model";

/** A service-account token secret → the service account whose long-lived token it holds. */
export default defineEdge({
  label: "TOKEN_SECRET",
  from: ["Secret"],
  to: ["ServiceAccount"],
  requires: "A Secret of type kubernetes.io/service-account-token (or of unknown type) annotated kubernetes.io/service-account.name: the token controller fills in a token for that account.",
  mitre: MITRE.stealAppToken,
  explain:
    "For a legacy token secret the token controller writes a non-expiring token of the named service account into the secret's " +
    "data. Whoever reads the secret authenticates as that account until the secret is deleted.",
  check: "kubectl get secret {name} {ns} -o jsonpath='{.type} {.metadata.annotations.kubernetes\\.io/service-account\\.name}'",
  defences: ["Delete legacy token secrets; use projected tokens (TokenRequest) instead.", "Enable the LegacyServiceAccountTokenCleanUp controller (Kubernetes 1.29+)."],
  cost: 0,
  build(ctx) {
    const out: EdgeDraft[] = [];
    for (const s of ctx.model.inventory.secrets) {
      const account = s.annotations[SA_TOKEN_ANNOTATION];
      if (!account) continue;
      if (s.type !== undefined && s.type !== SA_TOKEN_TYPE) continue;
      const to = serviceAccountId(s.namespace, account);
      if (!ctx.hasNode(to)) continue;
      out.push({
        from: secretId(s.namespace, s.name),
        to,
        explanation: `holds a token of service account ${s.namespace}/${account}`,
        evidence: [{ kind: "annotation", object: { kind: "Secret", name: s.name, namespace: s.namespace }, key: SA_TOKEN_ANNOTATION, value: account }],
        check: `kubectl get secret ${s.name} -n ${s.namespace} -o jsonpath='{.type}'`,
      });
    }
    return out;
  },
});
