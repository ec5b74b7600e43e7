import { apiRoute } from "@/lib/auth/guard";
import { createUser, listUsers } from "@/lib/auth/users";
import { createUserSchema } from "@/lib/schemas/auth";

export const dynamic = "force-dynamic";

// GET /api/admin/users — every user (no password hashes).
export const GET = apiRoute({ role: "admin" }, async () => Response.json({ users: await listUsers() }));

// POST /api/admin/users {email, name, role, password?} — 201 with the user (and a one-time password when none was given).
export const POST = apiRoute({ role: "admin", body: createUserSchema }, async ({ body, user, meta }) => {
  const created = await createUser(body, user, meta);
  return Response.json(created, { status: 201 });
});
