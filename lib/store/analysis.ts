// Server-side only; see lib/store/client.ts.
import { analyze } from "@/lib/rbac";
import type { Analysis } from "@/lib/rbac/types";
import { loadSnapshotInventory } from "./inventory";

/** How many snapshots' analyses stay in memory (a large cluster's analysis is a few hundred MB at most). */
const CACHE_SIZE = 3;

interface AnalysisCache {
  entries: Map<number, Promise<Analysis | null>>;
}
// On globalThis so Next's dev hot reload keeps the cache.
const cache: AnalysisCache = ((globalThis as { __palisadeAnalysis?: AnalysisCache }).__palisadeAnalysis ??= { entries: new Map() });

/**
 * The RBAC engine's analysis of a stored snapshot (`analyze(loadSnapshotInventory(id))`), for who-can and can-i on
 * the web. Snapshots never change once complete, so the analysis is computed once per snapshot id and kept in memory
 * (the last {@link CACHE_SIZE} snapshots asked for); concurrent callers share one computation. Null when absent.
 */
export function getSnapshotAnalysis(snapshotId: number): Promise<Analysis | null> {
  const hit = cache.entries.get(snapshotId);
  if (hit) {
    // Most recently used last.
    cache.entries.delete(snapshotId);
    cache.entries.set(snapshotId, hit);
    return hit;
  }
  const computed = loadSnapshotInventory(snapshotId).then((inv) => (inv ? analyze(inv) : null));
  cache.entries.set(snapshotId, computed);
  // Failures and absent snapshots are not cached: the next request tries again.
  computed.then(
    (a) => {
      if (!a && cache.entries.get(snapshotId) === computed) cache.entries.delete(snapshotId);
    },
    () => {
      if (cache.entries.get(snapshotId) === computed) cache.entries.delete(snapshotId);
    },
  );
  while (cache.entries.size > CACHE_SIZE) cache.entries.delete(cache.entries.keys().next().value!);
  return computed;
}

/** Forgets cached analyses (tests). */
export function clearSnapshotAnalysisCache(): void {
  cache.entries.clear();
}
