/** Palisade's RBAC engine: pure functions over a normalized inventory (no I/O). */
export { analyze } from "./analyze";
export { aggregateClusterRoles } from "./aggregation";
export { selectorMatches } from "./label-selector";
export {
  apiGroupMatches,
  nonResourceURLMatches,
  resourceMatches,
  resourceNameMatches,
  ruleAllows,
  ruleAllowsNonResource,
  ruleAllowsResource,
  verbMatches,
} from "./matchers";
export { canI, grantAllows, identityGrants, whoCan, type CanIResult, type Provenance, type WhoCanSubject } from "./queries";
export {
  identityId,
  implicitGroupsFor,
  isBuiltInIdentity,
  parseServiceAccountUsername,
  parseSubject,
  serviceAccountUsername,
  subjectIdentity,
  SYSTEM_AUTHENTICATED,
  SYSTEM_MASTERS,
  SYSTEM_UNAUTHENTICATED,
} from "./subjects";
export type * from "./types";
