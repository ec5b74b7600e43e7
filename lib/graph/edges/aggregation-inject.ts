import type { Grant } from "@/lib/rbac/types";
import { boundRoleEvidence, combinationDrafts, type EdgeDraft, grantAllowsCluster, grantEvidence, mayVerb, permissionText, type Principal, renderCheck, req } from "../context";
import { defineEdge } from "../define-edge";
import { CLUSTER_ADMIN_ID, namespaceId } from "../ids";
import { MITRE } from "../mitre";
import type { Evidence } from "../types";
import { RBAC } from "./support";

const CHECK = "kubectl auth can-i {name} {as}";

/**
 * Write a ClusterRole carrying the labels an aggregated ClusterRole (admin, edit, view, or a custom one) selects: the
 * aggregation controller copies its rules into the aggregated role, so every holder of that role gains them. Writing
 * rules one does not hold needs `escalate` (on create the check runs without a name, so escalate must be unrestricted;
 * on update it is checked for the role's name). The attacker gains the injected rules wherever it holds the aggregated
 * role: cluster-wide → cluster-admin, through a RoleBinding → admin of that namespace.
 */
export default defineEdge({
  label: "AGGREGATION_INJECT",
  from: ["User", "Group", "ServiceAccount"],
  to: ["ClusterAdmin", "Namespace"],
  requires:
    "`create` on clusterroles with unrestricted `escalate` on clusterroles (or `update`/`patch` + `escalate` on one existing " +
    "ClusterRole), while holding an aggregated ClusterRole such as admin, edit or view.",
  mitre: MITRE.additionalClusterRoles,
  explain:
    "ClusterRoles with an aggregationRule (admin, edit, view and custom ones) are rewritten by the clusterrole-aggregation " +
    "controller to the union of every ClusterRole whose labels match, e.g. rbac.authorization.k8s.io/aggregate-to-edit: \"true\". " +
    "A new ClusterRole with that label and `*` on `*` makes every holder of edit an admin — the attacker included, wherever its " +
    "own edit/view/admin binding applies.",
  check: CHECK,
  defences: ["Do not grant create/update on clusterroles together with escalate.", "Alert on ClusterRoles labelled aggregate-to-*.", "Review what admin/edit/view aggregate after installing operators."],
  cost: 3,
  build(ctx) {
    const aggregated = new Set<string>();
    const plain: string[] = [];
    for (const c of ctx.analysis.inventory.clusterRoles) {
      if (c.aggregationRule) aggregated.add(c.name);
      else plain.push(c.name);
    }
    if (aggregated.size === 0) return [];
    const compute = (grants: Grant[], p: Principal): EdgeDraft[] => {
      if (!grants.some((g) => mayVerb(g, ["escalate"]))) return [];
      const rbac = grants.filter((g) => g.rule.apiGroups.some((x) => x === RBAC || x === "*") && g.rule.verbs.some((v) => v === "escalate" || v === "*"));
      if (rbac.length === 0) return [];
      // Bindings, not grants: an aggregated role with no matching roles yet has no rules, hence no grants.
      const held = ctx.boundRoles(p.id, p.kind !== "Group").filter((b) => b.role.kind === "ClusterRole" && aggregated.has(b.role.name));
      if (held.length === 0) return [];
      let inject: Evidence[] | undefined;
      const create = req("create", RBAC, "clusterroles");
      const escalateAny = req("escalate", RBAC, "clusterroles");
      const c = grants.find((g) => grantAllowsCluster(g, create));
      const e = rbac.find((g) => grantAllowsCluster(g, escalateAny));
      if (c && e) inject = [grantEvidence(c, permissionText(create)), grantEvidence(e, permissionText(escalateAny))];
      if (!inject) {
        const candidates = new Set<string>();
        for (const g of rbac) for (const n of g.rule.resourceNames.length > 0 ? g.rule.resourceNames : plain) candidates.add(n);
        for (const name of candidates) {
          if (aggregated.has(name)) continue;
          const esc = req("escalate", RBAC, "clusterroles", { name });
          const eg = rbac.find((g) => grantAllowsCluster(g, esc));
          if (!eg) continue;
          for (const verb of ["update", "patch"]) {
            const w = req(verb, RBAC, "clusterroles", { name });
            const wg = grants.find((g) => grantAllowsCluster(g, w));
            if (wg) { inject = [grantEvidence(wg, permissionText(w)), grantEvidence(eg, permissionText(esc))]; break; }
          }
          if (inject) break;
        }
      }
      if (!inject) return [];
      const out: EdgeDraft[] = [];
      const seen = new Set<string>();
      for (const h of held) {
        const to = h.scope === null ? CLUSTER_ADMIN_ID : namespaceId(h.scope);
        if (seen.has(to)) continue;
        seen.add(to);
        const where = h.scope === null ? "cluster-wide" : `in ${h.scope}`;
        out.push({
          from: p.id,
          to,
          explanation: `can inject * on * into aggregated ClusterRole ${h.role.name}, which it holds ${where}`,
          evidence: [...inject, boundRoleEvidence(h, `holds ClusterRole ${h.role.name}`)],
          check: renderCheck(CHECK, p, { name: "create clusterroles" }) + ` && kubectl auth can-i escalate clusterroles ${renderCheck("{as}", p)}`,
        });
      }
      return out;
    };
    return combinationDrafts(ctx, ["escalate"], compute);
  },
});
