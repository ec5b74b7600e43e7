import { apiRoute } from "@/lib/auth/guard";
import { identityListQuerySchema } from "@/lib/schemas/identities";
import { listIdentities } from "@/lib/store";
import { snapshotOr404, snapshotRef } from "@/app/_lib/api";
import { identityFilters } from "@/app/_lib/identity-filters";

export const dynamic = "force-dynamic";

// GET /api/identities?q=&kind=&namespace=&level=&rule=&builtIn=&overPermissive=&sort=&page=&pageSize=&cluster=&snapshot=
// — one page of identities, riskiest first; the same filters as the identities page.
export const GET = apiRoute({ role: "viewer", query: identityListQuerySchema, tokenScope: "read" }, async ({ query }) => {
  const s = await snapshotOr404(query);
  if ("response" in s) return s.response;
  const page = await listIdentities(s.ctx.snapshot.id, identityFilters(query));
  return Response.json({ snapshot: snapshotRef(s.ctx), ...page });
});
