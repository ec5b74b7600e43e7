import { defineRule } from "./support/define-rule";
import { isDefaultRoleName } from "./support/bootstrap";
import { MITRE, mitreRefs, REF } from "./support/references";
import type { FindingDraft } from "./types";

const describeSubject = (s: { kind: string; name: string; namespace?: string }) => `${s.kind} ${s.namespace ? `${s.namespace}/` : ""}${s.name}`;

export default defineRule({
  id: "dangling-role-ref",
  title: "Binding refers to a role that does not exist",
  severity: "medium",
  category: "hygiene",
  rationale:
    "A binding whose roleRef names a missing Role or ClusterRole grants nothing today, but whoever later creates a role with that " +
    "name — an innocent install or anyone with role write — silently grants its rules to the binding's subjects. A ClusterRoleBinding " +
    "that refers to a Role never grants anything and signals a mistake.",
  remediation: "Delete stale bindings, or create the intended role deliberately; review bindings after uninstalling software.",
  references: [REF.periodicReview, REF.rbacRoleBinding, ...mitreRefs(MITRE.clusterRoles)],
  mitre: [MITRE.clusterRoles],
  matchCluster(analysis) {
    // A missing default role (cluster-admin, system:auth-delegator, …) is absent from the inventory, not from the
    // cluster: the API server recreates the bootstrap roles at every start, so nobody can plant one. Typical when
    // scanning manifests alone.
    const missing = analysis.danglingRoleRefs.filter((d) => !isDefaultRoleName(d.role));
    return missing.map((d): FindingDraft => {
      const b = d.binding;
      const roleName = `${d.role.kind} ${d.role.namespace ? `${d.role.namespace}/` : ""}${d.role.name}`;
      const subjects = d.subjects.length ? d.subjects.map(describeSubject).join(", ") : "no subjects";
      return {
        severity: d.subjects.length ? "medium" : "low",
        message: `${b.kind} ${b.namespace ? `${b.namespace}/` : ""}${b.name} refers to missing ${roleName}; a role created with that name would be granted to: ${subjects}`,
        namespace: b.namespace ?? null,
        evidence: [],
        object: { kind: b.kind, name: b.name, ...(b.namespace ? { namespace: b.namespace } : {}) },
      };
    });
  },
});
