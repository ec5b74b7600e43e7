import { defineRule } from "./support/define-rule";
import { probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { AUTHENTICATION } from "./support/requests";
import { scopedMatch } from "./support/scoped";

/**
 * userextras are authorized per key as the subresource (`userextras/scopes`); `*` is probed as a literal key, which
 * also catches the common (and in RBAC literal) `userextras/*` spelling, and `userextras` without a key.
 */
const PROBES = [
  ...probes({ verbs: ["impersonate"], apiGroup: AUTHENTICATION, resources: ["uids", "userextras", "userextras/*", "userextras/scopes"], cluster: true }),
];

export default defineRule({
  id: "impersonate-uids-userextras",
  title: "Impersonate user UIDs or extra attributes",
  severity: "medium",
  category: "impersonation",
  rationale:
    "Impersonating `uids` or `userextras` forges authentication attributes (scopes, cloud principal ids) that webhook authorizers and " +
    "admission controllers may trust. Combined with user impersonation it completes a forged identity.",
  remediation: "Remove uid/userextras impersonation unless an authenticating proxy needs it; restrict it with resourceNames.",
  references: [REF.impersonation, REF.impersonateVerb, ...mitreRefs(MITRE.modifyAuthentication)],
  mitre: [MITRE.modifyAuthentication],
  match: scopedMatch({ probes: PROBES, summary: "can impersonate user UIDs or extra attributes", severity: { cluster: "medium", namespace: "medium" } }),
});
