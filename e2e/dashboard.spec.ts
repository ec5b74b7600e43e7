import { expect, test } from "@playwright/test";
import { SEVERITIES } from "@/lib/rules/types";
import { DashboardPage } from "./pages/app-pages";
import { saveScreenshot } from "./support/screenshots";
import { closeStore, demoSnapshot, store } from "./support/store";

test.afterAll(closeStore);

test("dashboard counts match the database", async ({ page }) => {
  const { clusterId, snapshotId } = await demoSnapshot();
  const { snapshotSummary, listIdentities } = await store();
  const { identityBreakdown } = await import("@/lib/store/dashboard");
  const [summary, breakdown, top] = await Promise.all([snapshotSummary(snapshotId), identityBreakdown(snapshotId), listIdentities(snapshotId, { builtIn: false, pageSize: 10 })]);

  const dashboard = new DashboardPage(page);
  await dashboard.goto(`cluster=${clusterId}`);
  await expect(dashboard.stat("own-identities")).toHaveText(breakdown.own.total.toLocaleString("en"));
  await expect(dashboard.stat("own-by-kind")).toHaveText(`${breakdown.own.byKind.User} users · ${breakdown.own.byKind.Group} groups · ${breakdown.own.byKind.ServiceAccount} service accounts`);
  await expect(dashboard.stat("own-over-permissive")).toHaveText(String(breakdown.own.overPermissive));
  const findings = SEVERITIES.reduce((n, s) => n + summary!.findingsBySeverity[s], 0);
  await expect(dashboard.stat("findings-total")).toHaveText(findings.toLocaleString("en"));
  expect(findings).toBe(summary!.counts.findings);

  // Findings by severity: each bar's count.
  const bySeverity = page.getByRole("table", { name: "Findings by severity" });
  for (const s of SEVERITIES) await expect(bySeverity.getByRole("row", { name: new RegExp(`^${s}`, "i") }).getByRole("cell").last()).toHaveText(String(summary!.findingsBySeverity[s]));

  // The ten riskiest of the organisation's own identities, in the store's order.
  const risky = top.rows.filter((r) => r.riskScore > 0);
  await expect(dashboard.riskiestRows()).toHaveCount(risky.length);
  await expect(dashboard.riskiestRows().first()).toContainText(risky[0]!.name);
  await expect(page.getByTestId("built-in-counts")).toContainText(String(breakdown.builtIn.byKind.ServiceAccount));
  await saveScreenshot(page, "dashboard");
});

test("the snapshot selector and stat cards lead to filtered pages", async ({ page }) => {
  const dashboard = new DashboardPage(page);
  await dashboard.goto();
  await expect(page.getByLabel("Cluster", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: /Over-permissive/ }).click();
  await expect(page).toHaveURL(/\/identities\?overPermissive=true/);
  await expect(page.getByLabel("Over-permissive only")).toBeChecked();
});
