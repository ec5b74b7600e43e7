import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isPublicPath } from "@/lib/auth/config";
import { listAppRoutes, parseSource, ROOT, urlPathOf } from "./app-routes";
import { checkNoInlineServerActions, checkPage, checkRoute, checkServerActions, parseSnippet } from "./guard-check";

/**
 * Authorization "in one place that cannot be forgotten": this test enumerates every page and route handler from the
 * filesystem and fails for any that does not go through lib/auth/guard (requireUser / apiRoute / action). The
 * e2e suite (e2e/auth-routes.spec.ts) requests the same enumerated routes without a session.
 */

/** The only public pages and handlers, and the only public server action. */
const PUBLIC_PAGES = ["/login"];
const PUBLIC_ROUTE_HANDLERS = ["/api/auth/oidc/start", "/api/auth/oidc/callback"];
const PUBLIC_SERVER_ACTIONS: Record<string, string[]> = { "app/login/actions.ts": ["signInAction"] };

const routes = listAppRoutes();

describe("route enumeration", () => {
  it("finds the app's pages and route handlers", () => {
    const urls = routes.map((r) => `${r.kind} ${r.urlPath}`);
    // A few routes that exist in this codebase; the list itself is never hand-kept.
    expect(urls).toContain("page /login");
    expect(urls).toContain("page /admin/users");
    expect(urls).toContain("route /api/ingest");
    expect(routes.filter((r) => r.kind === "route").every((r) => r.methods.length > 0)).toBe(true);
  });

  it("maps files to URLs (route groups dropped, params kept)", () => {
    expect(urlPathOf(path.join("app", "(app)", "identities", "[id]", "page.tsx"))).toBe("/identities/[id]");
    expect(urlPathOf(path.join("app", "page.tsx"))).toBe("/");
  });
});

describe("every page calls requireUser()", () => {
  for (const r of routes.filter((x) => x.kind === "page")) {
    it(`${r.urlPath} (${r.file})`, () => {
      if (PUBLIC_PAGES.includes(r.urlPath)) {
        expect(isPublicPath(r.urlPath)).toBe(true);
        return;
      }
      expect(isPublicPath(r.urlPath), "proxy.ts must not treat this page as public").toBe(false);
      expect(checkPage(parseSource(r.file))).toEqual([]);
    });
  }
});

describe("every route handler is wrapped by apiRoute()", () => {
  for (const r of routes.filter((x) => x.kind === "route")) {
    it(`${r.methods.join(",")} ${r.urlPath} (${r.file})`, () => {
      const allowPublic = PUBLIC_ROUTE_HANDLERS.includes(r.urlPath);
      if (allowPublic) expect(isPublicPath(r.urlPath)).toBe(true);
      expect(checkRoute(parseSource(r.file), { allowPublic })).toEqual([]);
    });
  }
});

describe("every server action is wrapped by action()", () => {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir)) {
      const full = path.join(dir, e);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(e) && !e.endsWith(".test.ts")) files.push(path.relative(ROOT, full));
    }
  };
  for (const dir of ["app", "components", "lib"]) walk(path.join(ROOT, dir));
  const withDirective = files.filter((f) => readFileSync(path.join(ROOT, f), "utf8").includes("use server"));
  it("finds the server action files", () => {
    expect(withDirective).toContain("app/login/actions.ts");
  });
  for (const f of withDirective) {
    it(f, () => {
      const sf = parseSource(f);
      expect([...checkNoInlineServerActions(sf), ...checkServerActions(sf, PUBLIC_SERVER_ACTIONS[f] ?? [])]).toEqual([]);
    });
  }
});

// The checker itself, on hand-written snippets: it must reject what it is meant to reject.
describe("guard checker", () => {
  it("accepts a page that awaits requireUser and rejects one that does not", () => {
    const ok = parseSnippet(`import { requireUser } from "@/lib/auth/guard";\nexport default async function P() { await requireUser("admin"); return null; }`);
    const missing = parseSnippet(`import { requireUser } from "@/lib/auth/guard";\nexport default async function P() { return null; }`);
    const notImported = parseSnippet(`const requireUser = async () => 1;\nexport default async function P() { await requireUser(); return null; }`);
    const arrow = parseSnippet(`import { requireUser } from "@/lib/auth/guard";\nconst P = async () => { await requireUser(); return null; };\nexport default P;`);
    expect(checkPage(ok)).toEqual([]);
    expect(checkPage(arrow)).toEqual([]);
    expect(checkPage(missing)).toEqual(["its default export never calls requireUser()"]);
    expect(checkPage(notImported)[0]).toMatch(/does not import requireUser/);
  });

  it("rejects plain, re-exported or unwrapped handlers and misplaced publicRoute", () => {
    const ok = parseSnippet(`import { apiRoute } from "@/lib/auth/guard";\nexport const GET = apiRoute({ role: "viewer" }, async () => new Response());`);
    const plain = parseSnippet(`export async function GET() { return new Response(); }`);
    const reexport = parseSnippet(`import { h } from "./x";\nexport { h as POST };`);
    const unwrapped = parseSnippet(`import { apiRoute } from "@/lib/auth/guard";\nexport const DELETE = async () => new Response();`);
    const pub = parseSnippet(`import { publicRoute } from "@/lib/auth/guard";\nexport const GET = publicRoute(async () => new Response());`);
    expect(checkRoute(ok, { allowPublic: false })).toEqual([]);
    expect(checkRoute(plain, { allowPublic: false })[0]).toMatch(/plain function/);
    expect(checkRoute(reexport, { allowPublic: false })[0]).toMatch(/re-exported/);
    expect(checkRoute(unwrapped, { allowPublic: false })[0]).toMatch(/not wrapped/);
    expect(checkRoute(pub, { allowPublic: false })[0]).toMatch(/publicRoute outside/);
    expect(checkRoute(pub, { allowPublic: true })).toEqual([]);
  });

  it("rejects unwrapped and inline server actions", () => {
    const ok = parseSnippet(`"use server";\nimport { action } from "@/lib/auth/guard";\nexport const a = action({ role: "admin", input: s }, async () => ({ ok: true }));`);
    const fn = parseSnippet(`"use server";\nexport async function del(id: string) {}`);
    const inline = parseSnippet(`export default function P() { async function go() { "use server"; } return null; }`);
    expect(checkServerActions(ok)).toEqual([]);
    expect(checkServerActions(fn)[0]).toMatch(/unwrapped server action/);
    expect(checkServerActions(fn, ["del"])).toEqual([]);
    expect(checkNoInlineServerActions(inline)[0]).toMatch(/inline "use server"/);
  });
});
