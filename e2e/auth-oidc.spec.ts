import { expect, test, type Page } from "@playwright/test";
import { adminApi, newIsolatedContext, uniqueSuffix } from "./support/auth-helpers";
import { E2E } from "./support/env";
import { startOpenIdProvider, type TestOpenIdProvider } from "./support/oidc-provider";

/**
 * Single sign-on end to end in Chromium: Palisade (production build) ↔ a real OpenID Provider (`oidc-provider`)
 * started here on 127.0.0.1. Authorization code flow with PKCE; state and nonce must match.
 */

test.describe.configure({ mode: "serial" });
// Contexts span beforeAll/afterAll here; traces of such contexts are not needed and have tripped Playwright's artifact handling.
test.use({ trace: "off" });

const run = uniqueSuffix();
const ADMINS = "palisade-admins";
const ENGINEERING = "engineering";
let op: TestOpenIdProvider;
let admin: Awaited<ReturnType<typeof adminApi>>;

test.beforeAll(async ({ browser }) => {
  op = await startOpenIdProvider({
    redirectUri: `${E2E.baseURL}/api/auth/oidc/callback`,
    groupsFor: (id) => (id.startsWith("boss") ? [ADMINS, ENGINEERING] : id.startsWith("dev") ? [ENGINEERING] : ["marketing"]),
  });
  admin = await adminApi(browser);
  const res = await admin.api("PUT", "/api/admin/settings/oidc", {
    enabled: true,
    issuerUrl: op.issuer,
    clientId: op.clientId,
    clientSecret: op.clientSecret,
    scopes: "openid email profile groups",
    groupsClaim: "groups",
    roleMapping: `${ADMINS} = admin\n${ENGINEERING} = viewer`,
    defaultRole: "none",
  });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  // The secret is write-only.
  const view = await admin.api("GET", "/api/admin/settings/oidc");
  expect(JSON.stringify(view.json)).not.toContain(op.clientSecret);
  expect((view.json as { settings: { hasClientSecret: boolean } }).settings.hasClientSecret).toBe(true);
});

test.afterAll(async () => {
  await admin?.api("PUT", "/api/admin/settings/oidc", {
    enabled: false,
    issuerUrl: op.issuer,
    clientId: op.clientId,
    scopes: "openid",
    groupsClaim: "groups",
    roleMapping: "",
    defaultRole: "none",
  });
  await admin?.dispose();
  await op?.close();
});

/** Login and consent on the provider's development pages. */
async function idpSignIn(page: Page, login: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${op.issuer}/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("signs in through the OpenID Provider and maps groups to a role", async ({ browser }) => {
  const context = await newIsolatedContext(browser);
  const page = await context.newPage();
  await page.goto("/identities");
  await expect(page).toHaveURL(/\/login\?next=%2Fidentities/);
  const authRequest = page.waitForRequest((r) => r.url().startsWith(`${op.issuer}/auth?`));
  await page.getByRole("link", { name: "Sign in with single sign-on" }).click();
  // PKCE and nonce are on the authorization request.
  const authUrl = new URL((await authRequest).url());
  expect(authUrl.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authUrl.searchParams.get("nonce")).toBeTruthy();
  expect(authUrl.searchParams.get("state")).toBeTruthy();
  await idpSignIn(page, `boss-${run}`);
  await expect(page).toHaveURL(/\/identities$/);
  const me = (await (await page.request.get("/api/auth/session")).json()) as { user: { email: string; role: string } };
  expect(me.user).toMatchObject({ email: `boss-${run}@idp.example`, role: "admin" });
  await context.close();

  const c2 = await newIsolatedContext(browser);
  const p2 = await c2.newPage();
  await p2.goto("/login");
  await p2.getByRole("link", { name: "Sign in with single sign-on" }).click();
  await idpSignIn(p2, `dev-${run}`);
  await expect(p2).toHaveURL(new RegExp(`^${E2E.baseURL}/$`));
  const dev = (await (await p2.request.get("/api/auth/session")).json()) as { user: { role: string } };
  expect(dev.user.role).toBe("viewer");
  expect((await p2.goto("/admin/users"))!.status()).toBe(403);
  await c2.close();
});

test("refuses users whose groups map to no role", async ({ browser }) => {
  const context = await newIsolatedContext(browser);
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByRole("link", { name: "Sign in with single sign-on" }).click();
  await idpSignIn(page, `outsider-${run}`);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("alert").filter({ hasText: "your account has no Palisade role" })).toBeVisible();
  expect((await page.request.get("/api/auth/session")).status()).toBe(401);
  await context.close();
});

test("rejects a callback whose state does not match", async ({ browser }) => {
  const context = await newIsolatedContext(browser);
  const page = await context.newPage();
  // Start the sign-in (the flow cookie lands in this browser), then send the browser to the provider with another
  // state: the provider echoes it back to the callback, which must refuse it.
  const start = await page.request.get("/api/auth/oidc/start?next=/", { maxRedirects: 0 });
  expect(start.status()).toBe(302);
  const authUrl = new URL(start.headers()["location"]!);
  expect(authUrl.searchParams.get("state")).toBeTruthy();
  authUrl.searchParams.set("state", "forged-state");
  await page.goto(authUrl.toString());
  await idpSignIn(page, `dev-state-${run}`);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("alert").filter({ hasText: /single sign-on failed: .*state/i })).toBeVisible();
  expect((await page.request.get("/api/auth/session")).status()).toBe(401);
  await context.close();
});

test("rejects an ID token whose nonce does not match", async ({ browser }) => {
  const context = await newIsolatedContext(browser);
  const page = await context.newPage();
  op.tamperNonce(true);
  try {
    await page.goto("/login");
    await page.getByRole("link", { name: "Sign in with single sign-on" }).click();
    await idpSignIn(page, `dev-nonce-${run}`);
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("alert").filter({ hasText: /single sign-on failed: .*nonce/i })).toBeVisible();
    expect((await page.request.get("/api/auth/session")).status()).toBe(401);
  } finally {
    op.tamperNonce(false);
  }
  const audit = await admin.api("GET", "/api/admin/audit?action=auth.sign_in_failed&outcome=failure");
  const reasons = (audit.json as { events: { details: { reason?: string } }[] }).events.map((e) => e.details.reason ?? "");
  expect(reasons.some((r) => /nonce/i.test(r))).toBe(true);
  expect(reasons.some((r) => /state/i.test(r))).toBe(true);
  await context.close();
});
