import { expect, test } from "@playwright/test";
import { IdentitiesPage } from "./pages/app-pages";
import { saveScreenshot } from "./support/screenshots";
import { closeStore, demoSnapshot, store } from "./support/store";

test.afterAll(closeStore);

test("filters live in the URL and match the store", async ({ page }) => {
  const { snapshotId } = await demoSnapshot();
  const { listIdentities } = await store();
  const expected = await listIdentities(snapshotId, { kind: "ServiceAccount", namespace: "ci", builtIn: false });

  const identities = new IdentitiesPage(page);
  await identities.goto();
  await identities.choose("Kind", "ServiceAccount");
  await identities.choose("Namespace", "ci");
  await expect(page).toHaveURL(/kind=ServiceAccount/);
  await expect(page).toHaveURL(/namespace=ci/);
  await expect(identities.rows()).toHaveCount(expected.total);
  for (const r of expected.rows) await expect(identities.rows().filter({ hasText: r.name })).toHaveCount(1);

  // The same URL shared with someone else shows the same view.
  const url = page.url();
  const other = await page.context().newPage();
  await other.goto(url);
  await expect(other.getByTestId("identities-table").locator("tbody tr")).toHaveCount(expected.total);
  await other.close();
});

test("search, built-in toggle and pagination", async ({ page }) => {
  const { snapshotId } = await demoSnapshot();
  const { listIdentities } = await store();
  const identities = new IdentitiesPage(page);
  await identities.goto();
  await identities.search("github-actions");
  await expect(identities.rows()).toHaveCount((await listIdentities(snapshotId, { q: "github-actions", builtIn: false })).total);
  await expect(identities.rows().first()).toContainText("github-actions-deployer");

  const all = await listIdentities(snapshotId, { pageSize: 20 });
  await identities.goto("builtIn=all&pageSize=20");
  await expect(identities.summary()).toContainText(`of ${all.total}`);
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(identities.rows().first()).toContainText((await listIdentities(snapshotId, { pageSize: 20, page: 2 })).rows[0]!.name);
  await saveScreenshot(page, "identities");
});

test("a filter that matches nothing says what to do", async ({ page }) => {
  const identities = new IdentitiesPage(page);
  await identities.goto("q=no-such-identity-anywhere");
  await expect(page.getByRole("status")).toContainText("No identity matches these filters");
});
