import { expect, test } from "@playwright/test";
import { GraphPage } from "./pages/app-pages";
import { saveScreenshot } from "./support/screenshots";

test("the graph renders an identity's neighbourhood and expands on click", async ({ page }) => {
  const graph = new GraphPage(page);
  await graph.goto("identity:ServiceAccount:ci:github-actions-deployer");
  const before = await graph.nodeCount();
  expect(before).toBeGreaterThan(5);
  await expect(page.getByText("Around ServiceAccount")).toBeVisible();

  // Clicking the payments namespace (where its RoleBinding lives) adds the namespace's bindings, roles and accounts.
  const expansion = page.waitForResponse((r) => r.url().includes("/api/graph") && r.status() === 200);
  await graph.clickNode("namespace:payments");
  await expansion;
  await expect.poll(() => graph.nodeCount()).toBeGreaterThan(before);
  await expect(page.getByTestId("graph-status")).toContainText("around payments");
  await expect(page.getByRole("heading", { name: "Selected" }).locator("..")).toContainText("payments");

  // README: priya and oidc:payments-leads administer payments through RoleBinding payments-leads-admin.
  const onCanvas = (id: string) => graph.canvas().evaluate((el, nodeId) => (el as HTMLElement & { __cy?: { getElementById(id: string): { nonempty(): boolean } } }).__cy!.getElementById(nodeId).nonempty(), id);
  await expect.poll(() => onCanvas("binding:RoleBinding:payments:payments-leads-admin")).toBe(true);
  await expect.poll(() => onCanvas("identity:User:priya@acmepay.example")).toBe(true);
  await saveScreenshot(page, "graph");
});

test("filters, search and export", async ({ page }) => {
  const graph = new GraphPage(page);
  await graph.goto("namespace:payments");
  await page.getByLabel("Search the graph").fill("ledger");
  await expect(page.getByText(/\d+ match/)).toBeVisible();
  await page.getByRole("checkbox", { name: "Bindings" }).uncheck();
  const hidden = await graph.canvas().evaluate((el) => (el as HTMLElement & { __cy?: { nodes(sel: string): { length: number } } }).__cy!.nodes(".binding.filtered").length);
  expect(hidden).toBeGreaterThan(0);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export PNG" }).click();
  expect((await download).suggestedFilename()).toMatch(/^palisade-graph-\d+\.png$/);
});

test("the overview starts from every namespace and large folds expand", async ({ page }) => {
  const graph = new GraphPage(page);
  await graph.goto("namespace:kube-system");
  const before = await graph.nodeCount();
  await graph.clickNode("sa-in:kube-system");
  await expect.poll(() => graph.nodeCount()).toBeGreaterThan(before + 10);
  await graph.goto("overview");
  await expect(page.getByText("All namespaces. Click one")).toBeVisible();
});
