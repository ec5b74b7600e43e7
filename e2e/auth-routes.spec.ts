import { expect, test } from "@playwright/test";
import { concreteUrl, listAppRoutes } from "../test/auth/app-routes";

/**
 * Every route of the app, enumerated from the filesystem (app/**\/page.tsx, app/**\/route.ts), requested without a
 * session against the production server: pages redirect to sign-in, API handlers answer 401 — for every exported
 * method. Only /login and the OIDC endpoints are public.
 */

const PUBLIC = new Set(["/login", "/api/auth/oidc/start", "/api/auth/oidc/callback"]);
const routes = listAppRoutes();

test("the enumeration found the app", () => {
  expect(routes.filter((r) => r.kind === "page").length).toBeGreaterThan(8);
  expect(routes.filter((r) => r.kind === "route").length).toBeGreaterThan(8);
});

for (const r of routes.filter((x) => !PUBLIC.has(x.urlPath))) {
  for (const method of r.methods) {
    test(`${method} ${r.urlPath} without a session → ${r.kind === "page" ? "redirect to /login" : "401"}`, async ({ request }) => {
      const url = concreteUrl(r.urlPath);
      const res = await request.fetch(url, { method, maxRedirects: 0, ...(method === "GET" || method === "HEAD" ? {} : { data: {} }) });
      if (r.kind === "page") {
        expect(res.status()).toBe(307);
        const location = new URL(res.headers()["location"]!, "http://x");
        expect(location.pathname).toBe("/login");
        if (url !== "/") expect(location.searchParams.get("next")).toBe(url);
      } else {
        expect(res.status()).toBe(401);
        expect(((await res.json()) as { error: string }).error).toMatch(/authentication required/);
      }
      // Security headers on every response, redirects and errors included.
      const h = res.headers();
      expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(h["x-content-type-options"]).toBe("nosniff");
      expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    });
  }
}

test("a forged session cookie is not a session", async ({ request }) => {
  const res = await request.get("/api/auth/session", { headers: { cookie: "palisade_session=forged" } });
  expect(res.status()).toBe(401);
  const page = await request.get("/admin/users", { headers: { cookie: "palisade_session=forged" }, maxRedirects: 0 });
  expect(page.status()).toBe(307);
  const location = new URL(page.headers()["location"]!, "http://x");
  expect(`${location.pathname}${location.search}`).toBe("/login?next=%2Fadmin%2Fusers");
});

test("the public sign-in endpoints work without a session", async ({ request }) => {
  expect((await request.get("/login")).status()).toBe(200);
  const callback = await request.get("/api/auth/oidc/callback?code=x&state=y", { maxRedirects: 0 });
  expect(callback.status()).toBe(303);
  expect(new URL(callback.headers()["location"]!, "http://x").pathname).toBe("/login");
});
