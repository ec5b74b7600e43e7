import { defineRule } from "./support/define-rule";
import { evidenceFor } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { EVERYTHING } from "./support/requests";

/**
 * `*` verbs on `*` resources in `*` API groups from a ClusterRoleBinding: cluster-admin, whatever the role is called.
 * Probing the literal request (verb `*`, group `*`, resource `*`) through the engine matches exactly the rules whose
 * verbs, groups and resources are all wildcards and have no resourceNames.
 */
export default defineRule({
  id: "cluster-admin-equivalent",
  title: "Cluster-admin equivalent (every verb on every resource, cluster-wide)",
  severity: "critical",
  category: "cluster-admin",
  rationale:
    "A rule granting `*` verbs on `*` resources in `*` API groups through a ClusterRoleBinding is cluster-admin under another name: " +
    "it reads every Secret, runs anything anywhere, rewrites RBAC and covers API groups that do not exist yet (future CRDs). " +
    "A stolen credential of this identity is a full cluster compromise.",
  remediation:
    "Replace the wildcard rule with the verbs and resources the workload or person actually needs; keep cluster-admin for break-glass " +
    "accounts only, and bind narrower roles (admin/edit/view, or custom ones) in the namespaces where access is needed.",
  references: [REF.leastPrivilege, REF.rbacDefaultRoles, ...mitreRefs(MITRE.clusterRoles, MITRE.validAccounts)],
  seesFullWildcardGrants: true,
  mitre: [MITRE.clusterRoles, MITRE.validAccounts],
  match(ctx) {
    const evidence = evidenceFor(ctx.grants, EVERYTHING).filter((e) => e.namespace === null);
    return evidence.length ? [{ message: "can do anything to any resource cluster-wide (cluster-admin equivalent)", namespace: null, evidence }] : [];
  },
});
