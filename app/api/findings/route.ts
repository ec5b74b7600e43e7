import { apiRoute } from "@/lib/auth/guard";
import { findingListQuerySchema } from "@/lib/schemas/findings";
import { listFindings } from "@/lib/store";
import { snapshotOr404, snapshotRef } from "@/app/_lib/api";

export const dynamic = "force-dynamic";

// GET /api/findings?rule=&severity=&identity=&namespace=&byDesign=&q=&page=&pageSize=&cluster=&snapshot=
// — one page of findings, most severe first. namespace=- keeps only cluster-wide findings.
export const GET = apiRoute({ role: "viewer", query: findingListQuerySchema, tokenScope: "read" }, async ({ query }) => {
  const s = await snapshotOr404(query);
  if ("response" in s) return s.response;
  const page = await listFindings(s.ctx.snapshot.id, {
    ...(query.rule ? { ruleId: query.rule } : {}),
    ...(query.severity ? { severity: query.severity } : {}),
    ...(query.identity ? { identityId: query.identity } : {}),
    ...(query.namespace !== undefined ? { namespace: query.namespace === "-" ? null : query.namespace } : {}),
    ...(query.byDesign !== undefined ? { byDesign: query.byDesign } : {}),
    ...(query.q ? { q: query.q } : {}),
    page: query.page ?? 1,
    pageSize: query.pageSize ?? 50,
  });
  return Response.json({ snapshot: snapshotRef(s.ctx), ...page });
});
