/** Where the e2e web server runs and how tests sign in; shared by playwright.config.ts, the setup project and specs. */
const port = Number(process.env.E2E_PORT ?? 3100);

export const E2E = {
  port,
  baseURL: `http://127.0.0.1:${port}`,
  /** Embedded PostgreSQL of the e2e server (outside test-results, which Playwright empties before each run). */
  pgDir: process.env.E2E_PG_DIR ?? ".data/pg-e2e",
  adminEmail: "admin@palisade.local",
  adminPassword: process.env.E2E_ADMIN_PASSWORD ?? "e2e-admin-password-0001",
  /** Signed-in browser state saved by the setup project. */
  storageState: ".data/e2e-storage-state.json",
  /** The demo cluster `npm run demo` loads (lib/pipeline DEMO_CLUSTER_NAME). */
  demoCluster: "acme-pay-demo",
} as const;
