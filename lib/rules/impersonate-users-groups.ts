import { defineRule } from "./support/define-rule";
import { MITRE, mitreRefs, REF } from "./support/references";
import { IMPERSONATE_USERS_GROUPS } from "./support/requests";
import { scopedMatch } from "./support/scoped";

/**
 * Impersonating users or groups (cluster-scoped: only ClusterRoleBindings grant it). Counted when unrestricted, or when
 * the named groups include system:masters; other name-restricted grants are not reported (the names are not known to
 * be privileged).
 */
export default defineRule({
  id: "impersonate-users-groups",
  title: "Impersonate any user or group",
  severity: "critical",
  category: "impersonation",
  rationale:
    "With `impersonate` on users or groups a caller can send `Impersonate-User`/`Impersonate-Group` headers and act as anyone — " +
    "including a member of system:masters, which bypasses RBAC entirely. Audit logs record the impersonated identity.",
  remediation: "Remove impersonation rights; where a proxy genuinely needs them, restrict them with resourceNames to specific users and groups.",
  references: [REF.impersonateVerb, REF.impersonation, ...mitreRefs(MITRE.validAccounts, MITRE.clusterRoles)],
  mitre: [MITRE.validAccounts, MITRE.clusterRoles],
  match: scopedMatch({ probes: IMPERSONATE_USERS_GROUPS, summary: "can impersonate any user or group", severity: { cluster: "critical", namespace: "critical" } }),
});
