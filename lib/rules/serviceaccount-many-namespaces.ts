import type { Grant } from "@/lib/rbac/types";
import { defineRule } from "./support/define-rule";
import { evidenceForWholeGrant } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { isDirectGrant } from "./support/subjects";

/** Thresholds: foreign namespaces with a RoleBinding naming the service account. */
const LOW_AT = 3;
const MEDIUM_AT = 6;

export default defineRule({
  id: "serviceaccount-many-namespaces",
  title: "Service account bound in many other namespaces",
  severity: "medium",
  category: "hygiene",
  rationale:
    "A service account with RoleBindings across many namespaces other than its own breaks namespace isolation: compromising the one " +
    "workload that runs as it reaches all of them, and the spread is easy to miss when reviewing namespaces one at a time.",
  remediation: "Give each namespace its own service account, or move the cross-namespace duty to a controller with a narrowly scoped ClusterRole.",
  references: [REF.leastPrivilege, REF.rbacServiceAccounts, ...mitreRefs(MITRE.stealToken)],
  seesFullWildcardGrants: true,
  mitre: [MITRE.stealToken],
  match(ctx) {
    const { identity } = ctx;
    if (identity.kind !== "ServiceAccount") return [];
    const firstGrantPerBinding = new Map<string, Grant>();
    for (const g of ctx.grants) {
      if (g.namespace === null || g.namespace === identity.namespace || !isDirectGrant(g, identity)) continue;
      const key = `${g.binding.namespace}/${g.binding.name}`;
      if (!firstGrantPerBinding.has(key)) firstGrantPerBinding.set(key, g);
    }
    const namespaces = [...new Set([...firstGrantPerBinding.values()].map((g) => g.namespace!))].sort();
    if (namespaces.length < LOW_AT) return [];
    return [
      {
        severity: namespaces.length >= MEDIUM_AT ? "medium" : "low",
        message: `is bound in ${namespaces.length} namespaces besides its own: ${namespaces.join(", ")}`,
        namespace: null,
        evidence: [...firstGrantPerBinding.values()].map(evidenceForWholeGrant),
      },
    ];
  },
});
