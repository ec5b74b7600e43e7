import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E } from "./e2e/support/env";

/**
 * End-to-end tests in Debian's Chromium (/usr/bin/chromium; Playwright never downloads a browser here) against the
 * production build: `npm run test:e2e` = `next build && playwright test`. The web server is `npm run demo`, which loads
 * the Acme Pay demo cluster into its own embedded PostgreSQL (.data/pg-e2e, outside test-results, which Playwright
 * empties) and runs `next start` on the test port, with a known admin password so the setup project can sign in.
 */
const chromium = process.env.PLAYWRIGHT_CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  // Fail loudly rather than skip: the end-to-end suite is part of `npm test`.
  throw new Error(`Chromium not found at ${chromium}: install Debian's package (sudo apt-get install -y chromium) or set PLAYWRIGHT_CHROMIUM`);
}

export default defineConfig({
  testDir: "./e2e",
  // E2E_OUTPUT_DIR lets a second run on the same checkout keep its own artifacts (Playwright empties the directory).
  outputDir: process.env.E2E_OUTPUT_DIR ?? "./test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]] : "list",
  use: {
    ...devices["Desktop Chrome"],
    baseURL: E2E.baseURL,
    viewport: { width: 1280, height: 800 },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "setup", testMatch: /setup\/.*\.setup\.ts/ },
    {
      name: "app",
      testMatch: /.*\.spec\.ts/,
      testIgnore: /auth.*\.spec\.ts/,
      dependencies: ["setup"],
      use: { storageState: E2E.storageState },
    },
    // Sign-in, sessions and SSO start signed out (owned by the auth specs).
    { name: "auth", testMatch: /auth.*\.spec\.ts/ },
  ],
  webServer: {
    command: "npm run demo",
    url: `${E2E.baseURL}/login`,
    timeout: 180_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    // The default SIGKILLs the process group, embedded PostgreSQL included; SIGTERM lets the demo stop it cleanly.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      PORT: String(E2E.port),
      EMBEDDED_PG_DIR: E2E.pgDir,
      PALISADE_ADMIN_EMAIL: E2E.adminEmail,
      PALISADE_ADMIN_PASSWORD: E2E.adminPassword,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
