import { apiRoute, jsonError } from "@/lib/auth/guard";
import { deleteUser, getUser, updateUser } from "@/lib/auth/users";
import { updateUserSchema, userIdSchema } from "@/lib/schemas/auth";

export const dynamic = "force-dynamic";

// GET /api/admin/users/:id
export const GET = apiRoute({ role: "admin" }, async ({ params }) => {
  const id = userIdSchema.safeParse(params.id);
  if (!id.success) return jsonError(400, "not a valid user id");
  const user = await getUser(id.data);
  return user ? Response.json({ user }) : jsonError(404, "no such user");
});

// PATCH /api/admin/users/:id {name?, role?, disabled?} — disabling ends the user's sessions at once.
export const PATCH = apiRoute({ role: "admin", body: updateUserSchema }, async ({ params, body, user, meta }) => {
  const id = userIdSchema.safeParse(params.id);
  if (!id.success) return jsonError(400, "not a valid user id");
  return Response.json({ user: await updateUser(id.data, body, user, meta) });
});

// DELETE /api/admin/users/:id
export const DELETE = apiRoute({ role: "admin" }, async ({ params, user, meta }) => {
  const id = userIdSchema.safeParse(params.id);
  if (!id.success) return jsonError(400, "not a valid user id");
  await deleteUser(id.data, user, meta);
  return new Response(null, { status: 204 });
});
