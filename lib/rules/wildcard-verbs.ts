import { defineRule } from "./support/define-rule";
import { anyOf, probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { APPS, BATCH, CORE, RBAC } from "./support/requests";
import { scopedFindings } from "./support/scoped";

/** Verb `*` on a sensitive resource: today's escalation verbs (bind, escalate, impersonate) and tomorrow's. */
const STAR_ON_SENSITIVE = anyOf(
  probes({ verbs: ["*"], apiGroup: CORE, resources: ["secrets", "pods", "serviceaccounts", "configmaps", "replicationcontrollers"] }),
  probes({ verbs: ["*"], apiGroup: CORE, resources: ["nodes", "namespaces", "persistentvolumes"], cluster: true }),
  probes({ verbs: ["*"], apiGroup: APPS, resources: ["deployments", "daemonsets", "statefulsets", "replicasets"] }),
  probes({ verbs: ["*"], apiGroup: BATCH, resources: ["jobs", "cronjobs"] }),
  probes({ verbs: ["*"], apiGroup: RBAC, resources: ["roles", "rolebindings"] }),
  probes({ verbs: ["*"], apiGroup: RBAC, resources: ["clusterroles", "clusterrolebindings"], cluster: true }),
);

export default defineRule({
  id: "wildcard-verbs",
  title: "Wildcard verbs on sensitive resources",
  severity: "high",
  category: "cluster-admin",
  rationale:
    "`verbs: ['*']` grants every verb a resource supports, including the escalation verbs (`bind`, `escalate`, `impersonate`) and any " +
    "verb added in a later Kubernetes release. On secrets, pods, workloads or RBAC objects that is full control of the resource.",
  remediation: "List the verbs the subject needs (usually get/list/watch, sometimes create/update/patch) instead of `*`.",
  references: [REF.leastPrivilege, REF.rbacReferringToResources, ...mitreRefs(MITRE.clusterRoles)],
  mitre: [MITRE.clusterRoles],
  match: (ctx) =>
    scopedFindings(
      ctx,
      { probes: STAR_ON_SENSITIVE, summary: "holds every verb (`*`) on sensitive resources", severity: { cluster: "high", namespace: "medium" } },
    ),
});
