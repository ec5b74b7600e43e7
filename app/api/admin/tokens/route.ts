import { apiRoute } from "@/lib/auth/guard";
import { createApiToken, listApiTokens } from "@/lib/auth/tokens";
import { createTokenSchema } from "@/lib/schemas/auth";

export const dynamic = "force-dynamic";

// GET /api/admin/tokens — tokens without their secrets.
export const GET = apiRoute({ role: "admin" }, async () => Response.json({ tokens: await listApiTokens() }));

// POST /api/admin/tokens {name, scopes: ["ingest"|"read"], expiresInDays?} — 201; `token` is shown this once.
export const POST = apiRoute({ role: "admin", body: createTokenSchema }, async ({ body, user, meta }) => {
  const { token, row } = await createApiToken(body, user, meta);
  return Response.json({ token, ...row }, { status: 201 });
});
