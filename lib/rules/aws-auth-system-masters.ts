import { SYSTEM_MASTERS } from "@/lib/rbac";
import { defineRule } from "./support/define-rule";
import { MITRE, mitreRefs, REF } from "./support/references";

export default defineRule({
  id: "aws-auth-system-masters",
  title: "IAM principal mapped to system:masters (EKS aws-auth)",
  severity: "critical",
  category: "exposed-subjects",
  rationale:
    "Members of system:masters bypass RBAC and every authorization webhook; the membership cannot be revoked by removing bindings. " +
    "An aws-auth entry mapping an IAM role or user to system:masters makes everyone who can assume that role cluster-admin, invisibly to RBAC reviews.",
  remediation: "Map the principal to a dedicated group bound to the roles it needs (or use EKS access entries with scoped access policies).",
  references: [REF.awsAuth, REF.rbacDefaultRoles, ...mitreRefs(MITRE.validAccounts, MITRE.modifyAuthentication)],
  mitre: [MITRE.validAccounts, MITRE.modifyAuthentication],
  matchCluster(analysis) {
    return analysis.inventory.awsAuth
      .filter((m) => m.groups.includes(SYSTEM_MASTERS))
      .map((m) => ({
        message: `IAM ${m.type} ${m.arn} is mapped to ${SYSTEM_MASTERS}${m.username ? ` as ${m.username}` : ""} (bypasses RBAC)`,
        namespace: null,
        evidence: [],
        object: { kind: "ConfigMap", name: "aws-auth", namespace: "kube-system" },
      }));
  },
});
