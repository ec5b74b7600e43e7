import { CSRF_COOKIE, CSRF_HEADER } from "./config";
import { safeEqual } from "./crypto";
import { publicOrigin } from "./request-meta";

/** Methods that never change state (and so need no CSRF check). */
export function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}

/** A cookie's value from a Cookie header. */
export function readCookie(headers: Headers, name: string): string | undefined {
  const header = headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    if (part.slice(0, i).trim() === name) {
      const v = part.slice(i + 1).trim();
      try {
        return decodeURIComponent(v);
      } catch {
        return v;
      }
    }
  }
  return undefined;
}

export type CsrfVerdict = { ok: true } | { ok: false; reason: string };

/**
 * CSRF defence for state-changing requests that a browser authenticates with the session cookie (OWASP's
 * "verify origin with standard headers" plus double-submit fallback):
 *  1. an `Origin` header must equal the origin Palisade is served at;
 *  2. without Origin, `Sec-Fetch-Site` must be same-origin;
 *  3. with neither (non-browser clients), the `x-csrf-token` header (or `_csrf` form field) must equal the
 *     `palisade_csrf` cookie set at sign-in.
 * SameSite=Lax on the session cookie is a second layer. Requests authenticated by an API token need no check: a
 * browser never attaches a bearer token by itself.
 */
export function checkCsrf(headers: Headers, url: string, formToken?: string | null): CsrfVerdict {
  const origin = headers.get("origin");
  if (origin && origin !== "null") {
    const expected = publicOrigin(headers, url);
    return origin.toLowerCase() === expected.toLowerCase() ? { ok: true } : { ok: false, reason: `cross-site request refused: origin ${origin} is not ${expected}` };
  }
  if (origin === "null") return { ok: false, reason: "cross-site request refused: opaque origin" };
  const site = headers.get("sec-fetch-site");
  if (site) return site === "same-origin" ? { ok: true } : { ok: false, reason: `cross-site request refused (Sec-Fetch-Site: ${site})` };
  const cookie = readCookie(headers, CSRF_COOKIE);
  const sent = headers.get(CSRF_HEADER) ?? formToken ?? null;
  if (cookie && sent && safeEqual(cookie, sent)) return { ok: true };
  return { ok: false, reason: `missing CSRF proof: send the ${CSRF_HEADER} header with the value of the ${CSRF_COOKIE} cookie` };
}
