import type { Grant } from "@/lib/rbac/types";
import { boundRoleEvidence, combinationDrafts, type EdgeDraft, grantAllowsCluster, grantAllowsIn, grantEvidence, mayVerb, permissionText, type Principal, renderCheck, req } from "../context";
import { defineEdge } from "../define-edge";
import { CLUSTER_ADMIN_ID, namespaceId } from "../ids";
import { MITRE } from "../mitre";
import type { Evidence } from "../types";
import { RBAC } from "./support";

const CHECK = "kubectl auth can-i escalate {name} {ns} {as}";

/**
 * `escalate` + `update`/`patch` on a role the identity is bound to → rewrite the role to `*` on `*`. The escalate verb
 * lifts the "cannot grant what you do not hold" check on role writes (RoleEscalationAuthorized, checked with the role's
 * name and namespace). Aggregated ClusterRoles are skipped: the aggregation controller overwrites their rules.
 */
export default defineEdge({
  label: "ROLE_ESCALATE",
  from: ["User", "Group", "ServiceAccount"],
  to: ["ClusterAdmin", "Namespace"],
  requires: "`escalate` and `update` (or `patch`) on a Role/ClusterRole that is bound to the identity: cluster-wide → cluster-admin; through a RoleBinding → admin of that namespace.",
  mitre: MITRE.additionalClusterRoles,
  explain:
    "The API server refuses a role write that adds permissions the writer does not hold, unless the writer may `escalate` that " +
    "role. With escalate and update on a role already bound to it, the attacker adds `*` on `*` to the role and holds it at once, " +
    "wherever the binding applies.",
  check: CHECK,
  defences: ["Never grant escalate outside the RBAC-management identity.", "Do not let identities update the roles they are bound to."],
  cost: 2,
  build(ctx) {
    const compute = (grants: Grant[], p: Principal): EdgeDraft[] => {
      if (!grants.some((g) => mayVerb(g, ["escalate"]))) return [];
      const relevant = grants.filter((g) => g.rule.verbs.some((v) => v === "escalate" || v === "*") && g.rule.apiGroups.some((x) => x === RBAC || x === "*"));
      if (relevant.length === 0) return [];
      const out: EdgeDraft[] = [];
      const seen = new Set<string>();
      // Bindings, not grants: a bound role without rules yet is just as rewritable.
      for (const held of ctx.boundRoles(p.id, p.kind !== "Group")) {
        const r = held.role;
        const key = `${r.kind}/${r.namespace ?? ""}/${r.name}@${held.scope ?? "*"}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (r.kind === "ClusterRole" && ctx.analysis.clusterRoles.get(r.name)?.aggregationRule) continue;
        const resource = r.kind === "ClusterRole" ? "clusterroles" : "roles";
        const allows = (g: Grant, verb: string) => {
          const a = req(verb, RBAC, resource, { name: r.name });
          return r.kind === "ClusterRole" ? grantAllowsCluster(g, a) : grantAllowsIn(g, a, r.namespace!);
        };
        const esc = relevant.find((g) => allows(g, "escalate"));
        if (!esc) continue;
        let upd: { g: Grant; verb: string } | undefined;
        for (const verb of ["update", "patch"]) {
          const g = grants.find((x) => allows(x, verb));
          if (g) {
            upd = { g, verb };
            break;
          }
        }
        if (!upd) continue;
        const roleText = r.kind === "ClusterRole" ? `ClusterRole ${r.name}` : `Role ${r.namespace}/${r.name}`;
        const evidence: Evidence[] = [
          grantEvidence(esc, permissionText(req("escalate", RBAC, resource, { name: r.name }))),
          grantEvidence(upd.g, permissionText(req(upd.verb, RBAC, resource, { name: r.name }))),
          boundRoleEvidence(held, `holds ${roleText}`),
        ];
        const to = held.scope === null ? CLUSTER_ADMIN_ID : namespaceId(held.scope);
        const where = held.scope === null ? "cluster-wide" : `in ${held.scope}`;
        out.push({ from: p.id, to, explanation: `can rewrite its own ${roleText} to * on * (${where})`, evidence, check: renderCheck(CHECK, p, { ns: r.namespace ?? null, name: `${resource}/${r.name}` }) });
      }
      return out;
    };
    return combinationDrafts(ctx, ["escalate"], compute);
  },
});
