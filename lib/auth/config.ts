/**
 * Authentication settings: names and limits in one place. Durations can be tuned through the environment; the
 * defaults follow OWASP's session-management and authentication cheat sheets.
 */

function minutesFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number of minutes, got ${JSON.stringify(raw)}`);
  return n;
}

/** The session cookie (an opaque random id; the database keeps only its sha256). */
export const SESSION_COOKIE = "palisade_session";
/** Double-submit CSRF cookie (readable by scripts on purpose: clients echo it in `x-csrf-token`). */
export const CSRF_COOKIE = "palisade_csrf";
export const CSRF_HEADER = "x-csrf-token";
/** Encrypted OIDC login transaction (state, nonce, PKCE verifier), scoped to /api/auth/oidc. */
export const OIDC_FLOW_COOKIE = "palisade_oidc";
/** Request header set by proxy.ts: the path (and query) being rendered, for `/login?next=…`. */
export const PATH_HEADER = "x-palisade-path";

export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

/** Idle timeout (default 2 h) and absolute lifetime (default 12 h) of a session. */
export function sessionTimeouts(): SessionTimeouts {
  return {
    idleMs: minutesFromEnv("PALISADE_SESSION_IDLE_MINUTES", 120) * 60_000,
    absoluteMs: minutesFromEnv("PALISADE_SESSION_MAX_MINUTES", 12 * 60) * 60_000,
  };
}

/** lastSeenAt is written at most this often per session (idle expiry is minute-granular). */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

export interface LockoutPolicy {
  windowMs: number;
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
}

/** 5 failed sign-ins per account, 20 per client address, in a sliding 15-minute window. */
export function lockoutPolicy(): LockoutPolicy {
  return {
    windowMs: minutesFromEnv("PALISADE_LOCKOUT_MINUTES", 15) * 60_000,
    maxFailuresPerAccount: 5,
    maxFailuresPerIp: 20,
  };
}

/** Default largest request body for JSON API routes. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Email of the admin created on first run. */
export function bootstrapAdminEmail(): string {
  return (process.env.PALISADE_ADMIN_EMAIL || "admin@palisade.local").trim().toLowerCase();
}

/** Short-lived message for the sign-in page (e.g. why single sign-on failed), path /login, 60 s. */
export const FLASH_COOKIE = "palisade_flash";

/**
 * Paths reachable without a session cookie (proxy.ts): the sign-in page and the sign-in machinery under /api/auth.
 * Everything else needs a session (or, for /api, a bearer token). test/auth/routes-guarded.test.ts keeps the pages and
 * handlers under these paths to the few that must be public.
 */
export function isPublicPath(pathname: string): boolean {
  return pathname === "/login" || pathname.startsWith("/api/auth/");
}
