import { expect, test } from "@playwright/test";
import { IdentitiesPage, IdentityPage } from "./pages/app-pages";
import { saveScreenshot } from "./support/screenshots";

// lib/demo/README.md, path 1: ci/github-actions-deployer is bound to ClusterRole ci-deployer in payments, checkout and
// web, and ci-deployer's rule #1 (`"" pods: get list watch create delete`) lets it create pods — so in payments it can
// run any image as any service account there, ledger-writer included.
test("drilling into an over-permissive service account shows the granting binding and rule", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const identities = new IdentitiesPage(page);
  await identities.goto("overPermissive=true");
  await page.getByRole("link", { name: /github-actions-deployer/ }).click();
  await expect(page).toHaveURL(/\/identities\/ServiceAccount%3Aci%3Agithub-actions-deployer/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("github-actions-deployer");
  await expect(page.getByText("over-permissive", { exact: true })).toBeVisible();

  const identity = new IdentityPage(page);
  await identity.scopeTab("Namespace payments").click();
  const cell = identity.cell("create", "pods");
  await expect(cell).toHaveAttribute("aria-label", /allowed, dangerous/);
  await cell.click();
  const why = identity.why();
  await expect(why).toContainText("RoleBinding payments/github-actions-deployer");
  await expect(why).toContainText("ClusterRole ci-deployer");
  await expect(why).toContainText("rule #1");
  await expect(why.getByTestId("rule-yaml")).toHaveText('- apiGroups: [""]\n  resources: [pods]\n  verbs: [get, list, watch, create, delete]');
  const command = "palisade can-i create pods --api-group '' -n payments --as system:serviceaccount:ci:github-actions-deployer --from lib/demo/manifests --from lib/collect/kubernetes-bootstrap";
  await expect(why.getByTestId("can-i-command")).toHaveText(command);
  await why.getByRole("button", { name: "Copy command" }).click();
  await expect(why.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(command);

  // The same binding is listed, and its findings carry remediation.
  await expect(page.getByTestId("bindings-table")).toContainText("RoleBinding payments/github-actions-deployer");
  await expect(page.locator("#findings")).toContainText("Create pods (run as any service account in scope)");
  await saveScreenshot(page, "identity");
});

test("the permissions matrix works from the keyboard", async ({ page }) => {
  const identity = new IdentityPage(page);
  await identity.goto("ServiceAccount:ci:github-actions-deployer");
  await identity.scopeTab("Namespace payments").click();
  const first = page.getByRole("gridcell").first();
  await first.focus();
  // Walk right until an allowed cell, then select it with Enter.
  for (let i = 0; i < 12; i++) {
    const label = (await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))) ?? "";
    if (/: allowed/.test(label)) break;
    await page.keyboard.press("ArrowRight");
  }
  await page.keyboard.press("Enter");
  await expect(identity.why()).toContainText("RoleBinding payments/github-actions-deployer");
});

test("an unknown identity says so instead of failing", async ({ page }) => {
  const identity = new IdentityPage(page);
  await identity.goto("User:nobody@example.com");
  await expect(page.getByRole("status")).toContainText("This identity is not in the selected snapshot");
});
