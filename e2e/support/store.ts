/**
 * Database access for assertions: specs compare what the pages show with what lib/store returns for the same snapshot
 * (never hard-coded numbers). Uses the e2e server's embedded PostgreSQL, which lib/db reuses while the server runs.
 */
import { E2E } from "./env";

process.env.EMBEDDED_PG_DIR ??= E2E.pgDir;

export async function store() {
  return import("@/lib/store");
}

/** The demo cluster and its current snapshot id. */
export async function demoSnapshot(): Promise<{ clusterId: number; snapshotId: number }> {
  const { listClusters } = await store();
  const cluster = (await listClusters()).find((c) => c.name === E2E.demoCluster);
  if (!cluster?.current) throw new Error(`the e2e database has no complete snapshot of ${E2E.demoCluster}: did npm run demo load it?`);
  return { clusterId: cluster.id, snapshotId: cluster.current.id };
}

export async function closeStore(): Promise<void> {
  await (await store()).closeStore();
}
