import { SYSTEM_UNAUTHENTICATED } from "@/lib/rbac";
import { defineRule } from "./support/define-rule";
import { MITRE, mitreRefs, REF } from "./support/references";
import { holdsGrantsFindings, nonDefaultDirectGrants } from "./support/subjects";

/** Grants to the anonymous user or the unauthenticated group beyond the bootstrap defaults (system:public-info-viewer). */
export default defineRule({
  id: "anonymous-access-grant",
  title: "Grants to anonymous / unauthenticated requests",
  severity: "critical",
  category: "exposed-subjects",
  rationale:
    "Bindings to `system:anonymous` or `system:unauthenticated` give their rights to anyone who can reach the API server, without " +
    "any credential. Beyond the default health/version endpoints, anything granted there is public; takeover rights there are an " +
    "open door.",
  remediation: "Remove the binding; disable anonymous authentication (`--anonymous-auth=false`, or AuthenticationConfiguration anonymous conditions for health endpoints only).",
  references: [REF.anonymous, REF.rbacDefaultRoles, ...mitreRefs(MITRE.defaultAccounts)],
  seesFullWildcardGrants: true,
  mitre: [MITRE.defaultAccounts],
  match(ctx) {
    const { identity } = ctx;
    const anonymous = (identity.kind === "User" && identity.name === "system:anonymous") || (identity.kind === "Group" && identity.name === SYSTEM_UNAUTHENTICATED);
    if (!anonymous) return [];
    return holdsGrantsFindings(nonDefaultDirectGrants(ctx.grants, identity), `${identity.name} (no credentials needed)`, "critical", "medium");
  },
});
