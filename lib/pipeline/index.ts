/**
 * The collection pipeline — collect (live API or manifests) → analyze → rules and scores → persist one snapshot —
 * for the CLI (`palisade collect`), the demo (`npm run demo`), the web app and schedulers.
 */
export { runCollection, runCollectionForAllContexts, clusterNameFromPaths, type ContextCollectionResult } from "./run-collection";
export { CollectionCancelledError, CollectionInputError, describeCollectionError, describeDatabase } from "./errors";
export { buildSummary, filesPerKind } from "./summary";
export { formatSummaryText, formatDuration, webUrl } from "./format-text";
export { loadDemoCluster, demoContentHash, DEMO_CLUSTER_NAME, DEMO_PIPELINE_VERSION, type LoadDemoOptions, type LoadDemoResult } from "./demo";
export type * from "./types";
export { holdEmbeddedDatabase, type HeldDatabase } from "./database";
