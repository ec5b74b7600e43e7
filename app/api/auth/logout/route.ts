import { auditActor, recordAuditEvent } from "@/lib/auth/audit";
import { CSRF_COOKIE, SESSION_COOKIE } from "@/lib/auth/config";
import { expiredCookie, serializeCookie } from "@/lib/auth/cookies";
import { readCookie } from "@/lib/auth/csrf";
import { apiRoute } from "@/lib/auth/guard";
import { isHttps } from "@/lib/auth/request-meta";
import { revokeSession } from "@/lib/auth/sessions";

export const dynamic = "force-dynamic";

// POST /api/auth/logout — revokes the session server-side, clears the cookies, 303 to /login (forms) or 204 (fetch).
export const POST = apiRoute({ role: "viewer", allowPendingPasswordChange: true }, async ({ req, user, token, meta }) => {
  if (token) return Response.json({ error: "API tokens have no session to sign out of" }, { status: 400 });
  await revokeSession(readCookie(req.headers, SESSION_COOKIE));
  await recordAuditEvent({ action: "auth.sign_out", actor: auditActor(user), target: `user:${user.email}`, meta });
  const secure = isHttps(req.headers, req.url);
  const wantsJson = (req.headers.get("accept") ?? "").includes("application/json");
  const res = wantsJson ? new Response(null, { status: 204 }) : new Response(null, { status: 303, headers: { location: "/login" } });
  res.headers.append("set-cookie", serializeCookie(expiredCookie(SESSION_COOKIE, secure)));
  res.headers.append("set-cookie", serializeCookie({ ...expiredCookie(CSRF_COOKIE, secure), httpOnly: false }));
  return res;
});
