import { CSRF_COOKIE, SESSION_COOKIE } from "./config";

/** Attributes for Palisade's cookies: `Secure` whenever the request came over HTTPS. */
export interface CookieSpec {
  name: string;
  value: string;
  httpOnly: boolean;
  secure: boolean;
  sameSite: "lax" | "strict";
  path: string;
  expires?: Date;
  maxAge?: number;
}

/** The session cookie: httpOnly, SameSite=Lax, expiring with the session's absolute lifetime. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): CookieSpec {
  return { name: SESSION_COOKIE, value: token, httpOnly: true, secure, sameSite: "lax", path: "/", expires: expiresAt };
}

/** The double-submit CSRF cookie (script-readable by design; it proves same-origin, it grants nothing). */
export function csrfCookie(value: string, expiresAt: Date, secure: boolean): CookieSpec {
  return { name: CSRF_COOKIE, value, httpOnly: false, secure, sameSite: "lax", path: "/", expires: expiresAt };
}

export function expiredCookie(name: string, secure: boolean, path = "/"): CookieSpec {
  return { name, value: "", httpOnly: true, secure, sameSite: "lax", path, maxAge: 0, expires: new Date(0) };
}

/** `Set-Cookie` header value. */
export function serializeCookie(c: CookieSpec): string {
  const parts = [`${c.name}=${encodeURIComponent(c.value)}`, `Path=${c.path}`, `SameSite=${c.sameSite === "lax" ? "Lax" : "Strict"}`];
  if (c.httpOnly) parts.push("HttpOnly");
  if (c.secure) parts.push("Secure");
  if (c.expires) parts.push(`Expires=${c.expires.toUTCString()}`);
  if (c.maxAge !== undefined) parts.push(`Max-Age=${c.maxAge}`);
  return parts.join("; ");
}
