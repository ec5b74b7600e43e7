import { parseServiceAccountUsername, SYSTEM_MASTERS } from "@/lib/rbac/subjects";
import type { Grant } from "@/lib/rbac/types";
import { combinationDrafts, type EdgeDraft, grantAllowsCluster, grantEvidence, grantScope, mayVerb, permissionText, type Principal, renderCheck, req } from "../context";
import { defineEdge } from "../define-edge";
import { CLUSTER_ADMIN_ID, groupId, scopeId, userId } from "../ids";
import type { Evidence } from "../types";
import { MITRE } from "../mitre";
import { allowedClusterNames, allowedNames, scopeFor, serviceAccountsNamed, where } from "./support";

const USERS = req("impersonate", "", "users");
const GROUPS = req("impersonate", "", "groups");
const SERVICE_ACCOUNTS = req("impersonate", "", "serviceaccounts");
const CHECK = "kubectl auth can-i impersonate {name} {ns} {as}";

/**
 * The first grant that lets the principal impersonate some user or service account. The impersonation filter rejects
 * Impersonate-Group without Impersonate-User ("requested … without impersonating a user"), and checks `impersonate`
 * on the named user (or, for a service-account user name, on serviceaccounts in its namespace) before any group.
 */
function someUserGrant(grants: Grant[]): Evidence | undefined {
  for (const g of grants) {
    if (grantAllowsCluster(g, USERS)) return grantEvidence(g, permissionText(USERS));
    const users = allowedClusterNames(g, USERS).filter((n) => !parseServiceAccountUsername(n));
    if (users.length > 0) return grantEvidence(g, permissionText({ ...USERS, name: users[0]! }));
    if (grantScope(g, SERVICE_ACCOUNTS) !== null) return grantEvidence(g, permissionText(SERVICE_ACCOUNTS));
    const sas = allowedNames(g, SERVICE_ACCOUNTS);
    if (sas.length > 0) return grantEvidence(g, permissionText({ ...SERVICE_ACCOUNTS, name: sas[0]! }));
  }
  return undefined;
}

/** impersonate users / groups / serviceaccounts → act as them (Impersonate-User / Impersonate-Group headers). */
export default defineEdge({
  label: "IMPERSONATE",
  from: ["User", "Group", "ServiceAccount"],
  to: ["User", "Group", "ServiceAccount", "Scope", "ClusterAdmin"],
  requires:
    "`impersonate` on `users` (cluster-wide), `serviceaccounts` (in their namespace) or `groups` (cluster-wide); resourceNames " +
    "restrict it to the named identities. Impersonating a group also needs permission to impersonate some user or service account.",
  mitre: MITRE.accessTokenManipulation,
  explain:
    "With `--as` / `--as-group` the API server evaluates the request as the impersonated identity. Impersonating a user or " +
    "service account gives everything it holds; impersonating a group adds that group's grants, and impersonating system:masters " +
    "is cluster-admin, because that group bypasses RBAC entirely.",
  check: CHECK,
  defences: [
    "Grant impersonate only with resourceNames naming low-privilege identities, never on groups without names.",
    "Never allow impersonating system:masters or admin groups.",
    "Audit Impersonate-* headers in the API server audit log.",
  ],
  cost: 1,
  build(ctx) {
    const compute = (grants: Grant[], p: Principal): EdgeDraft[] => {
      const out: EdgeDraft[] = [];
      const edge = (to: string, explanation: string, evidence: Evidence[], name: string, ns?: string | null) => out.push({ from: p.id, to, explanation, evidence, check: renderCheck(CHECK, p, { ns: ns ?? null, name }) });
      if (!grants.some((g) => mayVerb(g, ["impersonate"]))) return out;
      let canUser: Evidence | undefined | null = null;
      for (const g of grants) {
        if (g.rule.verbs.every((v) => v !== "impersonate" && v !== "*")) continue;
        if (grantAllowsCluster(g, USERS)) edge(scopeId("users"), "can impersonate any user", [grantEvidence(g, permissionText(USERS))], "users");
        else {
          for (const name of allowedClusterNames(g, USERS)) {
            if (parseServiceAccountUsername(name)) continue;
            edge(userId(name), `can impersonate user ${name}`, [grantEvidence(g, permissionText({ ...USERS, name }))], `users/${name}`);
          }
        }
        const saScope = grantScope(g, SERVICE_ACCOUNTS);
        if (saScope !== null) edge(scopeFor("serviceaccounts", saScope), `can impersonate any service account in ${where(saScope)}`, [grantEvidence(g, permissionText(SERVICE_ACCOUNTS))], "serviceaccounts", saScope);
        else {
          for (const name of allowedNames(g, SERVICE_ACCOUNTS)) {
            for (const to of serviceAccountsNamed(ctx, name, g.namespace ?? "*")) {
              const ns = to.split(":")[1]!;
              edge(to, `can impersonate service account ${ns}/${name}`, [grantEvidence(g, permissionText({ ...SERVICE_ACCOUNTS, name }))], `serviceaccounts/${name}`, ns);
            }
          }
        }
        const allGroups = grantAllowsCluster(g, GROUPS);
        const groupNames = allGroups ? [] : allowedClusterNames(g, GROUPS);
        if (!allGroups && groupNames.length === 0) continue;
        if (canUser === null) canUser = someUserGrant(grants);
        if (!canUser) continue;
        if (allGroups) {
          const evidence = [grantEvidence(g, permissionText(GROUPS)), canUser];
          edge(scopeId("groups"), "can impersonate any group", evidence, "groups");
          edge(CLUSTER_ADMIN_ID, `can impersonate group ${SYSTEM_MASTERS}`, evidence, `groups/${SYSTEM_MASTERS}`);
          continue;
        }
        for (const name of groupNames) {
          const evidence = [grantEvidence(g, permissionText({ ...GROUPS, name })), canUser];
          if (name === SYSTEM_MASTERS) edge(CLUSTER_ADMIN_ID, `can impersonate group ${SYSTEM_MASTERS}`, evidence, `groups/${name}`);
          else edge(groupId(name), `can impersonate group ${name}`, evidence, `groups/${name}`);
        }
      }
      return out;
    };
    return combinationDrafts(ctx, ["impersonate"], compute);
  },
});
