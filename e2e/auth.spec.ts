import { expect, test } from "@playwright/test";
import { listAppRoutes, concreteUrl } from "../test/auth/app-routes";
import { adminSession, createUser, newIsolatedContext, signIn, submitSignIn, uniqueSuffix } from "./support/auth-helpers";
import { E2E } from "./support/env";

/** Sign-in, sign-out, forced password change, roles and revocation in Chromium against the production server. */

const PASSWORD = "a long e2e passphrase";

test("sign in, security headers, no CSP violations, sign out revokes the session", async ({ browser }) => {
  const context = await newIsolatedContext(browser);
  const page = await context.newPage();
  const cspViolations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) cspViolations.push(m.text());
  });
  const first = await page.goto("/who-can");
  await expect(page).toHaveURL(/\/login\?next=%2Fwho-can$/);
  const h = first!.headers();
  expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"]).toContain("camera=()");

  await page.getByLabel("Email").fill(E2E.adminEmail);
  await page.getByLabel("Password").fill("not the password");
  await submitSignIn(page);
  await expect(page.getByTestId("form-error")).toHaveText("Incorrect email or password.");
  // The email stays filled in after a failure; the password does not.
  await expect(page.getByLabel("Email")).toHaveValue(E2E.adminEmail);
  await page.getByLabel("Password").fill(E2E.adminPassword);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/who-can$/);

  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === "palisade_session")!;
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false, path: "/" });
  expect(session.value).toMatch(/^[A-Za-z0-9_-]{43}$/);

  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: /Users \(\d+\)/ })).toBeVisible();
  expect(cspViolations).toEqual([]);

  await page.goto("/account");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  // The old cookie value is dead server-side, not just deleted from this browser.
  const replay = await page.request.get("/api/auth/session", { headers: { cookie: `palisade_session=${session.value}` } });
  expect(replay.status()).toBe(401);
  await context.close();
});

test("a generated one-time password must be changed at first sign-in", async ({ browser }) => {
  const admin = await adminSession(browser);
  const email = `otp-${uniqueSuffix()}@example.com`;
  const { oneTimePassword } = await createUser(admin.api, { email, name: "One Time", role: "viewer" });
  expect(oneTimePassword).toMatch(/^\w{5}(-\w{5}){3}$/);

  const context = await newIsolatedContext(browser);
  const page = await context.newPage();
  await signIn(page, email, oneTimePassword!);
  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByText("You signed in with a one-time password")).toBeVisible();
  // Every other page sends the user back here, and the API refuses.
  await page.goto("/identities");
  await expect(page).toHaveURL(/\/account\/password$/);
  expect((await page.request.get("/api/identities")).status()).toBe(403);

  await page.getByLabel("Current password").fill(oneTimePassword!);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("Confirm new password").fill("short");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#field-newPassword-error")).toHaveText("password must be at least 12 characters");

  await page.getByLabel("Current password").fill(oneTimePassword!);
  await page.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm new password").fill(PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(new RegExp(`^${E2E.baseURL}/$`));
  await page.goto("/identities");
  await expect(page).toHaveURL(/\/identities$/);

  const audit = await admin.api("GET", `/api/admin/audit?action=user.password_change&actor=${encodeURIComponent(email)}`);
  expect((audit.json as { total: number }).total).toBe(1);
  await context.close();
  await admin.context.close();
});

test("a viewer gets 403 on every mutation", async ({ browser }) => {
  const admin = await adminSession(browser);
  const email = `viewer-${uniqueSuffix()}@example.com`;
  await createUser(admin.api, { email, name: "Read Only", role: "viewer", password: PASSWORD });
  const context = await newIsolatedContext(browser);
  const page = await context.newPage();
  await signIn(page, email, PASSWORD);
  await expect(page).not.toHaveURL(/\/login/);

  const mutations = listAppRoutes()
    .filter((r) => r.kind === "route" && !r.urlPath.startsWith("/api/auth/"))
    .flatMap((r) => r.methods.filter((m) => !["GET", "HEAD", "OPTIONS"].includes(m)).map((m) => ({ method: m, url: concreteUrl(r.urlPath) })));
  expect(mutations.length).toBeGreaterThan(5);
  for (const m of mutations) {
    const res = await page.request.fetch(m.url, { method: m.method, data: {}, headers: { origin: E2E.baseURL } });
    expect(res.status(), `${m.method} ${m.url}`).toBe(403);
  }
  const adminPage = await page.goto("/admin/users");
  expect(adminPage!.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await context.close();
  await admin.context.close();
});

test("disabling a user stops their session at once", async ({ browser }) => {
  const admin = await adminSession(browser);
  const email = `disable-${uniqueSuffix()}@example.com`;
  const { id } = await createUser(admin.api, { email, name: "Soon Disabled", role: "reviewer", password: PASSWORD });
  const context = await newIsolatedContext(browser);
  const page = await context.newPage();
  await signIn(page, email, PASSWORD);
  await expect(page).not.toHaveURL(/\/login/);
  expect((await page.request.get("/api/auth/session")).status()).toBe(200);

  // Through the admin UI: the Disable button on the user's row.
  await admin.page.goto("/admin/users");
  await admin.page.getByTestId(`user-row-${email}`).getByRole("button", { name: "Disable" }).click();
  await expect(admin.page.getByTestId("form-success")).toContainText(`${email} is disabled and signed out everywhere.`);

  expect((await page.request.get("/api/auth/session")).status()).toBe(401);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  // And cannot sign in again.
  await signIn(page, email, PASSWORD);
  await expect(page.getByTestId("form-error")).toHaveText("This account is disabled. Ask a Palisade admin to enable it.");
  expect((await admin.api("DELETE", `/api/admin/users/${id}`)).status).toBe(204);
  await context.close();
  await admin.context.close();
});

test("repeated failures lock the account with a clear message", async ({ browser }) => {
  const admin = await adminSession(browser);
  const email = `lock-${uniqueSuffix()}@example.com`;
  await createUser(admin.api, { email, name: "Locked Out", role: "viewer", password: PASSWORD });
  const context = await newIsolatedContext(browser);
  const page = await context.newPage();
  const expected = [
    "Incorrect email or password.",
    "Incorrect email or password.",
    "Incorrect email or password. 2 attempts left before this account is locked for a while.",
    "Incorrect email or password. 1 attempt left before this account is locked for a while.",
    "Too many failed sign-in attempts for this account. It is locked for now. Try again in 15 minutes.",
  ];
  await signIn(page, email, "wrong-1");
  await expect(page.getByTestId("form-error")).toHaveText(expected[0]!);
  for (let i = 2; i <= 5; i++) {
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await submitSignIn(page);
    await expect(page.getByTestId("form-error")).toHaveText(expected[i - 1]!);
  }
  await page.getByLabel("Password").fill(PASSWORD);
  await submitSignIn(page);
  await expect(page.getByTestId("form-error")).toHaveText(/Too many failed sign-in attempts for this account/);
  await expect(page).toHaveURL(/\/login/);
  const audit = await admin.api("GET", `/api/admin/audit?action=auth.sign_in_failed&actor=${encodeURIComponent(email)}`);
  expect((audit.json as { total: number }).total).toBe(6);
  await context.close();
  await admin.context.close();
});
