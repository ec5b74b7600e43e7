import { defineRule } from "./support/define-rule";
import { MITRE, mitreRefs, REF } from "./support/references";
import { holdsGrantsFindings, nonDefaultDirectGrants } from "./support/subjects";

export default defineRule({
  id: "default-serviceaccount-grant",
  title: "Permissions bound to a namespace's default service account",
  severity: "high",
  category: "exposed-subjects",
  rationale:
    "Pods that do not name a service account run as `default`, and its token is mounted unless automounting is disabled. Rights bound " +
    "to `default` are therefore held by every such pod in the namespace, usually without anyone having chosen that.",
  remediation: "Create a dedicated service account per workload, bind rights to it, and leave `default` without bindings (automountServiceAccountToken: false).",
  references: [REF.defaultServiceAccount, REF.rbacServiceAccounts, ...mitreRefs(MITRE.defaultAccounts, MITRE.stealToken)],
  seesFullWildcardGrants: true,
  mitre: [MITRE.defaultAccounts, MITRE.stealToken],
  match(ctx) {
    const { identity } = ctx;
    if (identity.kind !== "ServiceAccount" || identity.name !== "default") return [];
    return holdsGrantsFindings(nonDefaultDirectGrants(ctx.grants, identity), `the default service account of ${identity.namespace}`, "high", "medium");
  },
});
