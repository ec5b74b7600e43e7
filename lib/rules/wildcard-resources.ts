import { defineRule } from "./support/define-rule";
import { probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { scopedFindings } from "./support/scoped";

/** Groups where `resources: ['*']` includes something dangerous (secrets, pods, workloads, RBAC, admission, …). */
const GROUPS = [
  "",
  "apps",
  "batch",
  "rbac.authorization.k8s.io",
  "admissionregistration.k8s.io",
  "certificates.k8s.io",
  "apiextensions.k8s.io",
  "apiregistration.k8s.io",
  "networking.k8s.io",
  "storage.k8s.io",
  "policy",
  "coordination.k8s.io",
  "discovery.k8s.io",
];
const VERBS = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "impersonate"];

/** The literal resource `*` only matches rules whose resources include `*` (ResourceMatches). */
const ANY_RESOURCE = GROUPS.flatMap((apiGroup) => probes({ verbs: VERBS, apiGroup, resources: ["*"] }));

export default defineRule({
  id: "wildcard-resources",
  title: "Wildcard resources in an API group",
  severity: "high",
  category: "cluster-admin",
  rationale:
    "`resources: ['*']` covers every resource and subresource of the group, present and future: `get` on `*` in the core group reads " +
    "every Secret, `create` on `*` creates pods and service account tokens, `*` in rbac.authorization.k8s.io rewrites RBAC.",
  remediation: "Name the resources (and subresources) the subject needs instead of `*`.",
  references: [REF.leastPrivilege, REF.rbacReferringToResources, ...mitreRefs(MITRE.clusterRoles)],
  mitre: [MITRE.clusterRoles],
  match: (ctx) =>
    scopedFindings(
      ctx,
      { probes: ANY_RESOURCE, summary: "holds rules on every resource (`*`) of an API group", severity: { cluster: "high", namespace: "medium" } },
    ),
});
