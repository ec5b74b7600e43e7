import { withDefaultClusterRoles } from "@/lib/collect/default-policy";
import { loadInventory } from "@/lib/collect/files";
import { collectLive, CollectError, type ProgressEvent } from "@/lib/collect/live";
import { CollectionCancelledError, CollectionInputError, clusterNameFromPaths, type CollectionSource } from "@/lib/pipeline";
import type { IngestPayloadInput } from "./push-client";

/**
 * `palisade collect … --push`: collects like `palisade collect` (live, in-cluster or files; Secrets as metadata only)
 * but, instead of storing locally, builds the POST /api/ingest payload for lib/auth/push-client. Nothing touches a
 * local database, so this runs in CI or an in-cluster CronJob with no PostgreSQL.
 */
export async function collectForPush(
  source: CollectionSource,
  opts: { clusterName?: string; includeSecrets?: boolean; signal?: AbortSignal; onProgress?: (e: ProgressEvent) => void },
): Promise<IngestPayloadInput> {
  if (source.kind === "files") {
    const loaded = source.load ? await source.load() : await loadInventory(source.paths, { stdin: source.stdin });
    if (loaded.errors.length > 0 && !source.ignoreErrors) throw new CollectionInputError(loaded.errors);
    const inventory = source.defaultRoles === false ? loaded.inventory : (await withDefaultClusterRoles(loaded.inventory)).inventory;
    const cluster = opts.clusterName?.trim() || clusterNameFromPaths(source.paths);
    return { schemaVersion: 1, cluster, source: "files", sourceDetail: source.paths.join(", ").slice(0, 1000), inventory, coverageGaps: [], counts: { inputErrors: loaded.errors.length } };
  }
  const inCluster = source.kind === "in-cluster";
  let collected;
  try {
    collected = await collectLive({
      ...(inCluster ? { inCluster } : { kubeconfig: source.kubeconfig, context: source.context }),
      includeSecrets: opts.includeSecrets,
      onProgress: opts.onProgress,
      signal: opts.signal,
    });
  } catch (error) {
    if (error instanceof CollectError && error.code === "aborted") throw new CollectionCancelledError(opts.clusterName);
    throw error;
  }
  const cluster = opts.clusterName?.trim() || (inCluster ? "in-cluster" : collected.contextName);
  return {
    schemaVersion: 1,
    cluster,
    source: inCluster ? "in-cluster" : "live",
    sourceDetail: (inCluster ? `in-cluster (${collected.server})` : `context ${collected.contextName} (${collected.server})`).slice(0, 1000),
    inventory: collected.inventory,
    coverageGaps: collected.coverageGaps,
    counts: { inputErrors: collected.inputErrors.length, warnings: collected.warnings.length },
  };
}
