import { defineRule } from "./support/define-rule";
import { anyOf, evidenceFor, probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { APPS, CORE } from "./support/requests";
import { oneFinding } from "./support/scoped";

const VERBS = ["delete", "deletecollection"];
const PROBES = anyOf(
  probes({ verbs: VERBS, apiGroup: CORE, resources: ["pods", "secrets", "configmaps", "services", "persistentvolumeclaims", "serviceaccounts"] }),
  probes({ verbs: VERBS, apiGroup: APPS, resources: ["deployments", "statefulsets", "daemonsets"] }),
  probes({ verbs: ["delete"], apiGroup: CORE, resources: ["namespaces", "persistentvolumes", "nodes"], cluster: true }),
);

/** Only cluster-wide grants: deleting within one's own namespace is normal operations. */
export default defineRule({
  id: "delete-broad",
  title: "Delete workloads, data or namespaces cluster-wide",
  severity: "medium",
  category: "destruction-and-evasion",
  rationale:
    "Cluster-wide delete/deletecollection on pods, Secrets, volumes, workloads or namespaces lets one credential wipe the cluster's " +
    "applications and data — deleting a namespace or a PersistentVolume takes everything in it.",
  remediation: "Grant delete per namespace; keep cluster-wide delete for administrators; protect critical objects with finalizers or admission policy.",
  references: [REF.leastPrivilege, REF.finalizersAndDeletion, ...mitreRefs(MITRE.dataDestruction)],
  mitre: [MITRE.dataDestruction],
  match: (ctx) =>
    oneFinding(
      evidenceFor(ctx.grants, PROBES).filter((e) => e.namespace === null),
      "can delete workloads, data or namespaces cluster-wide",
      null,
    ),
});
