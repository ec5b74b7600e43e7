import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { saveScreenshot } from "./support/screenshots";

// Every page (and the states worth checking), screenshotted and scanned by axe: no serious or critical violations.
const PAGES: { name: string; path: string; ready?: (page: import("@playwright/test").Page) => Promise<void> }[] = [
  { name: "a11y-dashboard", path: "/" },
  { name: "a11y-identities", path: "/identities" },
  { name: "a11y-identity", path: "/identities/ServiceAccount%3Aci%3Agithub-actions-deployer" },
  { name: "a11y-identity-group", path: "/identities/Group%3Asystem%3Aauthenticated" },
  { name: "a11y-graph", path: "/graph?focus=identity%3AServiceAccount%3Aci%3Agithub-actions-deployer", ready: async (p) => expect(p.getByTestId("graph-canvas")).toHaveAttribute("data-ready", "true", { timeout: 30_000 }) },
  { name: "a11y-graph-overview", path: "/graph?focus=overview", ready: async (p) => expect(p.getByTestId("graph-canvas")).toHaveAttribute("data-ready", "true", { timeout: 30_000 }) },
  { name: "a11y-who-can", path: "/who-can?verb=get&resource=secrets&namespace=payments" },
  { name: "a11y-can-i", path: "/who-can?mode=can-i&user=jo%40acmepay.example&group=oidc%3Adevelopers&verb=create&resource=applications.argoproj.io&namespace=argocd" },
  { name: "a11y-findings", path: "/findings" },
  { name: "a11y-findings-by-design", path: "/findings?byDesign=true" },
  { name: "a11y-identity-missing", path: "/identities/User%3Anobody%40example.com" },
  { name: "a11y-not-found", path: "/no-such-page" },
];

for (const p of PAGES) {
  test(`${p.path} has no serious accessibility violations`, async ({ page }) => {
    await page.goto(p.path);
    if (p.ready) await p.ready(page);
    else await page.waitForLoadState("networkidle");
    await saveScreenshot(page, p.name);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }))).toEqual([]);
  });
}

test("signed out: the sign-in page", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await saveScreenshot(page, "login");
  await context.close();
});
