import { type EdgeDraft, forEachGrant, grantEvidence, grantScope, permissionText, renderCheck, req } from "../context";
import { defineEdge } from "../define-edge";
import { MITRE } from "../mitre";
import { allowedNames, scopeFor, serviceAccountsNamed, where } from "./support";

const TOKEN = req("create", "", "serviceaccounts", { subresource: "token" });
const CHECK = "kubectl auth can-i create serviceaccounts{/name} --subresource=token {ns} {as}";

/** create serviceaccounts/token → mint a token for the service account (TokenRequest API). */
export default defineEdge({
  label: "TOKEN_REQUEST",
  from: ["User", "Group", "ServiceAccount"],
  to: ["ServiceAccount", "Scope"],
  requires: "`create` on `serviceaccounts/token` in the service account's namespace (resourceNames, if any, name the service accounts).",
  mitre: MITRE.stealAppToken,
  explain:
    "The TokenRequest API (`kubectl create token NAME`) issues a fresh, valid token for a service account, with any audience and an " +
    "expiry of the caller's choosing. Holding it is being that service account, including cloud identities federated to it.",
  check: CHECK,
  defences: ["Grant serviceaccounts/token only to the components that need it (e.g. the kubelet through the node authorizer).", "Restrict it with resourceNames to the one service account required."],
  cost: 1,
  build(ctx) {
    const out: EdgeDraft[] = [];
    forEachGrant(
      ctx,
      ["create"],
      (grant) => {
        const scope = grantScope(grant, TOKEN);
        if (scope !== null) return { scope, names: [] as string[] };
        const names = grant.rule.resourceNames.length > 0 ? allowedNames(grant, TOKEN) : [];
        return names.length > 0 ? { scope: null, names } : undefined;
      },
      (p, grant, h) => {
        if (h.scope !== null) {
          out.push({ from: p.id, to: scopeFor("serviceaccounts", h.scope), explanation: `can mint a token for any service account in ${where(h.scope)}`, evidence: [grantEvidence(grant, permissionText(TOKEN))], check: renderCheck(CHECK, p, { ns: h.scope }) });
          return;
        }
        for (const name of h.names) {
          for (const to of serviceAccountsNamed(ctx, name, grant.namespace ?? "*")) {
            const ns = to.split(":")[1]!;
            out.push({ from: p.id, to, explanation: `can mint a token for service account ${ns}/${name}`, evidence: [grantEvidence(grant, permissionText({ ...TOKEN, name }))], check: renderCheck(CHECK, p, { ns, name }) });
          }
        }
      },
    );
    return out;
  },
});
