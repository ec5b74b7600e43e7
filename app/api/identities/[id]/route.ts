import { apiRoute } from "@/lib/auth/guard";
import { identityDetailQuerySchema, identityIdSchema } from "@/lib/schemas/identities";
import { getIdentity } from "@/lib/store";
import { buildPermissionMatrix } from "@/lib/view/permission-matrix";
import { jsonError, snapshotOr404, snapshotRef } from "@/app/_lib/api";
import { decodeIdentityParam } from "@/app/_lib/identity-param";

export const dynamic = "force-dynamic";

// GET /api/identities/{id}?cluster=&snapshot= — one identity: risk, groups, effective grants with provenance, the
// permissions matrix, findings, bindings and workloads. {id} is the URL-encoded identity id (User:alice, …).
export const GET = apiRoute({ role: "viewer", query: identityDetailQuerySchema, tokenScope: "read" }, async ({ query, params }) => {
  const id = identityIdSchema.safeParse(decodeIdentityParam(params.id ?? ""));
  if (!id.success) return jsonError(400, id.error.issues[0]?.message ?? "invalid identity id");
  const s = await snapshotOr404(query);
  if ("response" in s) return s.response;
  const identity = await getIdentity(s.ctx.snapshot.id, id.data);
  if (!identity) return jsonError(404, `${id.data} is not in snapshot ${s.ctx.snapshot.id}`);
  return Response.json({ snapshot: snapshotRef(s.ctx), identity, permissions: buildPermissionMatrix(identity.grants) });
});
