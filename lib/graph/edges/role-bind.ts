import type { Grant } from "@/lib/rbac/types";
import { combinationDrafts, type EdgeDraft, grantAllowsCluster, grantEvidence, grantScope, mayVerb, permissionText, type Principal, renderCheck, req } from "../context";
import { defineEdge } from "../define-edge";
import { CLUSTER_ADMIN_ID, namespaceId, scopeId } from "../ids";
import { MITRE } from "../mitre";
import type { Evidence } from "../types";
import { RBAC } from "./support";

const CREATE_CRB = req("create", RBAC, "clusterrolebindings");
const CREATE_RB = req("create", RBAC, "rolebindings");
const CHECK = "kubectl auth can-i bind {name} {ns} {as}";

/**
 * `bind` on an admin-equivalent role + write on bindings → bind it to oneself. The API server lets a binding through when
 * its author may `bind` the referenced role, checked with the binding's namespace ("" for a ClusterRoleBinding;
 * BindingAuthorized in pkg/registry/rbac/escalation_check.go), even if the author holds none of its permissions.
 */
export default defineEdge({
  label: "ROLE_BIND",
  from: ["User", "Group", "ServiceAccount"],
  to: ["ClusterAdmin", "Namespace", "Scope"],
  requires:
    "`bind` on a cluster-admin-equivalent ClusterRole (or `admin`, or a wildcard Role of the namespace), plus `create` on " +
    "clusterrolebindings (→ cluster-admin) or rolebindings in a namespace (→ admin of that namespace), or `update`/`patch` on an " +
    "existing binding that already references such a role.",
  mitre: MITRE.additionalClusterRoles,
  explain:
    "RBAC's escalation check stops an identity from granting permissions it does not hold, unless it may `bind` the role. With " +
    "bind on cluster-admin and the right to create ClusterRoleBindings, the attacker binds cluster-admin to itself. In a namespace, " +
    "binding `admin` or `cluster-admin` through a RoleBinding gives full control of that namespace.",
  check: CHECK,
  defences: ["Never grant the bind verb without resourceNames; never on cluster-admin or admin.", "Keep binding creation to GitOps/provisioning identities.", "Alert on new bindings to admin roles."],
  cost: 2,
  build(ctx) {
    const clusterAdminRoles = ctx.adminClusterRoles;
    const namespaceAdminRoles = [...new Set([...clusterAdminRoles, "admin"])];
    const rolesByNs = new Map<string, string[]>();
    for (const r of ctx.analysis.inventory.roles) {
      if (!r.rules.some((rule) => rule.verbs.includes("*") && rule.apiGroups.includes("*") && rule.resources.includes("*") && rule.resourceNames.length === 0)) continue;
      rolesByNs.set(r.namespace, [...(rolesByNs.get(r.namespace) ?? []), r.name]);
    }
    const existingAdminCrbs = ctx.analysis.inventory.clusterRoleBindings.filter((b) => b.roleRef.kind === "ClusterRole" && clusterAdminRoles.includes(b.roleRef.name));

    const compute = (grants: Grant[], p: Principal): EdgeDraft[] => {
      if (!grants.some((g) => mayVerb(g, ["bind"]))) return [];
      const relevant = grants.filter((g) => g.rule.apiGroups.some((x) => x === RBAC || x === "*"));
      if (!relevant.some((g) => g.rule.verbs.includes("bind") || g.rule.verbs.includes("*"))) return [];
      const out: EdgeDraft[] = [];
      const bindCluster = (role: string): Evidence | undefined => {
        const a = req("bind", RBAC, "clusterroles", { name: role });
        const g = relevant.find((x) => grantAllowsCluster(x, a));
        return g && grantEvidence(g, permissionText(a));
      };
      // Cluster-wide: a new ClusterRoleBinding, or an existing one to an admin role the attacker may rewrite.
      const createCrb = relevant.find((g) => grantAllowsCluster(g, CREATE_CRB));
      let clusterDone = false;
      for (const role of clusterAdminRoles) {
        const bind = bindCluster(role);
        if (!bind) continue;
        if (createCrb) {
          out.push({ from: p.id, to: CLUSTER_ADMIN_ID, explanation: `can bind ClusterRole ${role} to itself cluster-wide`, evidence: [grantEvidence(createCrb, permissionText(CREATE_CRB)), bind], check: renderCheck(CHECK, p, { name: `clusterroles/${role}` }) });
          clusterDone = true;
          break;
        }
        for (const b of existingAdminCrbs.filter((x) => x.roleRef.name === role)) {
          for (const verb of ["update", "patch"]) {
            const a = req(verb, RBAC, "clusterrolebindings", { name: b.name });
            const w = relevant.find((g) => grantAllowsCluster(g, a));
            if (!w) continue;
            out.push({ from: p.id, to: CLUSTER_ADMIN_ID, explanation: `can add itself to ClusterRoleBinding ${b.name} (${role})`, evidence: [grantEvidence(w, permissionText(a)), bind], check: renderCheck(CHECK, p, { name: `clusterroles/${role}` }) });
            clusterDone = true;
            break;
          }
          if (clusterDone) break;
        }
        if (clusterDone) break;
      }
      // Namespaced: a RoleBinding to admin / cluster-admin (or a wildcard Role) in a namespace.
      const writes = new Map<string, Evidence>();
      for (const g of relevant) {
        const s = grantScope(g, CREATE_RB);
        if (s !== null && !writes.has(s)) writes.set(s, grantEvidence(g, permissionText(CREATE_RB)));
      }
      if (writes.size === 0) return out;
      const binds = new Map<string, { role: string; evidence: Evidence }>();
      for (const g of relevant) {
        for (const role of namespaceAdminRoles) {
          const a = req("bind", RBAC, "clusterroles", { name: role });
          const s = grantScope(g, a);
          if (s !== null && !binds.has(s)) binds.set(s, { role: `ClusterRole ${role}`, evidence: grantEvidence(g, permissionText(a)) });
        }
        if (g.namespace !== null) {
          for (const role of rolesByNs.get(g.namespace) ?? []) {
            const a = req("bind", RBAC, "roles", { name: role });
            const s = grantScope(g, a);
            if (s !== null && !binds.has(s)) binds.set(s, { role: `Role ${g.namespace}/${role}`, evidence: grantEvidence(g, permissionText(a)) });
          }
        }
      }
      const pair = (ns: string, w: Evidence, b: { role: string; evidence: Evidence }) => {
        const to = ns === "*" ? scopeId("namespaces") : namespaceId(ns);
        const where = ns === "*" ? "every namespace" : ns;
        out.push({ from: p.id, to, explanation: `can bind ${b.role} to itself in ${where}`, evidence: [w, b.evidence], check: renderCheck(CHECK, p, { ns, name: b.role.startsWith("Role") ? `roles/${b.role.split("/").pop()}` : `clusterroles/${b.role.slice("ClusterRole ".length)}` }) });
      };
      const wAll = writes.get("*");
      const bAll = binds.get("*");
      if (wAll && bAll) pair("*", wAll, bAll);
      for (const [ns, w] of writes) if (ns !== "*") { const b = binds.get(ns) ?? bAll; if (b && !(wAll && bAll)) pair(ns, w, b); }
      if (wAll && !bAll) for (const [ns, b] of binds) if (ns !== "*") pair(ns, wAll, b);
      return out;
    };
    return combinationDrafts(ctx, ["bind"], compute);
  },
});
