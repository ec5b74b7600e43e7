import type { Grant } from "@/lib/rbac/types";
import { combinationDrafts, type EdgeDraft, grantAllowsCluster, grantEvidence, grantScope, mayVerb, permissionText, type Principal, renderCheck, req } from "../context";
import { defineEdge } from "../define-edge";
import { CLUSTER_ADMIN_ID, namespaceId } from "../ids";
import { MITRE } from "../mitre";
import type { Evidence } from "../types";
import { RBAC } from "./support";

const EVERYTHING = req("*", "*", "*");
const CHECK = "kubectl auth can-i create {name} {ns} {as}";

/**
 * Write on bindings where the escalation check passes by coverage: the identity already holds `*` on `*` in the
 * scope (ConfirmNoEscalation), so it can bind an admin role to any subject — itself under a new name, or a service
 * account it controls. It does not widen the identity's own reach (it is already admin there), but it is the step that
 * turns a temporary hold into a persistent one, and the one to remove. Binding write *with* `bind` is ROLE_BIND.
 */
export default defineEdge({
  label: "RBAC_WRITE",
  from: ["User", "Group", "ServiceAccount"],
  to: ["ClusterAdmin", "Namespace"],
  requires: "`create` on clusterrolebindings while holding `*` on `*` cluster-wide (→ cluster-admin), or `create` on rolebindings in a namespace while holding `*` on `*` there (→ namespace admin).",
  mitre: MITRE.additionalClusterRoles,
  explain:
    "Creating a binding is allowed when its author holds every permission of the referenced role. An identity that holds " +
    "cluster-admin-level rules and may write bindings can therefore hand that level to any subject, creating backdoor identities " +
    "that survive the removal of its own binding. In a namespace, the same applies to namespace admin.",
  check: CHECK,
  defences: ["Separate the identities that hold admin rules from those that manage bindings.", "Alert on binding creation to admin roles and on bindings to unknown subjects."],
  cost: 3,
  build(ctx) {
    const compute = (grants: Grant[], p: Principal): EdgeDraft[] => {
      if (!grants.some((g) => mayVerb(g, []))) return [];
      const holders = grants.filter((g) => grantScope(g, EVERYTHING) !== null);
      if (holders.length === 0) return [];
      const out: EdgeDraft[] = [];
      const clusterHold = holders.find((g) => g.namespace === null);
      const crb = req("create", RBAC, "clusterrolebindings");
      const crbWrite = grants.find((g) => grantAllowsCluster(g, crb));
      if (clusterHold && crbWrite) {
        out.push({ from: p.id, to: CLUSTER_ADMIN_ID, explanation: "can bind cluster-admin-level rules it holds to any subject", evidence: [grantEvidence(crbWrite, permissionText(crb)), grantEvidence(clusterHold, "holds * * cluster-wide")], check: renderCheck(CHECK, p, { name: "clusterrolebindings" }) });
        return out;
      }
      const rb = req("create", RBAC, "rolebindings");
      for (const hold of holders) {
        if (hold.namespace === null) continue;
        const ns = hold.namespace;
        const w = grants.find((g) => grantScope(g, rb) === ns || grantScope(g, rb) === "*");
        if (!w) continue;
        const evidence: Evidence[] = [grantEvidence(w, permissionText(rb)), grantEvidence(hold, `holds * * in ${ns}`)];
        out.push({ from: p.id, to: namespaceId(ns), explanation: `can bind namespace-admin rules it holds in ${ns} to any subject`, evidence, check: renderCheck(CHECK, p, { ns, name: "rolebindings" }) });
      }
      return out;
    };
    return combinationDrafts(ctx, [], compute);
  },
});
