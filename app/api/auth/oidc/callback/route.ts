import { FLASH_COOKIE, OIDC_FLOW_COOKIE } from "@/lib/auth/config";
import { csrfCookie, serializeCookie, sessionCookie } from "@/lib/auth/cookies";
import { randomToken } from "@/lib/auth/crypto";
import { readCookie } from "@/lib/auth/csrf";
import { publicRoute, safeNextPath } from "@/lib/auth/guard";
import { finishOidcSignIn, OIDC_CALLBACK_PATH } from "@/lib/auth/oidc";
import { isHttps, publicOrigin } from "@/lib/auth/request-meta";

export const dynamic = "force-dynamic";

// GET /api/auth/oidc/callback?code=…&state=… — public: the identity provider returns here; state, nonce and PKCE are verified.
export const GET = publicRoute(async (req, { meta }) => {
  const incoming = new URL(req.url);
  // The URL the IdP redirected to, on Palisade's public origin (behind a proxy req.url may name an internal host).
  const callbackUrl = new URL(`${publicOrigin(req.headers, req.url)}${OIDC_CALLBACK_PATH}${incoming.search}`);
  const secure = isHttps(req.headers, req.url);
  const result = await finishOidcSignIn(callbackUrl, readCookie(req.headers, OIDC_FLOW_COOKIE), meta);
  const clearFlow = serializeCookie({ name: OIDC_FLOW_COOKIE, value: "", httpOnly: true, secure, sameSite: "lax", path: "/api/auth/oidc", maxAge: 0 });
  if (!result.ok) {
    const res = new Response(null, { status: 303, headers: { location: "/login", "cache-control": "no-store" } });
    res.headers.append("set-cookie", clearFlow);
    res.headers.append("set-cookie", serializeCookie({ name: FLASH_COOKIE, value: result.error.slice(0, 500), httpOnly: true, secure, sameSite: "lax", path: "/login", maxAge: 60 }));
    return res;
  }
  const res = new Response(null, { status: 303, headers: { location: safeNextPath(result.next) ?? "/", "cache-control": "no-store" } });
  res.headers.append("set-cookie", clearFlow);
  res.headers.append("set-cookie", serializeCookie(sessionCookie(result.session.token, result.session.expiresAt, secure)));
  res.headers.append("set-cookie", serializeCookie(csrfCookie(randomToken(24), result.session.expiresAt, secure)));
  return res;
});
