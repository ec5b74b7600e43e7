import { apiRoute } from "@/lib/auth/guard";
import { whoCanQuerySchema } from "@/lib/schemas/who-can";
import { jsonError, snapshotOr404, snapshotRef } from "@/app/_lib/api";
import { runWhoCan } from "@/app/_lib/access-queries";

export const dynamic = "force-dynamic";

// GET /api/who-can?verb=&resource=&subresource=&apiGroup=&name=&namespace=&path=&cluster=&snapshot=
// — every subject a binding allows to make the request, with binding → role → rule (the rule as YAML).
export const GET = apiRoute({ role: "viewer", query: whoCanQuerySchema, tokenScope: "read" }, async ({ query }) => {
  const s = await snapshotOr404(query);
  if ("response" in s) return s.response;
  const res = await runWhoCan(s.ctx.snapshot.id, query);
  if (!res.ok) return jsonError(400, res.error);
  return Response.json({ snapshot: snapshotRef(s.ctx), ...res.value });
});
