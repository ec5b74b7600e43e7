import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { CrownJewelPage, CrownJewelsPage, PathsLayerPage } from "./pages/crown-jewel-pages";
import { DashboardPage, IdentityPage } from "./pages/app-pages";
import { saveScreenshot } from "./support/screenshots";
import { closeStore, demoSnapshot, store } from "./support/store";

// lib/demo/README.md, path 1, worked out by hand: ci/github-actions-deployer is bound to ClusterRole ci-deployer by
// RoleBinding payments/github-actions-deployer, whose rule 0 allows creating Deployments; a Deployment's pods may mount
// any Secret of payments, so one CREATE_POD step (cost 2) reaches Secret payments/ledger-db-credentials, the crown
// jewel "Payments ledger database credentials" (tier-0).
const LEDGER = "jewel:name:Payments ledger database credentials";
const DEPLOYER = "ServiceAccount:ci:github-actions-deployer";

test.afterAll(async () => {
  await closeStore();
});

async function noSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }))).toEqual([]);
}

test("open a crown jewel, see the identities that reach it ranked, and follow a path into the graph", async ({ page }) => {
  const { snapshotId } = await demoSnapshot();
  const { listJewelReachers } = await store();
  const stored = (await listJewelReachers(snapshotId, LEDGER, { pageSize: 25 }))!;

  const list = new CrownJewelsPage(page);
  await list.goto();
  const row = list.row("Payments ledger database credentials");
  await expect(row.getByTestId("reacher-count")).toHaveText(String(stored.total));
  await saveScreenshot(page, "crown-jewels");
  await noSeriousA11yViolations(page);
  await row.getByRole("link", { name: "Payments ledger database credentials" }).click();

  const jewel = new CrownJewelPage(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Payments ledger database credentials");
  await expect(page.getByTestId("jewel-reachers")).toHaveText(String(stored.total));
  // Ranked as the store ranks them: cheapest path first.
  const names = await jewel.reachers().evaluateAll((els) => els.map((e) => e.querySelector("a")?.textContent ?? ""));
  expect(names).toEqual(stored.rows.map((r) => (r.identity.namespace ? `${r.identity.namespace}/${r.identity.name}` : r.identity.name)));

  const deployer = jewel.reacher("github-actions-deployer");
  await expect(deployer.getByTestId("path-summary")).toContainText("in payments, mounting any secret there");
  await expect(deployer.getByTestId("path-summary")).toContainText("reads secret payments/ledger-db-credentials");
  await deployer.getByText("Every step, with its evidence").click();
  await expect(deployer.getByTestId("path-steps")).toContainText("1. CREATE_POD");
  await expect(deployer.getByTestId("path-steps")).toContainText("because create deployments: RoleBinding payments/github-actions-deployer → ClusterRole ci-deployer, rule 0");
  await expect(jewel.chokePoints().first()).toBeVisible();
  await saveScreenshot(page, "crown-jewel");
  await page.screenshot({ path: test.info().outputPath("crown-jewel-top.png") });
  await noSeriousA11yViolations(page);

  await deployer.getByRole("link", { name: "Follow this path in the graph" }).click();
  await expect(page).toHaveURL(/\/graph\?.*layer=paths/);
  const layer = new PathsLayerPage(page);
  await layer.waitReady();
  await expect(layer.canvas()).toHaveAttribute("data-highlight", `${DEPLOYER}#0`);
  await expect(page.getByTestId("highlighted-path")).toContainText("reads secret payments/ledger-db-credentials");
  expect(await layer.classesOf(DEPLOYER)).toContain("on-path");
  expect(await layer.classesOf("Secret:payments:ledger-db-credentials")).toContain("on-path");
  expect(await layer.classesOf("jewel")).toContain("on-path");
  // Everyone else who reaches the jewel is drawn, faded.
  const other = stored.rows.find((r) => r.identity.id !== DEPLOYER)!;
  expect(await layer.classesOf(other.identity.id)).toContain("faded");
  await page.waitForTimeout(400); // the highlighted path's zoom animation
  await saveScreenshot(page, "graph-paths-layer");
  await page.getByRole("button", { name: "Show all paths" }).click();
  await layer.canvas().evaluate((el) => (el as HTMLElement & { __cy?: { fit(e: undefined, p: number): void } }).__cy!.fit(undefined, 24));
  await saveScreenshot(page, "graph-paths-layer-all");
  await noSeriousA11yViolations(page);

  // Choosing another path in the list highlights it and keeps the URL in step.
  await page.getByTestId("path-list").getByRole("button").filter({ hasText: other.identity.name }).first().click();
  await expect(layer.canvas()).toHaveAttribute("data-highlight", `${other.identity.id}#0`);
  await expect(page).toHaveURL(new RegExp(`path=${encodeURIComponent(other.identity.id).replace(/%3A/g, "(%3A|:)")}`));
});

test("the identity page explains each path to a crown jewel, with the blast radius", async ({ page }) => {
  // README path 5: support-impersonator lets oidc:support-engineers impersonate any user and group, system:masters
  // included: cluster-admin in one IMPERSONATE step.
  const { snapshotId } = await demoSnapshot();
  const { getIdentityAttackPaths } = await store();
  const stored = (await getIdentityAttackPaths(snapshotId, "Group:oidc:support-engineers"))!;
  await new IdentityPage(page).goto("Group:oidc:support-engineers");
  const section = page.locator("#paths");
  await expect(section.getByRole("heading", { name: /Paths to crown jewels/ })).toBeVisible();
  await expect(section.getByTestId("blast-radius")).toContainText(`Crown jewels reached${stored.blastRadius.crownJewels}`);
  const admin = section.getByTestId("identity-path").filter({ has: page.getByRole("link", { name: "cluster-admin", exact: true }) });
  await expect(admin.getByTestId("path-summary").first()).toHaveText("can impersonate group system:masters");
  await admin.getByText("Every step, with its evidence").first().click();
  await expect(admin.getByTestId("path-steps").first()).toContainText("ClusterRoleBinding support-impersonator → ClusterRole support-impersonator, rule 0");
  await section.scrollIntoViewIfNeeded();
  await saveScreenshot(page, "identity-paths");
});

test("the dashboard shows crown-jewel exposure tiles that match the store", async ({ page }) => {
  const { snapshotId } = await demoSnapshot();
  const { listCrownJewelExposure } = await store();
  const { jewels } = await listCrownJewelExposure(snapshotId);
  await new DashboardPage(page).goto();
  const tiles = page.getByTestId("crown-jewel-tile");
  await expect(tiles).toHaveCount(Math.min(4, jewels.length));
  const first = tiles.first();
  const name = (await first.locator("span").first().textContent())!;
  const jewel = jewels.find((j) => j.name === name)!;
  await expect(first.getByTestId("tile-reachers")).toHaveText(jewel.reacherCount.toLocaleString("en"));
  await first.click();
  await expect(page).toHaveURL(/\/crown-jewels\/jewel/);
});

test("an admin designates a crown jewel per cluster (validated, audited) and removes it", async ({ page }) => {
  await page.goto("/admin/crown-jewels");
  await expect(page.getByRole("heading", { name: "Crown-jewel selectors" })).toBeVisible();
  const form = page.getByTestId("add-selector-form");
  await form.getByLabel("Kind").selectOption("Secret");
  await form.getByRole("button", { name: "Add selector" }).click();
  await expect(form.getByTestId("form-error")).toContainText("give a namespace, a name or a label selector");
  await form.getByLabel("Namespace").fill("checkout");
  await form.getByLabel("Label selector").fill("app in (gateway");
  await form.getByRole("button", { name: "Add selector" }).click();
  await expect(form.getByTestId("form-error")).toContainText("invalid label selector term");
  await form.getByLabel("Label selector").fill("e2e-test=true");
  await form.getByLabel("Crown-jewel name").fill("E2E checkout secrets");
  await form.getByRole("button", { name: "Add selector" }).click();
  await expect(form.getByTestId("form-success")).toContainText("applies from the cluster's next collection");
  const row = page.getByTestId("selector-row").filter({ hasText: "E2E checkout secrets" });
  await expect(row).toContainText("secrets in checkout matching e2e-test=true");
  await saveScreenshot(page, "admin-crown-jewels");
  await noSeriousA11yViolations(page);

  await page.goto("/admin/audit");
  await expect(page.getByText("crown_jewel_selector.create").first()).toBeVisible();

  await page.goto("/admin/crown-jewels");
  page.once("dialog", (d) => void d.accept());
  await page.getByTestId("selector-row").filter({ hasText: "E2E checkout secrets" }).getByRole("button", { name: "Remove" }).click();
  await expect(page.getByTestId("selector-row").filter({ hasText: "E2E checkout secrets" })).toHaveCount(0);
});

test("JSON API: crown jewels, one jewel's reachers, an identity's paths", async ({ request }) => {
  const list = await request.get("/api/crown-jewels");
  expect(list.status()).toBe(200);
  const body = (await list.json()) as { crownJewels: { id: string; reacherCount: number }[] };
  const ledger = body.crownJewels.find((j) => j.id === LEDGER)!;
  expect(ledger.reacherCount).toBeGreaterThan(0);
  const one = await request.get(`/api/crown-jewels/${encodeURIComponent(LEDGER)}?pageSize=200`);
  const detail = (await one.json()) as { reachers: { total: number; rows: { identity: { id: string } }[] } };
  expect(detail.reachers.total).toBe(ledger.reacherCount);
  expect(detail.reachers.rows.map((r) => r.identity.id)).toContain(DEPLOYER);
  const paths = await request.get(`/api/identities/${encodeURIComponent(DEPLOYER)}/paths?jewel=${encodeURIComponent(LEDGER)}`);
  const p = (await paths.json()) as { paths: { rank: number; cost: number; steps: { label: string }[] }[] };
  expect(p.paths.find((x) => x.rank === 0)).toMatchObject({ cost: 2, steps: [{ label: "CREATE_POD" }] });
  expect((await request.get(`/api/crown-jewels/${encodeURIComponent("jewel:nope")}`)).status()).toBe(404);
});
