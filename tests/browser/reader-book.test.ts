import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { COLOR_SCHEMES, VIEWPORTS, axeViolations, describeInBrowser, useBrowserSite } from "../helpers/browser.js";

// tests/fixtures/reader-book: "A River Year", three chapters; chapter 1 has alerts, a footnote, a
// wide table and a code block; chapter 2's second section, "Herons at dusk", is the only place
// that says "counting survey"; chapter 3 has a picture and opts out of dimming in the dark theme.
const BOOK = "/pages/river/";
const CHAPTERS = ["/pages/river-chapter-1/", "/pages/river-chapter-2/", "/pages/river-chapter-3/"];

/** The path, query and hash of the page the browser shows. */
const where = (page: Page) => {
  const url = new URL(page.url());
  return { path: url.pathname, search: url.search, hash: url.hash };
};

/** Scrolls to the end of the page, as a reader who read it all. */
async function readToTheEnd(page: Page) {
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
}

describeInBrowser("a reader in the river book", () => {
  const browser = useBrowserSite("reader-book");

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`starts every chapter's text on the first screen (${name}, ${viewport.width}x${viewport.height})`, async () => {
      for (const url of CHAPTERS) {
        const { page, context } = await browser.open(url, { viewport });
        try {
          const top = await page
            .locator(".content p")
            .first()
            .evaluate((p) => p.getBoundingClientRect().top);
          expect(top, `first paragraph of ${url} starts at y=${top}`).toBeLessThan(viewport.height - 40);
        } finally {
          await context.close();
        }
      }
    });
  }

  it("offers to continue with chapter 3 once chapter 2 was read to the end, marks it read, and forgets on request", async () => {
    const { page, context, problems } = await browser.open(CHAPTERS[1]);
    try {
      await readToTheEnd(page);
      await expect.poll(() => page.locator(`#sidebar a[href="${CHAPTERS[1]}"][data-read]`).count()).toBe(1);

      await page.goto(browser.url(BOOK));
      const link = page.locator(".continue__link");
      await expect.poll(() => link.isVisible()).toBe(true);
      expect(await link.textContent()).toBe("Continue: Chapter 3, Floods");
      expect(await link.getAttribute("href")).toBe(CHAPTERS[2]);

      await page.goto(browser.url("/"));
      const card = page.locator(`.book-card:has(a[href="${BOOK}"]) .continue__link`);
      await expect.poll(() => card.isVisible()).toBe(true);
      expect(await card.textContent()).toBe("Continue: Chapter 3, Floods");

      await Promise.all([page.waitForNavigation(), card.click()]);
      expect(where(page).path).toBe(CHAPTERS[2]);
      const read = page.locator("#sidebar a[data-read]");
      expect(await read.count()).toBe(1);
      expect(await read.getAttribute("href")).toBe(CHAPTERS[1]);
      expect(await read.textContent()).toBe("Birds of the Bank (read)");

      // Nothing is sent: no cookie, only this browser's storage.
      expect(await context.cookies()).toEqual([]);

      await page.goto(browser.url(BOOK));
      await page.getByRole("button", { name: "Forget my progress" }).click();
      expect(await page.locator("[data-continue]").isVisible()).toBe(false);
      expect(
        await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("minibooks-progress"))),
      ).toEqual([]);
      await page.reload();
      expect(await page.locator("[data-continue]").isVisible()).toBe(false);
      expect(problems).toEqual({ errors: [], csp: [] });
    } finally {
      await context.close();
    }
  });

  it("shows the same pages, with no progress, when JavaScript is off", async () => {
    const { page, context } = await browser.open(CHAPTERS[1], { javaScriptEnabled: false });
    try {
      await readToTheEnd(page);
      await page.goto(browser.url(BOOK));
      expect(await page.locator("[data-continue]").isVisible()).toBe(false);
      expect(await page.locator(".copy-button").count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("lands a search result on the section that matched, with the words marked and a way to clear them", async () => {
    const { page, context, problems } = await browser.open(CHAPTERS[0]);
    try {
      await page.locator("#search-input").pressSequentially("counting survey");
      // The results of the whole query: on a busy machine, those of "counting" alone may show first.
      const result = page.locator('#search-results .search__link[href*="highlight=survey"]').first();
      await result.waitFor({ state: "visible", timeout: 10_000 });
      expect(await result.locator(".search__section").textContent()).toBe("§ Herons at dusk");

      await page.keyboard.press("ArrowDown");
      expect(await result.evaluate((a) => a === document.activeElement)).toBe(true);
      await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);

      const { path, search, hash } = where(page);
      expect([path, hash]).toEqual([CHAPTERS[1], "#herons-at-dusk"]);
      expect(new URLSearchParams(search).getAll("highlight").join(" ")).toBe("counting survey");
      const marks = page.locator(".content mark.pagefind-highlight");
      await expect.poll(() => marks.count()).toBeGreaterThan(0);
      expect((await marks.allTextContents()).join(" ").toLowerCase()).toContain("counting survey");
      const inSection = await marks.first().evaluate((mark) => {
        const heading = document.getElementById("herons-at-dusk")!;
        return Boolean(heading.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      expect(inSection).toBe(true);
      const top = await page.locator("#herons-at-dusk").evaluate((h) => h.getBoundingClientRect().top);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThan(200);

      await page.getByRole("button", { name: "Clear marks" }).click();
      expect(await marks.count()).toBe(0);
      expect(where(page)).toEqual({ path: CHAPTERS[1], search: "", hash: "#herons-at-dusk" });
      expect(problems).toEqual({ errors: [], csp: [] });
    } finally {
      await context.close();
    }
  });

  it("keeps the arrow keys on the page in search, in results, on controls and in a scrolling table", async () => {
    const { page, context, problems } = await browser.open(CHAPTERS[1], { viewport: VIEWPORTS.phone });
    const stays = async (what: string) => {
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowLeft");
      await page.waitForTimeout(300);
      expect(where(page).path, `arrow keys ${what}`).toBe(CHAPTERS[1]);
    };
    try {
      const input = page.locator("#search-input");
      await input.pressSequentially("river");
      await stays("in the search box");
      await page.locator("#search-results .search__link").first().waitFor({ state: "visible", timeout: 10_000 });
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      expect(await page.evaluate(() => document.activeElement?.classList.contains("search__link"))).toBe(true);
      await stays("on a search result");
      await page.keyboard.press("ArrowUp");
      await page.keyboard.press("ArrowUp");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("search-input");
      await page.keyboard.press("Escape");
      expect(await page.locator("#search-results").isVisible()).toBe(false);

      await page.locator(".theme-toggle").focus();
      await stays("on a button");

      await page.goto(browser.url(CHAPTERS[0]));
      const table = page.locator(".content .table-scroll");
      expect(await table.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      await table.focus();
      await page.keyboard.press("ArrowRight");
      await page.waitForTimeout(300);
      expect(where(page).path).toBe(CHAPTERS[0]);
      expect(await table.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
      await page.keyboard.press("ArrowLeft");
      await page.waitForTimeout(300);
      expect(where(page).path).toBe(CHAPTERS[0]);

      // On the text itself, the arrows still turn the page.
      await page.locator("main").focus();
      await Promise.all([page.waitForNavigation(), page.keyboard.press("ArrowRight")]);
      expect(where(page).path).toBe(CHAPTERS[1]);
      expect(problems).toEqual({ errors: [], csp: [] });
    } finally {
      await context.close();
    }
  });

  it("brings the chapter menu and search back on a phone when the reader scrolls up", async () => {
    const { page, context } = await browser.open(CHAPTERS[0], { viewport: VIEWPORTS.phone });
    try {
      const header = page.locator(".site-header");
      await page.mouse.wheel(0, 1500);
      await expect.poll(() => header.evaluate((el) => el.getBoundingClientRect().bottom)).toBeLessThanOrEqual(0);
      await page.mouse.wheel(0, -200);
      await expect.poll(() => header.evaluate((el) => Math.round(el.getBoundingClientRect().top))).toBe(0);
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(800);
      expect(await page.locator("#search-input").isVisible()).toBe(true);
      await page.locator(".sidebar-toggle").click();
      const menu = page.locator("#sidebar");
      const box = (await menu.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(VIEWPORTS.phone.height);
      await Promise.all([page.waitForNavigation(), menu.locator(`a[href="${CHAPTERS[2]}"]`).click()]);
      expect(where(page).path).toBe(CHAPTERS[2]);
    } finally {
      await context.close();
    }
  });

  it("zooms the header image to at least its size on the page, the phone's full width", async () => {
    for (const viewport of Object.values(VIEWPORTS)) {
      const { page, context } = await browser.open(BOOK, { viewport });
      try {
        const onPage = (await page.locator("a[data-zoom] img").boundingBox())!;
        await page.locator("a[data-zoom]").click();
        const zoomed = (await page.locator("dialog[open] img").boundingBox())!;
        expect(zoomed.width).toBeGreaterThanOrEqual(onPage.width);
        if (viewport === VIEWPORTS.phone) expect(zoomed.width).toBe(viewport.width);
      } finally {
        await context.close();
      }
    }
  });

  it("dims pictures in the dark theme only, and not on a page that opts out", async () => {
    const filterOf = async (url: string, colorScheme: "light" | "dark") => {
      const { page, context } = await browser.open(url, { colorScheme });
      try {
        return await page
          .locator("main img")
          .first()
          .evaluate((img) => getComputedStyle(img).filter);
      } finally {
        await context.close();
      }
    };
    expect(await filterOf(BOOK, "dark")).toMatch(/brightness\(0\.\d+\)/);
    expect(await filterOf(BOOK, "light")).toBe("none");
    expect(await filterOf(CHAPTERS[2], "dark")).toBe("none");
  });

  it("sets a heading's # link right after its last word when the heading wraps", async () => {
    const { page, context } = await browser.open(CHAPTERS[2], { viewport: VIEWPORTS.phone });
    try {
      const { lines, gap, offset } = await page
        .locator(".heading")
        .first()
        .evaluate((wrapper) => {
          const heading = wrapper.querySelector("h2")!;
          const range = document.createRange();
          range.selectNodeContents(heading);
          const rects = [...range.getClientRects()];
          const last = rects[rects.length - 1];
          const anchor = wrapper.querySelector(".heading-anchor")!.getBoundingClientRect();
          return {
            lines: new Set(rects.map((r) => Math.round(r.top))).size,
            gap: anchor.left - last.right,
            offset: Math.abs(anchor.bottom - last.bottom),
          };
        });
      expect(lines).toBeGreaterThan(1);
      expect(gap).toBeGreaterThanOrEqual(0);
      expect(gap).toBeLessThan(16);
      expect(offset).toBeLessThan(8);
    } finally {
      await context.close();
    }
  });

  it("copies a code block with its Copy button", async () => {
    const { page, context } = await browser.open(CHAPTERS[0]);
    try {
      await context.grantPermissions(["clipboard-read", "clipboard-write"]);
      const button = page.locator(".copy-button");
      expect(await button.count()).toBe(1);
      await button.click();
      await expect.poll(() => button.textContent()).toBe("Copied");
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(await page.locator(".content pre code").textContent());
    } finally {
      await context.close();
    }
  });

  describe("alerts, footnotes, tables and code, at both sizes in both themes", () => {
    for (const colorScheme of COLOR_SCHEMES) {
      for (const [name, viewport] of Object.entries(VIEWPORTS)) {
        it(`has no axe violations on chapter 1 and the book home (${name}, ${colorScheme})`, async () => {
          for (const url of [CHAPTERS[0], BOOK]) {
            const { page, context, problems } = await browser.open(url, { colorScheme, viewport });
            try {
              await page.waitForLoadState("load");
              const violations = await axeViolations(page);
              expect(violations, `axe on ${url} (${name}, ${colorScheme}):\n${violations.join("\n")}`).toEqual([]);
              expect(problems).toEqual({ errors: [], csp: [] });
            } finally {
              await context.close();
            }
          }
        });
      }
    }
  });
});
