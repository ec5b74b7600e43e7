import { apiRoute, jsonError } from "@/lib/auth/guard";
import { revokeApiToken } from "@/lib/auth/tokens";
import { tokenRefSchema } from "@/lib/schemas/auth";

export const dynamic = "force-dynamic";

// DELETE /api/admin/tokens/:id — revokes the token (refused from the next request on); the row stays for the record.
export const DELETE = apiRoute({ role: "admin" }, async ({ params, user, meta }) => {
  const ref = tokenRefSchema.safeParse({ id: params.id });
  if (!ref.success) return jsonError(400, "not a valid token id");
  return Response.json({ token: await revokeApiToken(ref.data.id, user, meta) });
});
