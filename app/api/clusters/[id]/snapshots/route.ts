import { z } from "zod";
import { apiRoute } from "@/lib/auth/guard";
import { single } from "@/lib/schemas/query";
import { listClusters, listSnapshots } from "@/lib/store";
import { jsonError } from "@/app/_lib/api";

export const dynamic = "force-dynamic";

const query = z.object({ limit: single(z.coerce.number().int().min(1).max(1000)) });
const clusterId = z.coerce.number().int().positive();

// GET /api/clusters/{id}/snapshots?limit= — the cluster's snapshots of every status, newest first.
export const GET = apiRoute({ role: "viewer", query, tokenScope: "read" }, async ({ query, params }) => {
  const id = clusterId.safeParse(params.id);
  if (!id.success) return jsonError(400, `cluster id must be a positive integer, got "${params.id}"`);
  const cluster = (await listClusters()).find((c) => c.id === id.data);
  if (!cluster) return jsonError(404, `cluster ${id.data} does not exist`);
  const snapshots = await listSnapshots(id.data, { limit: query.limit ?? 100 });
  return Response.json({ cluster: { id: cluster.id, name: cluster.name, currentSnapshotId: cluster.current?.id ?? null }, snapshots });
});
