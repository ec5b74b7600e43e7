// Server-side only. The one place authentication and authorization are enforced for pages, route handlers and
// server actions. proxy.ts turns away requests without a session cookie (or bearer token) before they reach any of
// these; this module then validates the session against PostgreSQL on every request and checks the role.
// test/auth/routes-guarded.test.ts enumerates app/**/page.tsx and app/**/route.ts and fails for any that bypass it.
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { DEFAULT_MAX_BODY_BYTES, PATH_HEADER, SESSION_COOKIE } from "./config";
import { readBody, formDataToObject, type BodyKind } from "./body";
import { checkCsrf, isSafeMethod, readCookie } from "./csrf";
import { AuthError } from "./db";
import { requestMeta, type RequestMeta } from "./request-meta";
import { roleAtLeast, type AppRole } from "./roles";
import { validateSession, type ValidSession } from "./sessions";
import { authenticateApiToken, type TokenPrincipal, type TokenScope } from "./tokens";

export type { AppRole } from "./roles";
export type { TokenScope } from "./tokens";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: AppRole;
  mustChangePassword: boolean;
}

/** What a server action wrapped by `action()` returns to its form (`useActionState`). */
export type ActionResult =
  | { ok: true; message?: string; data?: Record<string, unknown> }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

/** Where users with a generated one-time password are sent until they choose their own. */
export const CHANGE_PASSWORD_PATH = "/account/password";

/** The current request's session (validated against the database once per request), or null. */
export const currentSession = cache(async (): Promise<ValidSession | null> => {
  const jar = await cookies();
  return validateSession(jar.get(SESSION_COOKIE)?.value);
});

/** The signed-in user, or null — for pages that render differently when signed in (no redirect). */
export async function currentUser(): Promise<SessionUser | null> {
  return (await currentSession())?.user ?? null;
}

/** `/login?next=<current path>`, the path coming from proxy.ts. */
async function loginUrl(): Promise<string> {
  const path = (await headers()).get(PATH_HEADER);
  return path && path !== "/" && safeNextPath(path) ? `/login?next=${encodeURIComponent(path)}` : "/login";
}

/** A same-origin path to return to after sign-in, or null (absolute URLs, `//host`, backslashes are refused). */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || next.length > 2048 || !next.startsWith("/") || next.startsWith("//") || next.includes("\\") || /[\u0000-\u001f]/.test(next)) return null;
  return next;
}

/**
 * Server components/pages and server actions: the signed-in user, or redirect("/login?next=…"); forbidden()
 * (app/forbidden.tsx, HTTP 403) when the role is too low. A user still holding a generated one-time password is sent
 * to the password form first, except where `allowPendingPasswordChange` (that form itself, sign-out).
 */
export async function requireUser(minRole: AppRole = "viewer", opts: { allowPendingPasswordChange?: boolean } = {}): Promise<SessionUser> {
  const session = await currentSession();
  if (!session) redirect(await loginUrl());
  const { user } = session;
  if (user.mustChangePassword && !opts.allowPendingPasswordChange) redirect(CHANGE_PASSWORD_PATH);
  if (!roleAtLeast(user.role, minRole)) forbidden();
  return user;
}

export interface ApiRouteOptions<Q extends z.ZodType, B extends z.ZodType> {
  /** Minimum app role of a signed-in user. */
  role: AppRole;
  /** Zod schema for the URL query (repeated keys become arrays). Failures → 400 with the issues. */
  query?: Q;
  /** Zod schema for the body of non-GET requests. Failures → 400 with the issues. */
  body?: B;
  /** Body media types accepted (default JSON only). Anything else → 415. */
  accept?: readonly BodyKind[];
  /** Largest body in bytes on the wire (default 1 MiB). Larger → 413. */
  maxBodyBytes?: number;
  /** Accept `Content-Encoding: gzip`, inflating up to this many bytes (default: gzip refused). */
  maxInflatedBytes?: number;
  /**
   * API-token scope that may call this route. Without it, a `read` token may call viewer-level GET routes and nothing
   * else; an `ingest` token only routes declaring `tokenScope: "ingest"`.
   */
  tokenScope?: TokenScope;
  /** Let a user with a pending one-time-password change through (sign-out, the password form). */
  allowPendingPasswordChange?: boolean;
}

export interface ApiContext<Q extends z.ZodType, B extends z.ZodType> {
  /** The signed-in user, or for an API token a principal `{ id: "token:<id>", name: "API token <name>", role: "viewer" }`. */
  user: SessionUser;
  /** Set when the request was authenticated by an API token. */
  token: TokenPrincipal | null;
  query: z.infer<Q>;
  body: z.infer<B>;
  req: Request;
  params: Record<string, string>;
  meta: RequestMeta;
  /** The session's id hash (cookie-authenticated requests only). */
  sessionIdHash: string | null;
}

/** JSON error body shared by every API route: `{ error, issues? }`. */
export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}, init: ResponseInit = {}): Response {
  return Response.json({ error, ...extra }, { ...init, status });
}

function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

function searchParamsToObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of params) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function tokenUser(t: TokenPrincipal): SessionUser {
  return { id: `token:${t.id}`, email: `token:${t.name}`, name: `API token ${t.name}`, role: "viewer", mustChangePassword: false };
}

/** Errors Next.js uses for control flow (redirect, notFound, forbidden…) must propagate. */
function isNextControlFlow(e: unknown): boolean {
  const digest = (e as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_") || digest === "DYNAMIC_SERVER_USAGE");
}

/** Maps an exception from a handler to a JSON response: AuthError → its status and message; anything else → 500 without details. */
function errorResponse(e: unknown, where: string): Response {
  if (e instanceof AuthError) return jsonError(e.status, e.message);
  console.error(`[palisade] ${where} failed:`, e);
  return jsonError(500, "internal error: the server could not complete this request (details are in the server log)");
}

/**
 * Route handlers: `export const GET = apiRoute({ role: "viewer", query: schema }, async ({ user, query, req, params }) => Response.json(…))`.
 * Authentication: the session cookie, or `Authorization: Bearer <api token>`; 401 JSON without valid credentials,
 * 403 JSON when the role or token scope is too low (or a one-time password still has to be changed).
 * Non-GET requests with a session cookie pass the CSRF check (Origin/Sec-Fetch-Site/double-submit), else 403.
 * Query and body are validated with zod (400 with issues); wrong media type 415; oversized body 413.
 */
export function apiRoute<Q extends z.ZodType = z.ZodNever, B extends z.ZodType = z.ZodNever>(
  opts: ApiRouteOptions<Q, B>,
  handler: (ctx: ApiContext<Q, B>) => Promise<Response>,
): (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> {
  return async (req, routeCtx) => {
    const where = `${req.method} ${new URL(req.url).pathname}`;
    try {
      const meta = requestMeta(req.headers);
      const authz = req.headers.get("authorization");
      let user: SessionUser;
      let token: TokenPrincipal | null = null;
      let sessionIdHash: string | null = null;
      if (authz !== null) {
        const m = /^Bearer\s+(\S+)\s*$/i.exec(authz);
        token = m ? await authenticateApiToken(m[1]!, meta) : null;
        if (!token) return jsonError(401, "invalid API token: it is unknown, revoked or expired", {}, { headers: { "www-authenticate": 'Bearer realm="palisade", error="invalid_token"' } });
        const scopeOk = opts.tokenScope
          ? token.scopes.includes(opts.tokenScope) || (opts.tokenScope !== "ingest" && token.scopes.includes("read") && opts.role === "viewer" && isSafeMethod(req.method))
          : token.scopes.includes("read") && opts.role === "viewer" && isSafeMethod(req.method);
        if (!scopeOk) return jsonError(403, `this API token (scopes: ${token.scopes.join(", ") || "none"}) may not call ${req.method} on this route`);
        user = tokenUser(token);
      } else {
        const session = await validateSession(readCookie(req.headers, SESSION_COOKIE));
        if (!session) return jsonError(401, "authentication required: sign in or send an API token", {}, { headers: { "www-authenticate": 'Bearer realm="palisade"' } });
        if (!isSafeMethod(req.method)) {
          const csrf = checkCsrf(req.headers, req.url);
          if (!csrf.ok) return jsonError(403, csrf.reason);
        }
        user = session.user;
        sessionIdHash = session.idHash;
        if (user.mustChangePassword && !opts.allowPendingPasswordChange) return jsonError(403, "change your one-time password first (at /account/password)");
        if (!roleAtLeast(user.role, opts.role)) return jsonError(403, `forbidden: this needs the ${opts.role} role (you are ${user.role})`);
      }

      const params = ((await routeCtx?.params) ?? {}) as Record<string, string>;
      let query: unknown = undefined;
      if (opts.query) {
        const parsed = opts.query.safeParse(searchParamsToObject(new URL(req.url).searchParams));
        if (!parsed.success) return jsonError(400, `invalid query: ${parsed.error.issues[0]?.message ?? "bad value"}`, { issues: zodIssues(parsed.error) });
        query = parsed.data;
      }
      let body: unknown = undefined;
      if (opts.body && !isSafeMethod(req.method)) {
        const read = await readBody(req, { maxBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, maxInflatedBytes: opts.maxInflatedBytes, accept: opts.accept ?? ["json"] });
        if (!read.ok) return jsonError(read.status, read.error);
        const parsed = opts.body.safeParse(read.value);
        if (!parsed.success) return jsonError(400, `invalid request body: ${describeIssue(parsed.error)}`, { issues: zodIssues(parsed.error) });
        body = parsed.data;
      }
      return await handler({ user, token, query: query as z.infer<Q>, body: body as z.infer<B>, req, params, meta, sessionIdHash });
    } catch (e) {
      if (isNextControlFlow(e)) throw e;
      return errorResponse(e, where);
    }
  };
}

function describeIssue(error: z.ZodError): string {
  const i = error.issues[0];
  if (!i) return "bad value";
  const path = i.path.map(String).join(".");
  return path ? `${path}: ${i.message}` : i.message;
}

/**
 * Route handlers that must work WITHOUT a session: only the sign-in machinery under /api/auth (OIDC start and
 * callback). The route enumeration test allows this wrapper nowhere else. Errors become JSON 500s without details.
 */
export function publicRoute(handler: (req: Request, ctx: { params: Record<string, string>; meta: RequestMeta }) => Promise<Response>): (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> {
  return async (req, routeCtx) => {
    try {
      return await handler(req, { params: ((await routeCtx?.params) ?? {}) as Record<string, string>, meta: requestMeta(req.headers) });
    } catch (e) {
      if (isNextControlFlow(e)) throw e;
      return errorResponse(e, `${req.method} ${new URL(req.url).pathname}`);
    }
  };
}

/**
 * Server actions used by forms: session + role + CSRF + zod in one wrapper, for `useActionState`.
 * `export const createUserAction = action({ role: "admin", input: createUserSchema }, async (input, user) => ({ ok: true }))`.
 * No session → redirect to sign-in; role too low → forbidden() (403); cross-site → `{ ok: false }`; invalid input →
 * `{ ok: false, error, fieldErrors }` and `fn` is not called. AuthError from `fn` becomes `{ ok: false, error: message }`.
 */
export function action<S extends z.ZodType>(
  opts: { role: AppRole; input: S; allowPendingPasswordChange?: boolean },
  fn: (input: z.infer<S>, user: SessionUser) => Promise<ActionResult>,
): (prev: ActionResult | undefined, formData: FormData) => Promise<ActionResult> {
  return async (_prev, formData) => {
    const user = await requireUser(opts.role, { allowPendingPasswordChange: opts.allowPendingPasswordChange });
    const h = await headers();
    // Next.js also compares Origin with Host for server actions; this repeats it with Palisade's own rules.
    const formToken = formData.get("_csrf");
    const csrf = checkCsrf(h, `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}/`, typeof formToken === "string" ? formToken : null);
    if (!csrf.ok) return { ok: false, error: csrf.reason };
    const parsed = opts.input.safeParse(formDataToObject(formData));
    const values = echoValues(formData);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.map(String).join(".") || "_form";
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return { ok: false, error: `please correct the highlighted field${Object.keys(fieldErrors).length > 1 ? "s" : ""}: ${describeIssue(parsed.error)}`, fieldErrors, values };
    }
    try {
      return await fn(parsed.data, user);
    } catch (e) {
      if (isNextControlFlow(e)) throw e;
      if (e instanceof AuthError) return { ok: false, error: e.message, values };
      console.error("[palisade] server action failed:", e);
      return { ok: false, error: "the server could not complete this action (details are in the server log)", values };
    }
  };
}

/**
 * The submitted text fields, echoed back on failure so a form can keep what was typed (React resets forms after an
 * action). Secrets (password, secret, token fields) are never echoed.
 */
export function echoValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries()) {
    if (typeof v !== "string" || k.startsWith("$ACTION") || k === "_csrf" || /password|secret|token/i.test(k)) continue;
    out[k] = v.slice(0, 2000);
  }
  return out;
}

/** Request metadata (address, user agent) inside server components and actions. */
export async function currentRequestMeta(): Promise<RequestMeta> {
  return requestMeta(await headers());
}
