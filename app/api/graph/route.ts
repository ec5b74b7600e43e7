import { apiRoute } from "@/lib/auth/guard";
import { graphQuerySchema } from "@/lib/schemas/graph";
import { jsonError, snapshotOr404 } from "@/app/_lib/api";
import { loadAccessGraph } from "@/app/_lib/access-graph";

export const dynamic = "force-dynamic";

// GET /api/graph?focus=&cluster=&snapshot= — the access graph around one node (identity, namespace, binding, role, or
// a folded group of them), at most a few hundred elements; `overview` (default) lists the namespaces.
export const GET = apiRoute({ role: "viewer", query: graphQuerySchema, tokenScope: "read" }, async ({ query }) => {
  const s = await snapshotOr404(query);
  if ("response" in s) return s.response;
  const graph = await loadAccessGraph(s.ctx.snapshot.id, query.focus ?? "overview");
  if (!graph) return jsonError(404, `${query.focus} is not in snapshot ${s.ctx.snapshot.id}`);
  return Response.json({ snapshot: { id: s.ctx.snapshot.id }, ...graph });
});
