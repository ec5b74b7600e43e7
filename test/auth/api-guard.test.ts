import { gzipSync } from "node:zlib";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { authDb } from "@/lib/auth/db";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { createSession } from "@/lib/auth/sessions";
import { hashPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/guard";
import { setupAuthTestDatabase } from "./auth-db";
import { concreteUrl, listAppRoutes, ROOT } from "./app-routes";

/**
 * The guard as route handlers see it: real handlers from app/api, real sessions and tokens in PostgreSQL, plain
 * `Request` objects. Every enumerated route handler is called without credentials (401) and, for mutations, as a
 * viewer (403).
 */

const { sql } = setupAuthTestDatabase();
const ORIGIN = "http://palisade.test";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const handlers = new Map<string, Record<string, Handler>>();
async function routeModule(urlPath: string): Promise<Record<string, Handler>> {
  const hit = handlers.get(urlPath);
  if (hit) return hit;
  const r = listAppRoutes().find((x) => x.kind === "route" && x.urlPath === urlPath);
  if (!r) throw new Error(`no route ${urlPath}`);
  const mod = (await import(/* @vite-ignore */ path.join(ROOT, r.file))) as Record<string, Handler>;
  handlers.set(urlPath, mod);
  return mod;
}

interface CallOptions {
  session?: string;
  token?: string;
  body?: unknown;
  rawBody?: BodyInit;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  /** Send the browser's same-origin proof (default true when a session is used). */
  sameOrigin?: boolean;
}

async function call(method: string, urlPath: string, opts: CallOptions = {}, search = ""): Promise<Response> {
  const mod = await routeModule(urlPath);
  const handler = mod[method];
  if (!handler) throw new Error(`${urlPath} has no ${method}`);
  const headers = new Headers({ host: "palisade.test", ...opts.headers });
  if (opts.session) headers.append("cookie", `palisade_session=${opts.session}`);
  if (opts.token) headers.set("authorization", `Bearer ${opts.token}`);
  if (opts.session && opts.sameOrigin !== false && method !== "GET" && !headers.has("origin")) headers.set("origin", ORIGIN);
  let body: BodyInit | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const url = `${ORIGIN}${concreteUrl(urlPath).replace(/\[(\w+)\]/g, (_m, k: string) => opts.params?.[k] ?? k)}${search}`;
  return handler(new Request(url, { method, headers, body, duplex: "half" } as RequestInit), { params: Promise.resolve(opts.params ?? {}) });
}

async function user(email: string, role: "admin" | "reviewer" | "viewer", over: { mustChangePassword?: boolean } = {}): Promise<{ user: SessionUser; session: string }> {
  const db = await authDb();
  const u = await db.appUser.create({ data: { email, name: email.split("@")[0]!, role, passwordHash: await hashPassword("a long enough pw"), mustChangePassword: over.mustChangePassword ?? false } });
  const s = await createSession(u.id, { ip: "127.0.0.1", userAgent: "vitest" });
  return { user: { id: u.id, email, name: u.name, role, mustChangePassword: u.mustChangePassword }, session: s.token };
}

let admin: { user: SessionUser; session: string };
let viewer: { user: SessionUser; session: string };

beforeAll(async () => {
  admin = await user("admin@example.com", "admin");
  viewer = await user("viewer@example.com", "viewer");
});

const counts = async () => (await sql<{ users: number; tokens: number; settings: number }>("SELECT (SELECT count(*)::int FROM app_user) AS users, (SELECT count(*)::int FROM api_token) AS tokens, (SELECT count(*)::int FROM app_setting) AS settings"))[0]!;

const routes = listAppRoutes().filter((r) => r.kind === "route");
const publicHandlers = new Set(["/api/auth/oidc/start", "/api/auth/oidc/callback"]);

describe("every enumerated route handler refuses a request without credentials", () => {
  for (const r of routes.filter((x) => !publicHandlers.has(x.urlPath))) {
    for (const m of r.methods) {
      it(`${m} ${r.urlPath} → 401`, async () => {
        const res = await call(m, r.urlPath, m === "GET" || m === "HEAD" ? {} : { body: {} });
        expect(res.status).toBe(401);
        expect(((await res.json()) as { error: string }).error).toMatch(/authentication required/);
      });
    }
  }
});

describe("a viewer gets 403 on every mutation", () => {
  // Signing out is the one state change every signed-in user may make.
  const viewerMutations = new Set(["POST /api/auth/logout"]);
  for (const r of routes.filter((x) => !publicHandlers.has(x.urlPath))) {
    for (const m of r.methods.filter((x) => x !== "GET" && x !== "HEAD" && x !== "OPTIONS")) {
      if (viewerMutations.has(`${m} ${r.urlPath}`)) continue;
      it(`${m} ${r.urlPath} → 403`, async () => {
        const before = await counts();
        const res = await call(m, r.urlPath, { session: viewer.session, body: {} });
        expect(res.status).toBe(403);
        expect(await counts()).toEqual(before);
      });
    }
  }
});

describe("sessions and roles", () => {
  it("a viewer may read viewer routes but not admin ones", async () => {
    const me = await call("GET", "/api/auth/session", { session: viewer.session });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: SessionUser }).user.email).toBe("viewer@example.com");
    const res = await call("GET", "/api/admin/users", { session: viewer.session });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: "forbidden: this needs the admin role (you are viewer)" });
  });

  it("a user with a pending one-time password can only reach the password change and sign-out", async () => {
    const pending = await user("pending@example.com", "admin", { mustChangePassword: true });
    expect((await call("GET", "/api/admin/users", { session: pending.session })).status).toBe(403);
    expect((await call("GET", "/api/auth/session", { session: pending.session })).status).toBe(200);
  });

  it("sign-out revokes the session server-side and clears the cookies", async () => {
    const u = await user("leaver@example.com", "viewer");
    const res = await call("POST", "/api/auth/logout", { session: u.session });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login");
    expect(res.headers.getSetCookie().join("\n")).toMatch(/palisade_session=; Path=\/; SameSite=Lax; HttpOnly; Expires=Thu, 01 Jan 1970/);
    expect((await call("GET", "/api/auth/session", { session: u.session })).status).toBe(401);
  });

  it("disabling a user stops their session on the next request", async () => {
    const u = await user("victim@example.com", "viewer");
    expect((await call("GET", "/api/auth/session", { session: u.session })).status).toBe(200);
    const res = await call("PATCH", "/api/admin/users/[id]", { session: admin.session, params: { id: u.user.id }, body: { disabled: true } });
    expect(res.status).toBe(200);
    expect((await call("GET", "/api/auth/session", { session: u.session })).status).toBe(401);
  });
});

describe("CSRF", () => {
  const body = (email: string) => ({ email, name: "Csrf Test", role: "viewer", password: "a long enough pw" });
  it("refuses a cookie-authenticated POST from another origin, with no proof, or marked cross-site", async () => {
    const before = await counts();
    const foreign = await call("POST", "/api/admin/users", { session: admin.session, body: body("c1@example.com"), headers: { origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: string }).error).toBe("cross-site request refused: origin https://evil.example is not http://palisade.test");
    const none = await call("POST", "/api/admin/users", { session: admin.session, body: body("c2@example.com"), sameOrigin: false });
    expect(none.status).toBe(403);
    expect(((await none.json()) as { error: string }).error).toMatch(/missing CSRF proof/);
    const site = await call("POST", "/api/admin/users", { session: admin.session, body: body("c3@example.com"), sameOrigin: false, headers: { "sec-fetch-site": "cross-site" } });
    expect(site.status).toBe(403);
    const wrongToken = await call("POST", "/api/admin/users", { session: admin.session, body: body("c4@example.com"), sameOrigin: false, headers: { cookie: "palisade_csrf=abc", "x-csrf-token": "abd" } });
    expect(wrongToken.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("accepts same-origin requests and the double-submit token", async () => {
    expect((await call("POST", "/api/admin/users", { session: admin.session, body: body("ok1@example.com") })).status).toBe(201);
    const ds = await call("POST", "/api/admin/users", { session: admin.session, body: body("ok2@example.com"), sameOrigin: false, headers: { cookie: "palisade_csrf=tok123", "x-csrf-token": "tok123" } });
    expect(ds.status).toBe(201);
    const sf = await call("POST", "/api/admin/users", { session: admin.session, body: body("ok3@example.com"), sameOrigin: false, headers: { "sec-fetch-site": "same-origin" } });
    expect(sf.status).toBe(201);
  });
});

describe("bad input is a clear 4xx and stores nothing", () => {
  it("wrong content type → 415", async () => {
    const before = await counts();
    const res = await call("POST", "/api/admin/users", { session: admin.session, rawBody: "email=a@b.c", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ error: 'unsupported content type "application/x-www-form-urlencoded": send application/json' });
    const none = await call("POST", "/api/admin/users", { session: admin.session, rawBody: "{}" });
    expect(none.status).toBe(415);
    expect(await counts()).toEqual(before);
  });

  it("oversized body → 413 (declared and streamed)", async () => {
    const big = JSON.stringify({ email: "big@example.com", name: "x".repeat(1024 * 1024), role: "viewer" });
    const declared = await call("POST", "/api/admin/users", { session: admin.session, rawBody: big, headers: { "content-type": "application/json", "content-length": String(big.length) } });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ error: "request body too large: the limit is 1 MiB" });
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 20; i++) c.enqueue(new TextEncoder().encode("x".repeat(64 * 1024)));
        c.close();
      },
    });
    const streamed = await call("POST", "/api/admin/users", { session: admin.session, rawBody: stream, headers: { "content-type": "application/json" } });
    expect(streamed.status).toBe(413);
    expect((await sql("SELECT 1 FROM app_user WHERE email = 'big@example.com'")).length).toBe(0);
  });

  it("invalid JSON → 400 naming the problem", async () => {
    const res = await call("POST", "/api/admin/users", { session: admin.session, rawBody: '{"email": "a@b.c",', headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^invalid JSON: /);
    const empty = await call("POST", "/api/admin/users", { session: admin.session, rawBody: "", headers: { "content-type": "application/json" } });
    expect(await empty.json()).toEqual({ error: "invalid JSON: the body is empty" });
  });

  it("gzip is refused where the route does not accept it", async () => {
    const res = await call("POST", "/api/admin/users", { session: admin.session, rawBody: gzipSync("{}"), headers: { "content-type": "application/json", "content-encoding": "gzip" } });
    expect(res.status).toBe(415);
  });

  const INJECTIONS = ["' OR '1'='1' --", "Robert'); DROP TABLE app_user;--", "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "admin@example.com' --", "${7*7}{{7*7}}", "\u0000null"];

  const cases: { route: string; method: string; valid: Record<string, unknown>; fields: string[]; params?: () => Record<string, string> }[] = [
    { route: "/api/admin/users", method: "POST", valid: { email: "inj@example.com", name: "Inj Ection", role: "viewer" }, fields: ["email", "name", "role"] },
    { route: "/api/admin/users/[id]", method: "PATCH", valid: { name: "Still Fine", role: "viewer", disabled: false }, fields: ["name", "role", "disabled"], params: () => ({ id: viewer.user.id }) },
    { route: "/api/admin/tokens", method: "POST", valid: { name: "inj-token", scopes: ["read"], expiresInDays: 5 }, fields: ["name", "scopes", "expiresInDays"] },
    {
      route: "/api/admin/settings/oidc",
      method: "PUT",
      valid: { enabled: false, issuerUrl: "https://idp.example.com", clientId: "palisade", clientSecret: "s3cret", scopes: "openid email", groupsClaim: "groups", roleMapping: "ops = admin", defaultRole: "none" },
      fields: ["issuerUrl", "clientId", "scopes", "groupsClaim", "roleMapping", "defaultRole"],
    },
  ];
  for (const c of cases) {
    for (const field of c.fields) {
      it(`${c.method} ${c.route}: injection strings in "${field}" → 400, nothing stored`, async () => {
        const before = await counts();
        const viewerRow = await sql("SELECT name, role, disabled FROM app_user WHERE id = $1", [viewer.user.id]);
        for (const evil of INJECTIONS) {
          const res = await call(c.method, c.route, { session: admin.session, body: { ...c.valid, [field]: evil }, params: c.params?.() });
          expect(res.status, `${field}=${JSON.stringify(evil)}`).toBe(400);
          const j = (await res.json()) as { error: string; issues: { path: string; message: string }[] };
          expect(j.error).toMatch(/^invalid request body: /);
          expect(j.issues.some((i) => i.path === field || i.path.startsWith(`${field}.`))).toBe(true);
          // The error never echoes markup back.
          expect(JSON.stringify(j)).not.toContain("<script>");
        }
        expect(await counts()).toEqual(before);
        expect(await sql("SELECT name, role, disabled FROM app_user WHERE id = $1", [viewer.user.id])).toEqual(viewerRow);
      });
    }
  }

  it("a password may contain anything, and is stored only as an argon2id hash", async () => {
    const evil = "Robert'); DROP TABLE app_user;-- <script>";
    const res = await call("POST", "/api/admin/users", { session: admin.session, body: { email: "pw@example.com", name: "Pass Word", role: "viewer", password: evil } });
    expect(res.status).toBe(201);
    const rows = await sql<{ password_hash: string }>("SELECT password_hash FROM app_user WHERE email = 'pw@example.com'");
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0]!.password_hash).not.toContain("DROP");
    expect((await sql("SELECT count(*)::int AS n FROM app_user"))[0]!.n).toBeGreaterThan(1);
  });

  it("invalid query parameters → 400", async () => {
    const res = await call("GET", "/api/admin/audit", { session: admin.session }, "?from=yesterday");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("invalid query: from must be a date (YYYY-MM-DD)");
  });
});

describe("API tokens", () => {
  it("are shown once, stored hashed, scoped, and record their last use", async () => {
    const created = await call("POST", "/api/admin/tokens", { session: admin.session, body: { name: "reader", scopes: ["read"] } });
    expect(created.status).toBe(201);
    const { token, id } = (await created.json()) as { token: string; id: string };
    expect(token).toMatch(/^pal_[A-Za-z0-9_-]{43}$/);
    const stored = await sql<{ token_hash: string; prefix: string }>("SELECT token_hash, prefix FROM api_token WHERE id = $1", [id]);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored[0]!.prefix).toBe(token.slice(0, 10));
    const list = (await (await call("GET", "/api/admin/tokens", { session: admin.session })).json()) as { tokens: Record<string, unknown>[] };
    expect(JSON.stringify(list)).not.toContain(token);

    // read: viewer-level GETs only.
    expect((await call("GET", "/api/auth/session", { token })).status).toBe(200);
    expect((await call("GET", "/api/admin/users", { token })).status).toBe(403);
    expect((await call("POST", "/api/admin/users", { token, body: { email: "t@example.com", name: "T", role: "admin" } })).status).toBe(403);
    expect((await call("POST", "/api/ingest", { token, body: {} })).status).toBe(403);
    const used = await sql<{ last_used_at: Date | null }>("SELECT last_used_at FROM api_token WHERE id = $1", [id]);
    expect(used[0]!.last_used_at).toBeInstanceOf(Date);
  });

  it("ingest tokens reach only the ingest route", async () => {
    const { token } = await createApiToken({ name: "pusher", scopes: ["ingest"] }, admin.user, null);
    const res = await call("GET", "/api/auth/session", { token });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: "this API token (scopes: ingest) may not call GET on this route" });
  });

  it("revoked, expired, unknown and malformed tokens → 401", async () => {
    const { token, row } = await createApiToken({ name: "short-lived", scopes: ["read"] }, admin.user, null);
    await revokeApiToken(row.id, admin.user, null);
    expect((await call("GET", "/api/auth/session", { token })).status).toBe(401);
    const old = await createApiToken({ name: "expired", scopes: ["read"], expiresInDays: 1 }, admin.user, null, new Date(Date.now() - 2 * 86_400_000));
    expect((await call("GET", "/api/auth/session", { token: old.token })).status).toBe(401);
    expect((await call("GET", "/api/auth/session", { token: "pal_unknown" })).status).toBe(401);
    const malformed = await call("GET", "/api/auth/session", { headers: { authorization: "Basic YTpi" } });
    expect(malformed.status).toBe(401);
    expect(malformed.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });
});
