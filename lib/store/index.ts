/**
 * Palisade's store: the only code that talks to the database (Prisma client + bulk writes over pg).
 * Server-side only — `import "server-only"` cannot be used because the CLI runs under tsx; ESLint forbids Prisma
 * imports everywhere else. Pages, route handlers and the CLI call these functions and get plain objects back.
 */
export { closeStore } from "./client";
export { beginSnapshot, saveSnapshot, failSnapshot, CollectionInProgressError, LAST_APPLIED_ANNOTATION } from "./save-snapshot";
export { listClusters, listSnapshots, getCurrentSnapshot, getSnapshot, getClusterByName, pruneSnapshots } from "./snapshots";
export { listIdentities, getIdentity } from "./identities";
export { listFindings } from "./findings";
export { snapshotSummary } from "./summary";
export { decodePaths, prepareAttackPaths } from "./attack-path-rows";
export {
  getAttackGraphSummary,
  getAttackPath,
  getCrownJewel,
  getIdentityAttackPaths,
  listCrownJewelExposure,
  listCrownJewels,
  listJewelReachers,
  type AttackGraphSummary,
  type AttackNodeRef,
  type CrownJewelExposure,
  type IdentityAttackPaths,
  type JewelReacherRow,
  type PreparedAttackPaths,
  type ReacherIdentity,
  type StoredAttackPath,
  type StoredBlastRadius,
  type StoredCrownJewel,
  type StoredPathStep,
} from "./attack-paths";
export {
  addCrownJewelSelector,
  crownJewelSelectorsFor,
  deleteCrownJewelSelector,
  listCrownJewelSelectors,
  toGraphSelector,
  type StoredCrownJewelSelector,
} from "./crown-jewel-selectors";
export type * from "./types";
