import path from "node:path";
import { test, type Page } from "@playwright/test";

/** Full-page screenshot kept as a test artifact under <outputDir>/screenshots/ (test-results/screenshots by default). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(test.info().project.outputDir, "screenshots", `${name}.png`), fullPage: true });
}
