import { expect, test as setup } from "@playwright/test";
import { SignInPage } from "../pages/sign-in-page";
import { E2E } from "../support/env";

// Signs in once as the admin the web server was started with and saves the session for every app spec.
setup("sign in as the admin", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(E2E.adminEmail, E2E.adminPassword);
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  await page.context().storageState({ path: E2E.storageState });
});
