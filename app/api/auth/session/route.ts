import { apiRoute } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";

// GET /api/auth/session — who is signed in (or which API token is calling).
export const GET = apiRoute({ role: "viewer", allowPendingPasswordChange: true }, async ({ user, token }) =>
  Response.json({ user: token ? null : user, token: token ? { id: token.id, name: token.name, scopes: token.scopes } : null }),
);
