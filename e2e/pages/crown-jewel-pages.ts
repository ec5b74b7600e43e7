import { expect, type Locator, type Page } from "@playwright/test";

/** Page objects for the crown-jewel pages and the access graph's paths layer. */

export class CrownJewelsPage {
  constructor(readonly page: Page) {}
  async goto(query = ""): Promise<void> {
    await this.page.goto(`/crown-jewels${query ? `?${query}` : ""}`);
    await expect(this.page.getByRole("heading", { name: "Crown jewels", level: 1 })).toBeVisible();
  }
  rows(): Locator {
    return this.page.getByTestId("crown-jewel-row");
  }
  row(name: string): Locator {
    return this.rows().filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }
}

export class CrownJewelPage {
  constructor(readonly page: Page) {}
  async goto(id: string): Promise<void> {
    await this.page.goto(`/crown-jewels/${encodeURIComponent(id)}`);
  }
  reachers(): Locator {
    return this.page.getByTestId("reacher");
  }
  reacher(identityName: string): Locator {
    return this.reachers().filter({ hasText: identityName });
  }
  chokePoints(): Locator {
    return this.page.getByTestId("choke-points").locator("tbody tr");
  }
}

export class PathsLayerPage {
  constructor(readonly page: Page) {}
  canvas(): Locator {
    return this.page.getByTestId("path-graph-canvas");
  }
  async waitReady(): Promise<void> {
    await expect(this.canvas()).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
  }
  /** The classes of a node or edge on the canvas. */
  async classesOf(id: string): Promise<string[]> {
    return this.canvas().evaluate((el, elementId) => {
      const cy = (el as HTMLElement & { __cy?: { getElementById(id: string): { nonempty(): boolean; classes(): string[] } } }).__cy;
      const e = cy?.getElementById(elementId);
      return e && e.nonempty() ? e.classes() : [];
    }, id);
  }
}
