import { apiRoute } from "@/lib/auth/guard";
import { crownJewelDetailQuerySchema, jewelIdSchema } from "@/lib/schemas/crown-jewels";
import { listJewelReachers } from "@/lib/store";
import { jsonError, snapshotOr404, snapshotRef } from "@/app/_lib/api";
import { decodeIdentityParam } from "@/app/_lib/identity-param";

export const dynamic = "force-dynamic";

// GET /api/crown-jewels/{id}?cluster=&snapshot=&page=&pageSize= — one crown jewel (URL-encoded id, e.g.
// jewel%3Acluster-admin): its exposure and choke points, and one page of the identities that reach it, ranked, each
// with its cheapest path (steps in words, with evidence).
export const GET = apiRoute({ role: "viewer", query: crownJewelDetailQuerySchema, tokenScope: "read" }, async ({ query, params }) => {
  const id = jewelIdSchema.safeParse(decodeIdentityParam(params.id ?? ""));
  if (!id.success) return jsonError(400, id.error.issues[0]?.message ?? "invalid crown-jewel id");
  const s = await snapshotOr404(query);
  if ("response" in s) return s.response;
  const found = await listJewelReachers(s.ctx.snapshot.id, id.data, { page: query.page, pageSize: query.pageSize });
  if (!found) return jsonError(404, `${id.data} is not a crown jewel of snapshot ${s.ctx.snapshot.id}`);
  const { jewel, ...reachers } = found;
  return Response.json({ snapshot: snapshotRef(s.ctx), crownJewel: jewel, reachers });
});
