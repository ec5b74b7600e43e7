import { expect, test } from "@playwright/test";
import { WhoCanPage } from "./pages/app-pages";
import { saveScreenshot } from "./support/screenshots";

// Worked out by hand from lib/demo/manifests (+ the bootstrap policy): impersonating groups is cluster-scoped, so only
// ClusterRoleBindings count. cluster-admin is bound to system:masters (bootstrap), oidc:sre and dave (platform/
// human-access.yaml) and kubernetes-dashboard (kube-system); support-impersonator to oidc:support-engineers; the `*`
// on `*` ClusterRoles of the dataflow operator and Argo CD's application controller allow every verb. argocd-server's
// `*` resources allow only delete/get/patch.
const EXPECTED = [
  "dave@acmepay.example",
  "oidc:sre",
  "oidc:support-engineers",
  "system:masters",
  "argocd/argocd-application-controller",
  "data-platform/dataflow-operator",
  "kube-system/kubernetes-dashboard",
];

test("who can impersonate groups returns the expected subjects with provenance", async ({ page }) => {
  const whoCan = new WhoCanPage(page);
  await whoCan.goto();
  await whoCan.ask({ verb: "impersonate", resource: "groups" });
  await expect(page.getByTestId("who-can-summary")).toHaveText("7 subjects can impersonate groups (cluster-scoped)");
  await expect(whoCan.rows()).toHaveCount(EXPECTED.length);
  expect(await whoCan.rows().locator("td:first-child a").allInnerTexts()).toEqual(EXPECTED);
  const support = whoCan.rows().filter({ hasText: "oidc:support-engineers" });
  await support.getByText("ClusterRoleBinding support-impersonator").click();
  await expect(support.locator("pre")).toHaveText('- apiGroups: [""]\n  resources: [users, groups]\n  verbs: [impersonate]');
  await saveScreenshot(page, "who-can");
});

test("can-i answers for a user and groups", async ({ page }) => {
  const whoCan = new WhoCanPage(page);
  await whoCan.goto("mode=can-i");
  await whoCan.ask({ user: "jo@acmepay.example", groups: "oidc:support-engineers", verb: "impersonate", resource: "groups" });
  await expect(page.getByTestId("can-i-answer")).toContainText("Yes");
  await expect(page.locator("#can-i-result")).toContainText("ClusterRoleBinding support-impersonator");
  await saveScreenshot(page, "can-i");
  await whoCan.ask({ user: "jo@acmepay.example", groups: "", verb: "impersonate", resource: "groups" });
  await expect(page.getByTestId("can-i-answer")).toContainText("No");
});

test("a malformed question is explained", async ({ page }) => {
  const whoCan = new WhoCanPage(page);
  await whoCan.goto("verb=get&resource=pods&path=/healthz");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("give either a resource or a non-resource URL");
});
