import { SYSTEM_AUTHENTICATED } from "@/lib/rbac";
import { defineRule } from "./support/define-rule";
import { MITRE, mitreRefs, REF } from "./support/references";
import { holdsGrantsFindings, nonDefaultDirectGrants } from "./support/subjects";

const EVERYONE = new Set([SYSTEM_AUTHENTICATED, "system:serviceaccounts"]);

/** Grants to every authenticated user or every service account, beyond the bootstrap defaults. */
export default defineRule({
  id: "authenticated-group-grant",
  title: "Grants to all authenticated users or all service accounts",
  severity: "critical",
  category: "exposed-subjects",
  rationale:
    "Every authenticated principal is in `system:authenticated` — every service account token of every pod, and on some managed " +
    "platforms any account of the identity provider. Every service account is in `system:serviceaccounts`. Rights granted to these " +
    "groups are held by the weakest workload in the cluster.",
  remediation: "Bind specific users, groups or service accounts instead; keep these groups at the defaults (discovery, basic-user, public-info-viewer).",
  references: [REF.leastPrivilege, REF.rbacDefaultRoles, REF.rbacServiceAccounts, ...mitreRefs(MITRE.validAccounts)],
  seesFullWildcardGrants: true,
  mitre: [MITRE.validAccounts],
  match(ctx) {
    const { identity } = ctx;
    if (identity.kind !== "Group" || !EVERYONE.has(identity.name)) return [];
    return holdsGrantsFindings(nonDefaultDirectGrants(ctx.grants, identity), `every member of ${identity.name}`, "critical", "medium");
  },
});
