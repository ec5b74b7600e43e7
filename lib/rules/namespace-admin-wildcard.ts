import { defineRule } from "./support/define-rule";
import { MITRE, mitreRefs, REF } from "./support/references";
import { EVERYTHING } from "./support/requests";
import { scopedFindings, severityForScope } from "./support/scoped";

/** `*`/`*`/`*` through a RoleBinding: full control of one namespace (cluster-wide grants are cluster-admin-equivalent). */
export default defineRule({
  id: "namespace-admin-wildcard",
  title: "Every verb on every resource in a namespace",
  severity: "high",
  category: "cluster-admin",
  rationale:
    "A wildcard rule (`*` verbs, resources and API groups) bound in a namespace gives total control of it: every Secret and service " +
    "account token there, every workload, and RoleBindings to hand the access on. In kube-system that reaches the controller " +
    "service accounts and therefore the whole cluster.",
  remediation: "Bind the built-in `admin` or `edit` ClusterRole in the namespace, or a Role listing the resources actually managed, instead of wildcards.",
  references: [REF.leastPrivilege, REF.workloadCreation, ...mitreRefs(MITRE.clusterRoles)],
  seesFullWildcardGrants: true,
  mitre: [MITRE.clusterRoles],
  match: (ctx) =>
    scopedFindings(ctx, {
      probes: EVERYTHING,
      summary: "can do anything to any resource",
      severity: (scope) => (scope === null ? null : severityForScope(scope, { cluster: "critical", namespace: "high" })),
    }),
});
