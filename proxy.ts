import { NextResponse, type NextRequest } from "next/server";
import { PATH_HEADER, SESSION_COOKIE, isPublicPath } from "@/lib/auth/config";
import { HSTS_HEADER, STATIC_SECURITY_HEADERS, contentSecurityPolicy, newNonce } from "@/lib/auth/security-headers";

/**
 * Next.js request proxy (formerly middleware): the first gate every request passes.
 *  - Without a session cookie, every path except the public ones below is turned away: pages redirect to
 *    /login?next=…, API routes answer 401 JSON (API routes with `Authorization: Bearer` go on to the token check).
 *    Having a cookie is not being signed in: lib/auth/guard validates the session and the role on every page,
 *    route handler and server action (and the route-enumeration test checks that each one calls it).
 *  - Every response gets a nonce-based Content-Security-Policy and the security headers.
 */

function withSecurityHeaders(res: NextResponse, csp: string, https: boolean): NextResponse {
  res.headers.set("Content-Security-Policy", csp);
  for (const h of STATIC_SECURITY_HEADERS) res.headers.set(h.key, h.value);
  if (https) res.headers.set(HSTS_HEADER.key, HSTS_HEADER.value);
  return res;
}

export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  const forwardedProto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const https = forwardedProto ? forwardedProto === "https" : request.nextUrl.protocol === "https:";
  const nonce = newNonce();
  const csp = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https });

  if (!isPublicPath(pathname) && !request.cookies.has(SESSION_COOKIE)) {
    if (pathname.startsWith("/api/")) {
      if (!/^Bearer\s/i.test(request.headers.get("authorization") ?? "")) {
        const res = NextResponse.json({ error: "authentication required: sign in or send an API token" }, { status: 401, headers: { "www-authenticate": 'Bearer realm="palisade"' } });
        return withSecurityHeaders(res, csp, https);
      }
    } else if (request.method === "GET" || request.method === "HEAD") {
      const login = new URL("/login", request.url);
      if (pathname !== "/") login.searchParams.set("next", `${pathname}${search}`);
      return withSecurityHeaders(NextResponse.redirect(login, 307), csp, https);
    } else {
      return withSecurityHeaders(NextResponse.json({ error: "authentication required: sign in first" }, { status: 401 }), csp, https);
    }
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  requestHeaders.set(PATH_HEADER, `${pathname}${search}`);
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp, https);
}

export const config = {
  matcher: [
    // Everything except Next's static build output, image optimizer and public files with an extension.
    "/((?!_next/static|_next/image|favicon\\.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt|xml|woff2?)$).*)",
  ],
};
