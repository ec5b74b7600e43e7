import { apiRoute } from "@/lib/auth/guard";
import { identityIdSchema } from "@/lib/schemas/identities";
import { identityPathsQuerySchema } from "@/lib/schemas/crown-jewels";
import { getAttackGraphSummary, getIdentityAttackPaths } from "@/lib/store";
import { listGraphIdentities } from "@/lib/store/graph";
import { jsonError, snapshotOr404, snapshotRef } from "@/app/_lib/api";
import { decodeIdentityParam } from "@/app/_lib/identity-param";

export const dynamic = "force-dynamic";

// GET /api/identities/{id}/paths?cluster=&snapshot=&jewel= — one identity's attack paths to crown jewels (the cheapest
// per jewel and the stored alternatives, every step in words with its evidence) and its blast radius.
export const GET = apiRoute({ role: "viewer", query: identityPathsQuerySchema, tokenScope: "read" }, async ({ query, params }) => {
  const id = identityIdSchema.safeParse(decodeIdentityParam(params.id ?? ""));
  if (!id.success) return jsonError(400, id.error.issues[0]?.message ?? "invalid identity id");
  const s = await snapshotOr404(query);
  if ("response" in s) return s.response;
  const snapshotId = s.ctx.snapshot.id;
  const [found, known, attackGraph] = await Promise.all([getIdentityAttackPaths(snapshotId, id.data, { jewelId: query.jewel }), listGraphIdentities(snapshotId, [id.data]), getAttackGraphSummary(snapshotId)]);
  if (!found && known.length === 0) return jsonError(404, `${id.data} is not in snapshot ${snapshotId}`);
  if (!attackGraph) return jsonError(404, `snapshot ${snapshotId} was stored before attack paths were computed: collect the cluster again`);
  return Response.json({
    snapshot: snapshotRef(s.ctx),
    identity: id.data,
    blastRadius: found?.blastRadius ?? { crownJewels: 0, namespaces: 0, namespaceNames: [], serviceAccounts: 0, cloudIdentities: 0 },
    crownJewels: found?.jewels ?? [],
    paths: found?.paths ?? [],
  });
});
