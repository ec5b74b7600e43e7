import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { BOOTSTRAP_POLICY_DIR } from "@/lib/collect/default-policy";
import { DEMO_MANIFESTS_DIR, loadDemoInventory } from "@/lib/demo";
import { getClusterByName, getSnapshot } from "@/lib/store";
import packageJson from "@/package.json" with { type: "json" };
import { runCollection } from "./run-collection";
import type { CollectionSummary, PhaseEvent } from "./types";

/** The cluster the bundled Acme Pay demo is stored as. */
export const DEMO_CLUSTER_NAME = "acme-pay-demo";

/**
 * Bump when the pipeline's output for unchanged demo manifests changes in a way a stored demo snapshot must not
 * survive (it is part of the content hash, as is Palisade's version).
 */
export const DEMO_PIPELINE_VERSION = 2;

export interface LoadDemoOptions {
  /** Reload even when the current snapshot already holds this content. */
  force?: boolean;
  /** Overrides for tests. */
  manifestsDir?: string;
  bootstrapDir?: string;
  clusterName?: string;
  onPhase?: (e: PhaseEvent) => void;
  signal?: AbortSignal;
}

export type LoadDemoResult =
  | { status: "loaded"; snapshotId: number; hash: string; summary: CollectionSummary }
  | { status: "up-to-date"; snapshotId: number; hash: string };

const MANIFEST_EXT = /\.(ya?ml|json)$/i;

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (entry.isFile() && MANIFEST_EXT.test(entry.name)) out.push(full);
  }
  return out;
}

/**
 * SHA-256 over everything the demo load reads (each manifest's path relative to its root and its bytes, in a stable
 * order) plus Palisade's version and {@link DEMO_PIPELINE_VERSION}: equal hashes mean an equal stored snapshot.
 */
export async function demoContentHash(manifestsDir = DEMO_MANIFESTS_DIR, bootstrapDir = BOOTSTRAP_POLICY_DIR): Promise<string> {
  const hash = createHash("sha256");
  hash.update(`palisade ${packageJson.version} demo pipeline ${DEMO_PIPELINE_VERSION}\n`);
  for (const [label, root] of [
    ["demo", manifestsDir],
    ["bootstrap", bootstrapDir],
  ] as const) {
    const files = (await listFiles(root)).map((f) => [path.relative(root, f).split(path.sep).join("/"), f] as const);
    files.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [rel, full] of files) {
      const bytes = await readFile(full);
      hash.update(`${label}/${rel}\0${bytes.length}\0`);
      hash.update(bytes);
    }
  }
  return hash.digest("hex");
}

/** The snapshot source text recording which demo content a snapshot holds. */
function demoSourceDetail(hash: string): string {
  return `Acme Pay demo (lib/demo/manifests), content sha256:${hash}`;
}

/**
 * Loads the bundled Acme Pay demo (lib/demo) as cluster {@link DEMO_CLUSTER_NAME} through {@link runCollection}.
 * Idempotent: when the cluster's current snapshot was made from the same content (same hash), nothing is loaded.
 * Needs a database (DATABASE_URL or the embedded one); the caller closes the store.
 */
export async function loadDemoCluster(opts: LoadDemoOptions = {}): Promise<LoadDemoResult> {
  const manifestsDir = opts.manifestsDir ?? DEMO_MANIFESTS_DIR;
  const bootstrapDir = opts.bootstrapDir ?? BOOTSTRAP_POLICY_DIR;
  const clusterName = opts.clusterName ?? DEMO_CLUSTER_NAME;
  const hash = await demoContentHash(manifestsDir, bootstrapDir);
  const sourceDetail = demoSourceDetail(hash);
  if (!opts.force) {
    const cluster = await getClusterByName(clusterName);
    if (cluster?.currentSnapshotId != null) {
      const current = await getSnapshot(cluster.currentSnapshotId);
      if (current?.status === "complete" && current.sourceDetail === sourceDetail) return { status: "up-to-date", snapshotId: current.id, hash };
    }
  }
  const summary = await runCollection({
    clusterName,
    sourceDetail,
    source: { kind: "files", paths: [manifestsDir, bootstrapDir], load: () => loadDemoInventory(manifestsDir, bootstrapDir) },
    onPhase: opts.onPhase,
    signal: opts.signal,
  });
  return { status: "loaded", snapshotId: summary.snapshotId, hash, summary };
}
