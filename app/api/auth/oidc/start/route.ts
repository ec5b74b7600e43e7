import { FLASH_COOKIE, OIDC_FLOW_COOKIE } from "@/lib/auth/config";
import { serializeCookie } from "@/lib/auth/cookies";
import { AuthError } from "@/lib/auth/db";
import { publicRoute, safeNextPath } from "@/lib/auth/guard";
import { startOidcSignIn } from "@/lib/auth/oidc";
import { isHttps, publicOrigin } from "@/lib/auth/request-meta";

export const dynamic = "force-dynamic";

// GET /api/auth/oidc/start?next=/path — public: begins single sign-on (redirect to the identity provider).
export const GET = publicRoute(async (req) => {
  const url = new URL(req.url);
  const next = safeNextPath(url.searchParams.get("next")) ?? "/";
  const origin = publicOrigin(req.headers, req.url);
  const secure = isHttps(req.headers, req.url);
  try {
    const { url: authUrl, flowCookie } = await startOidcSignIn(origin, next);
    const res = new Response(null, { status: 302, headers: { location: authUrl.toString(), "cache-control": "no-store" } });
    res.headers.append("set-cookie", serializeCookie({ name: OIDC_FLOW_COOKIE, value: flowCookie, httpOnly: true, secure, sameSite: "lax", path: "/api/auth/oidc", maxAge: 600 }));
    return res;
  } catch (e) {
    if (!(e instanceof AuthError)) throw e;
    const res = new Response(null, { status: 303, headers: { location: "/login" } });
    res.headers.append("set-cookie", serializeCookie({ name: FLASH_COOKIE, value: e.message, httpOnly: true, secure, sameSite: "lax", path: "/login", maxAge: 60 }));
    return res;
  }
});
