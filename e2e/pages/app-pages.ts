import { expect, type Locator, type Page } from "@playwright/test";

/** Page objects for the signed-in app: role-based locators, one class per page. */

export class DashboardPage {
  constructor(readonly page: Page) {}
  async goto(query = ""): Promise<void> {
    await this.page.goto(`/${query ? `?${query}` : ""}`);
    await expect(this.page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  }
  stat(testId: string): Locator {
    return this.page.getByTestId(testId);
  }
  riskiestRows(): Locator {
    return this.page.getByTestId("riskiest-table").locator("tbody tr");
  }
}

export class IdentitiesPage {
  constructor(readonly page: Page) {}
  async goto(query = ""): Promise<void> {
    await this.page.goto(`/identities${query ? `?${query}` : ""}`);
    await expect(this.page.getByRole("heading", { name: "Identities", level: 1 })).toBeVisible();
  }
  async search(text: string): Promise<void> {
    await this.page.getByLabel("Search").fill(text);
    await this.page.getByRole("button", { name: "Apply" }).click();
  }
  async choose(label: string, value: string): Promise<void> {
    await Promise.all([this.page.waitForURL(/identities\?/), this.page.getByLabel(label, { exact: true }).selectOption(value)]);
  }
  rows(): Locator {
    return this.page.getByTestId("identities-table").locator("tbody tr");
  }
  summary(): Locator {
    return this.page.getByRole("navigation", { name: "Pagination" });
  }
}

export class IdentityPage {
  constructor(readonly page: Page) {}
  async goto(id: string): Promise<void> {
    await this.page.goto(`/identities/${encodeURIComponent(id)}`);
  }
  scopeTab(name: string): Locator {
    return this.page.getByRole("tab", { name: new RegExp(`^${name}`) });
  }
  cell(verb: string, resource: string): Locator {
    return this.page.getByRole("gridcell", { name: new RegExp(`^${verb} ${resource.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: `) });
  }
  why(): Locator {
    return this.page.getByTestId("why-panel");
  }
}

export class WhoCanPage {
  constructor(readonly page: Page) {}
  async goto(query = ""): Promise<void> {
    await this.page.goto(`/who-can${query ? `?${query}` : ""}`);
    await expect(this.page.getByRole("heading", { name: "Who can…?", level: 1 })).toBeVisible();
  }
  async ask(fields: { verb: string; resource?: string; namespace?: string; user?: string; groups?: string }): Promise<void> {
    if (fields.user !== undefined) await this.page.getByLabel("User", { exact: true }).fill(fields.user);
    if (fields.groups !== undefined) await this.page.getByLabel(/^Groups/).fill(fields.groups);
    await this.page.getByLabel("Verb").fill(fields.verb);
    if (fields.resource !== undefined) await this.page.getByLabel("Resource", { exact: true }).fill(fields.resource);
    await this.page.getByLabel("Namespace").selectOption(fields.namespace ?? "");
    await this.page.getByRole("button", { name: "Ask" }).click();
  }
  rows(): Locator {
    return this.page.getByTestId("who-can-row");
  }
}

export class GraphPage {
  constructor(readonly page: Page) {}
  async goto(focus?: string): Promise<void> {
    await this.page.goto(`/graph${focus ? `?focus=${encodeURIComponent(focus)}` : ""}`);
    await this.waitReady();
  }
  canvas(): Locator {
    return this.page.getByTestId("graph-canvas");
  }
  async waitReady(): Promise<void> {
    await expect(this.canvas()).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
  }
  async nodeCount(): Promise<number> {
    return Number(await this.canvas().getAttribute("data-nodes"));
  }
  /** Clicks a node on the canvas at its rendered position. */
  async clickNode(id: string): Promise<void> {
    const pos = await this.canvas().evaluate((el, nodeId) => {
      const cy = (el as HTMLElement & { __cy?: { getElementById(id: string): { nonempty(): boolean; renderedPosition(): { x: number; y: number } } } }).__cy;
      const n = cy?.getElementById(nodeId);
      return n && n.nonempty() ? n.renderedPosition() : null;
    }, id);
    if (!pos) throw new Error(`node ${id} is not on the canvas`);
    const box = (await this.canvas().boundingBox())!;
    await this.page.mouse.click(box.x + pos.x, box.y + pos.y);
  }
}

export class FindingsPage {
  constructor(readonly page: Page) {}
  async goto(query = ""): Promise<void> {
    await this.page.goto(`/findings${query ? `?${query}` : ""}`);
    await expect(this.page.getByRole("heading", { name: "Findings", level: 1 })).toBeVisible();
  }
  rule(id: string): Locator {
    return this.page.locator(`details#rule-${id}`);
  }
}
