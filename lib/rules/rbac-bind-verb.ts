import type { FindingDraft } from "./types";
import { defineRule } from "./support/define-rule";
import { anyOf, byScope, evidenceFor } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { BIND, CLUSTERROLEBINDING_WRITE, ROLEBINDING_WRITE } from "./support/requests";
import { scopeText, severityForScope } from "./support/scoped";

const BINDING_WRITE = anyOf(ROLEBINDING_WRITE, CLUSTERROLEBINDING_WRITE);

/**
 * `bind` (without resourceNames) lets a binding reference any role, even one with more rights than the writer
 * holds. Useful only together with write access to bindings in the same scope (a cluster-wide binding-write grant
 * covers every namespace); without it the finding is kept at medium, since binding write elsewhere completes it.
 */
export default defineRule({
  id: "rbac-bind-verb",
  title: "Bind verb on any role (grant roles you do not hold)",
  severity: "critical",
  category: "rbac-escalation",
  rationale:
    "Creating a RoleBinding or ClusterRoleBinding to a role is allowed only if the writer holds every permission of that role — " +
    "or holds `bind` on it. With unrestricted `bind` and write access to bindings, the holder binds itself to cluster-admin " +
    "(cluster-wide) or to admin/cluster-admin inside a namespace.",
  remediation: "Remove `bind`, or restrict it with resourceNames to the specific roles a delegated administrator may hand out.",
  references: [REF.bindVerb, REF.rbacEscalationPrevention, ...mitreRefs(MITRE.clusterRoles)],
  mitre: [MITRE.clusterRoles],
  match(ctx) {
    const bind = evidenceFor(ctx.grants, BIND);
    if (bind.length === 0) return [];
    const write = evidenceFor(ctx.grants, BINDING_WRITE);
    const out: FindingDraft[] = [];
    for (const [scope, ev] of byScope(bind)) {
      const writeEv = write.filter((e) => e.namespace === null || e.namespace === scope);
      out.push(
        writeEv.length > 0
          ? {
              severity: severityForScope(scope, { cluster: "critical", namespace: "high" }),
              message: `can bind any role and write bindings ${scopeText(scope)}`,
              namespace: scope,
              evidence: ev.concat(writeEv),
            }
          : { severity: "medium", message: `holds bind on any role ${scopeText(scope)} (binding write needed to use it)`, namespace: scope, evidence: ev },
      );
    }
    return out;
  },
});
