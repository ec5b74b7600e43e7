/** Palisade's attack graph (pure): model, edge catalogue, crown jewels, paths. */
export { buildAttackGraph, type BuildOptions } from "./build";
export { computePaths, pathsForIdentity, pathSummary, stepsOf, type IdentityPathOptions, type PathOptions } from "./paths";
export {
  CLUSTER_ADMIN_JEWEL,
  cloudJewelId,
  CROWN_JEWEL,
  CROWN_JEWEL_NAME,
  CROWN_JEWEL_TIER,
  crownJewelSelectorSchema,
  findCrownJewels,
  KUBE_SYSTEM_SECRETS_JEWEL,
  NODES_JEWEL,
  formatLabelSelector,
  parseLabelSelector,
  type CrownJewelSelector,
} from "./crown-jewels";
export { EDGES, EDGE_BY_LABEL } from "./edges";
export type { EdgeDefinition } from "./define-edge";
export type { EdgeContext, EdgeDraft, Principal } from "./context";
export { MITRE, type MitreTechnique } from "./mitre";
export * from "./ids";
export * from "./types";
