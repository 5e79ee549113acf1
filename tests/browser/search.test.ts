import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { VIEWPORTS, describeInBrowser, useBrowserSite } from "../helpers/browser.js";
import { GARDEN } from "../helpers/library-fixture.js";

const { url: CHAPTER_2, title: CHAPTER_2_TITLE } = GARDEN.chapters[1];

/** Types a query into the header search box and waits for the result list. */
async function search(page: Page, query: string) {
  const input = page.locator("#search-input");
  await input.click();
  await input.pressSequentially(query);
  const results = page.locator("#search-results .search__link");
  await results.first().waitFor({ state: "visible", timeout: 10_000 });
  return results;
}

/** The result that leads to chapter 2. */
const chapter2Result = (page: Page) => page.locator(`#search-results a.search__link[href^="${CHAPTER_2}"]`);

describeInBrowser("searching from the header", () => {
  const browser = useBrowserSite("library");

  it("finds chapter 2 by a word only it has, and a click opens it", async () => {
    const { page, context, problems } = await browser.open("/");
    try {
      await search(page, "Mycorrhiza");
      const result = chapter2Result(page);
      expect(await result.count()).toBe(1);
      expect(await result.locator(".search__title").textContent()).toBe(CHAPTER_2_TITLE);
      expect(await page.locator("#search-results mark").first().textContent()).toMatch(/mycorrhiza/i);
      // The words around a highlight keep their spaces.
      expect(await result.locator("xpath=..").locator(".search__excerpt").textContent()).toMatch(
        /Mycorrhiza:? networks of fungi/i,
      );
      await Promise.all([page.waitForNavigation(), result.click()]);
      expect(new URL(page.url()).pathname).toBe(CHAPTER_2);
      expect(await page.locator("h1").textContent()).toBe(CHAPTER_2_TITLE);
      expect(problems).toEqual({ errors: [], csp: [] });
    } finally {
      await context.close();
    }
  });

  it("finds a phrase from chapter 2 and opens it with the keyboard only (Enter, then Enter), on a phone", async () => {
    const { page, context, problems } = await browser.open(GARDEN.url, { viewport: VIEWPORTS.phone });
    try {
      await search(page, "layered schedule");
      expect(await page.locator("#search-results .search__link").first().getAttribute("href")).toMatch(
        new RegExp(`^${CHAPTER_2}`),
      );
      expect(await page.locator("#search-status").textContent()).toMatch(/\d+ results?/);
      // Enter in the box moves to the first result; Enter on it follows it.
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toMatch(
        new RegExp(`^${CHAPTER_2}`),
      );
      await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
      expect(new URL(page.url()).pathname).toBe(CHAPTER_2);
      expect(problems).toEqual({ errors: [], csp: [] });
    } finally {
      await context.close();
    }
  });

  it("shows the results of the last query typed, however fast the keys come", async () => {
    // Every keystroke starts a search while the index is still loading; the last one must win.
    for (const query of ["Mycorrhiza", "layered", "Mycorrhiza"]) {
      const { page, context } = await browser.open(CHAPTER_2);
      try {
        await page.locator("#search-input").pressSequentially(query);
        await expect
          .poll(() => page.locator("#search-status").textContent(), {
            message: `status after typing "${query}"`,
            timeout: 5000,
          })
          .toMatch(/^\d+ results?$/);
        expect(await chapter2Result(page).isVisible()).toBe(true);
      } finally {
        await context.close();
      }
    }
  });

  it("says so when nothing matches, and Escape closes the results", async () => {
    const { page, context } = await browser.open("/");
    try {
      const input = page.locator("#search-input");
      await input.fill("zyxwvutsrq");
      await page.locator("#search-results .search__empty").waitFor({ state: "visible" });
      expect(await page.locator("#search-status").textContent()).toContain("No results");
      await page.keyboard.press("Escape");
      expect(await page.locator("#search-results").isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });

  for (const viewport of [VIEWPORTS.phone, { width: 640, height: 800 }, VIEWPORTS.desktop]) {
    it(`keeps the results inside a ${viewport.width}px window, and Escape from a result closes them`, async () => {
      const { page, context } = await browser.open(CHAPTER_2, { viewport });
      try {
        await search(page, "soil");
        const panel = page.locator("#search-results");
        const box = (await panel.boundingBox())!;
        expect(box.x, "left edge of the results").toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, "right edge of the results").toBeLessThanOrEqual(viewport.width);

        await page.keyboard.press("ArrowDown");
        expect(await page.evaluate(() => document.activeElement?.classList.contains("search__link"))).toBe(true);
        await page.keyboard.press("Escape");
        expect(await panel.isVisible()).toBe(false);
        expect(await page.evaluate(() => document.activeElement?.id)).toBe("search-input");
      } finally {
        await context.close();
      }
    });
  }

  it("hides the search box when JavaScript is off", async () => {
    const { page, context } = await browser.open("/", { javaScriptEnabled: false });
    try {
      expect(await page.locator("#search-input").isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });
});
