import { expect, test } from "@playwright/test";
import { FindingsPage } from "./pages/app-pages";
import { saveScreenshot } from "./support/screenshots";
import { closeStore, demoSnapshot } from "./support/store";

test.afterAll(closeStore);

test("findings are grouped by rule with rationale, remediation and links to identities", async ({ page }) => {
  const { snapshotId } = await demoSnapshot();
  const { listFindingSamplesByRule } = await import("@/lib/store/finding-groups");
  const groups = await listFindingSamplesByRule(snapshotId, { perRule: 0 });
  const findings = new FindingsPage(page);
  await findings.goto();
  await expect(page.getByTestId("findings-count")).toHaveText(`${groups.reduce((n, g) => n + g.total, 0)} findings from ${groups.length} rules`);

  // README path 5: support can impersonate anyone.
  const rule = findings.rule("impersonate-users-groups");
  await rule.locator("summary").click();
  await expect(rule).toContainText("Why it matters");
  await expect(rule).toContainText("Remediation");
  await expect(rule.getByRole("link", { name: /kubernetes\.io|Kubernetes/ }).first()).toHaveAttribute("href", /^https:\/\//);
  await rule.getByRole("link", { name: /oidc:support-engineers/ }).click();
  await expect(page).toHaveURL(/\/identities\/Group%3Aoidc%3Asupport-engineers/);
  await findings.goto();
  await saveScreenshot(page, "findings");
});

test("a dashboard link opens the rule's group", async ({ page }) => {
  const findings = new FindingsPage(page);
  await findings.goto();
  await page.goto("/findings#rule-cluster-admin-equivalent");
  await expect(findings.rule("cluster-admin-equivalent")).toHaveAttribute("open", "");
});
