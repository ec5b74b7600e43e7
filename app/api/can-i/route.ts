import { apiRoute } from "@/lib/auth/guard";
import { canIQuerySchema } from "@/lib/schemas/who-can";
import { jsonError, snapshotOr404, snapshotRef } from "@/app/_lib/api";
import { runCanI } from "@/app/_lib/access-queries";

export const dynamic = "force-dynamic";

// GET /api/can-i?user=&group=&verb=&resource=&subresource=&apiGroup=&name=&namespace=&path=&cluster=&snapshot=
// — whether the user (with its implicit groups plus `group`) may make the request, and which rules allow it.
export const GET = apiRoute({ role: "viewer", query: canIQuerySchema, tokenScope: "read" }, async ({ query }) => {
  const s = await snapshotOr404(query);
  if ("response" in s) return s.response;
  const res = await runCanI(s.ctx.snapshot.id, query);
  if (!res.ok) return jsonError(400, res.error);
  return Response.json({ snapshot: snapshotRef(s.ctx), ...res.value });
});
