import { randomInt } from "node:crypto";
import { expect, request as playwrightRequest, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { SignInPage } from "../pages/sign-in-page";
import { E2E } from "./env";

/** Helpers for the auth specs: isolated browser contexts, an admin API session, unique users per run. */

/** Each context gets its own client address, so sign-in rate limits of one test never touch another (or the setup project). */
export async function newIsolatedContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": `10.${randomInt(1, 250)}.${randomInt(1, 250)}.${randomInt(1, 250)}` } });
}

export const uniqueSuffix = (): string => `${Date.now().toString(36)}${randomInt(1000, 9999)}`;

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  const p = new SignInPage(page);
  await p.goto();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await submitSignIn(page);
}

/** Clicks "Sign in" and waits until the server action has answered (the form is reset after it). */
export async function submitSignIn(page: Page): Promise<void> {
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await answered;
  await expect(page.getByRole("button", { name: "Signing in…" })).toHaveCount(0);
}

/**
 * An API client signed in as the e2e admin (signs in once in a throwaway browser context, then keeps only the
 * cookies): `api()` sends same-origin JSON requests.
 */
export async function adminApi(browser: Browser): Promise<{ request: APIRequestContext; api: (method: string, url: string, data?: unknown) => Promise<{ status: number; json: unknown }>; dispose(): Promise<void> }> {
  const context = await newIsolatedContext(browser);
  const page = await context.newPage();
  await signIn(page, E2E.adminEmail, E2E.adminPassword);
  await expect(page).not.toHaveURL(/\/login/);
  const storageState = await context.storageState();
  await context.close();
  const request = await playwrightRequest.newContext({ baseURL: E2E.baseURL, storageState, extraHTTPHeaders: { origin: E2E.baseURL } });
  const api = async (method: string, url: string, data?: unknown) => {
    const res = await request.fetch(url, { method, data, maxRedirects: 0 });
    const text = await res.text();
    return { status: res.status(), json: text ? (JSON.parse(text) as unknown) : null };
  };
  return { request, api, dispose: () => request.dispose() };
}

/** A page signed in as the e2e admin; `api()` sends same-origin JSON requests with its session. */
export async function adminSession(browser: Browser): Promise<{ page: Page; context: BrowserContext; api: (method: string, url: string, data?: unknown) => Promise<{ status: number; json: unknown }> }> {
  const context = await newIsolatedContext(browser);
  const page = await context.newPage();
  await signIn(page, E2E.adminEmail, E2E.adminPassword);
  await expect(page).not.toHaveURL(/\/login/);
  const api = async (method: string, url: string, data?: unknown) => {
    const res = await page.request.fetch(url, { method, data, headers: { origin: E2E.baseURL }, maxRedirects: 0 });
    const text = await res.text();
    return { status: res.status(), json: text ? (JSON.parse(text) as unknown) : null };
  };
  return { page, context, api };
}

export async function createUser(
  api: Awaited<ReturnType<typeof adminSession>>["api"],
  input: { email: string; name: string; role: "admin" | "reviewer" | "viewer"; password?: string },
): Promise<{ id: string; oneTimePassword?: string }> {
  const r = await api("POST", "/api/admin/users", input);
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  const j = r.json as { user: { id: string }; oneTimePassword?: string };
  return { id: j.user.id, oneTimePassword: j.oneTimePassword };
}
