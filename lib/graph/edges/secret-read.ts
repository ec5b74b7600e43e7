import type { ResourceAttributes } from "@/lib/rbac/types";
import { type EdgeDraft, forEachGrant, grantEvidence, grantScope, permissionText, renderCheck, req } from "../context";
import { defineEdge } from "../define-edge";
import { MITRE } from "../mitre";
import { allowedNames, scopeFor, secretsNamed, where } from "./support";

const LIST: ResourceAttributes[] = [req("list", "", "secrets"), req("watch", "", "secrets")];
const GET = req("get", "", "secrets");
const GET_ONLY_COST = 2;

/**
 * get/list/watch secrets → the secret's data: application credentials, and for service-account token secrets the
 * account itself (TOKEN_SECRET). list/watch return every secret's content; get needs the name, which the attacker
 * must know or guess (token secrets are named <sa>-token-<5 chars>), hence a higher cost.
 */
export default defineEdge({
  label: "SECRET_READ",
  from: ["User", "Group", "ServiceAccount"],
  to: ["Secret", "Scope"],
  requires: "`list`/`watch` (all secrets of the scope) or `get` (named or guessed secrets) on `secrets`; resourceNames restrict it to the named secrets.",
  mitre: MITRE.containerApiCredentials,
  explain:
    "A list or watch of secrets returns their data, not just their names, so `list secrets` in a namespace reads every credential " +
    "stored there, including legacy service-account token secrets. `get` reads a secret whose name is known; names are often " +
    "predictable. Cluster-wide, this includes kube-system's controller tokens and bootstrap tokens.",
  check: "kubectl auth can-i list secrets{/name} {ns} {as}",
  defences: [
    "Never grant list/watch on secrets cluster-wide; scope get to resourceNames.",
    "Move to projected (bound) service-account tokens and delete legacy token secrets.",
    "Keep application credentials in an external secret manager.",
  ],
  cost: 1,
  build(ctx) {
    const out: EdgeDraft[] = [];
    forEachGrant(
      ctx,
      ["get", "list", "watch"],
      (grant) => {
        for (const a of LIST) {
          const scope = grantScope(grant, a);
          if (scope !== null) return { kind: "all" as const, a, scope, cost: undefined };
        }
        const scope = grantScope(grant, GET);
        if (scope !== null) return { kind: "all" as const, a: GET, scope, cost: GET_ONLY_COST };
        if (grant.rule.resourceNames.length === 0) return undefined;
        for (const a of [GET, ...LIST]) {
          const names = allowedNames(grant, a);
          if (names.length > 0) return { kind: "named" as const, a, names };
        }
        return undefined;
      },
      (p, grant, h) => {
        if (h.kind === "all") {
          const explanation = h.a.verb === "get" ? `can get secrets by name in ${where(h.scope)}` : `can ${h.a.verb} secrets in ${where(h.scope)}`;
          out.push({ from: p.id, to: scopeFor("secrets", h.scope), explanation, evidence: [grantEvidence(grant, permissionText(h.a))], ...(h.cost !== undefined ? { cost: h.cost } : {}), check: renderCheck(`kubectl auth can-i ${h.a.verb} secrets {ns} {as}`, p, { ns: h.scope }) });
          return;
        }
        for (const name of h.names) {
          for (const to of secretsNamed(ctx, name, grant.namespace ?? "*")) {
            const ns = to.split(":")[1]!;
            out.push({ from: p.id, to, explanation: `can read secret ${ns}/${name}`, evidence: [grantEvidence(grant, permissionText({ ...h.a, name }))], check: renderCheck(`kubectl auth can-i ${h.a.verb} secrets{/name} {ns} {as}`, p, { ns, name }) });
          }
        }
      },
    );
    return out;
  },
});
