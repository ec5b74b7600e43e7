import type { PolicyRule } from "@/lib/k8s/types";
import { ruleAllowsResource } from "@/lib/rbac";
import type { Grant } from "@/lib/rbac/types";
import { defineRule } from "./support/define-rule";
import { evidenceForWholeGrant } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { byScopeSeverity } from "./support/scoped";

/** An API group no cluster serves: only a rule whose apiGroups include `*` can match it (APIGroupMatches). */
const UNSERVED_GROUP = "future.palisade.invalid";

const verdicts = new WeakMap<PolicyRule, boolean>();

/** Whether the rule's own verbs/resources also match in a group that does not exist — i.e. apiGroups contains `*`. */
function matchesAnyGroup(rule: PolicyRule): boolean {
  let v = verdicts.get(rule);
  if (v === undefined) {
    v = rule.verbs.some((verb) =>
      rule.resources.some((combined) => {
        const [resource = "", subresource] = combined.split("/", 2);
        return ruleAllowsResource(rule, { verb, apiGroup: UNSERVED_GROUP, resource, ...(subresource ? { subresource } : {}) });
      }),
    );
    verdicts.set(rule, v);
  }
  return v;
}

export default defineRule({
  id: "wildcard-api-groups",
  title: "Wildcard API groups",
  severity: "medium",
  category: "cluster-admin",
  rationale:
    "`apiGroups: ['*']` makes a rule match its resource names in every API group, including groups installed later by CRDs or " +
    "aggregated API servers. A rule meant for core `pods` then also grants any future `*.example.com/pods`-style resource of the same name.",
  remediation: "List the API groups explicitly (\"\" for the core group).",
  references: [REF.leastPrivilege, REF.rbacReferringToResources, ...mitreRefs(MITRE.clusterRoles)],
  mitre: [MITRE.clusterRoles],
  match(ctx) {
    const evidence = ctx.grants
      .filter((g: Grant) => matchesAnyGroup(g.rule))
      .map(evidenceForWholeGrant);
    return byScopeSeverity(evidence, "has rules with apiGroups `*`", { cluster: "medium", namespace: "low" });
  },
});
