import { apiRoute } from "@/lib/auth/guard";
import { crownJewelListQuerySchema } from "@/lib/schemas/crown-jewels";
import { getAttackGraphSummary, listCrownJewelExposure } from "@/lib/store";
import { snapshotOr404, snapshotRef } from "@/app/_lib/api";

export const dynamic = "force-dynamic";

// GET /api/crown-jewels?cluster=&snapshot= — the snapshot's crown jewels with their exposure (identities with a path,
// shortest path, choke points) and the change since the cluster's previous snapshot; attackGraph is null for a
// snapshot stored before attack paths were computed.
export const GET = apiRoute({ role: "viewer", query: crownJewelListQuerySchema, tokenScope: "read" }, async ({ query }) => {
  const s = await snapshotOr404(query);
  if ("response" in s) return s.response;
  const [exposure, attackGraph] = await Promise.all([listCrownJewelExposure(s.ctx.snapshot.id), getAttackGraphSummary(s.ctx.snapshot.id)]);
  return Response.json({ snapshot: snapshotRef(s.ctx), attackGraph, previousSnapshotId: exposure.previousSnapshotId, crownJewels: exposure.jewels });
});
