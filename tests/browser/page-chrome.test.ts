import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { COLOR_SCHEMES, VIEWPORTS, describeInBrowser, useBrowserSite } from "../helpers/browser.js";

// tests/fixtures/reader-book: one book, "A River Year", three chapters.
const BOOK = "/pages/river/";
const CHAPTER_1 = "/pages/river-chapter-1/";
const CHAPTER_2 = "/pages/river-chapter-2/";

/** Whether the element is what a reader sees at its own centre: inside the window, nothing over it. */
async function seenWhole(page: Page, selector: string) {
  return page.locator(selector).evaluate((el) => {
    const box = el.getBoundingClientRect();
    const inWindow = box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
    const corners = [
      [box.left + 2, box.top + 2],
      [box.right - 2, box.top + 2],
      [box.left + 2, box.bottom - 2],
      [box.right - 2, box.bottom - 2],
      [(box.left + box.right) / 2, (box.top + box.bottom) / 2],
    ];
    const covered = corners.filter(([x, y]) => {
      const top = document.elementFromPoint(x, y);
      return !top || !(top === el || el.contains(top));
    });
    return { inWindow, covered: covered.length, box: [box.left, box.top, box.width, box.height] };
  });
}

/** The id or tag of the element that has focus. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el ? el.id || el.className || el.tagName.toLowerCase() : "";
  });

describeInBrowser("the page's header and search, by keyboard and at every size", () => {
  const browser = useBrowserSite("reader-book");

  for (const width of [320, 390, 768, 1280]) {
    it(`shows the skip link whole and uncovered when it has focus (${width} px)`, async () => {
      for (const url of [CHAPTER_1, BOOK]) {
        const { page, context } = await browser.open(url, { viewport: { width, height: 800 } });
        try {
          await page.keyboard.press("Tab");
          expect(await focused(page)).toBe("skip-link");
          const seen = await seenWhole(page, ".skip-link");
          expect(seen, `skip link on ${url} at ${width} px`).toMatchObject({ inWindow: true, covered: 0 });
          await page.keyboard.press("Enter");
          expect(await focused(page)).toBe("main");
        } finally {
          await context.close();
        }
      }
    });
  }

  it("goes to search with /, Ctrl+K and Cmd+K, and Escape gives focus back", async () => {
    const { page, context, problems } = await browser.open(CHAPTER_1);
    try {
      const input = page.locator("#search-input");
      expect(await input.getAttribute("aria-keyshortcuts")).toBe("/ Control+K Meta+K");
      await page.locator(".theme-toggle").focus();
      await page.keyboard.press("/");
      expect(await focused(page)).toBe("search-input");
      // The key opened search: it is not typed into the box.
      expect(await input.inputValue()).toBe("");
      await page.keyboard.type("heron");
      await page.locator("#search-results .search__link").first().waitFor({ state: "visible", timeout: 10_000 });
      await page.keyboard.press("Escape");
      expect(await page.locator("#search-results").isVisible()).toBe(false);
      expect(await focused(page)).toBe("theme-toggle");

      for (const shortcut of ["Control+k", "Meta+k"]) {
        await page.locator("main").focus();
        await page.keyboard.press(shortcut);
        expect(await focused(page), shortcut).toBe("search-input");
        // The words typed before are selected, so typing replaces them.
        expect(await input.evaluate((el: HTMLInputElement) => el.selectionEnd! - el.selectionStart!)).toBe(5);
        await page.keyboard.press("Escape");
        expect(await focused(page), `${shortcut}, then Escape`).toBe("main");
      }

      // In the box, "/" is a character like any other.
      await page.keyboard.press("/");
      await page.keyboard.type("a/b");
      expect(await input.inputValue()).toBe("a/b");
      expect(problems).toEqual({ errors: [], csp: [] });
    } finally {
      await context.close();
    }
  });

  it("keeps search in reach at the foot of a long page on a desktop", async () => {
    const { page, context } = await browser.open(CHAPTER_1, { viewport: VIEWPORTS.desktop });
    try {
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
      expect(await seenWhole(page, "#search-input")).toMatchObject({ inWindow: true, covered: 0 });
      // Nothing scrolls under the header unseen: a section jumped to starts below it.
      await page.locator('.toc a[href="#keeping-a-log"]').click();
      await page.waitForTimeout(300);
      const header = await page.locator(".site-header").evaluate((el) => el.getBoundingClientRect().bottom);
      const heading = await page.locator("#keeping-a-log").evaluate((el) => el.getBoundingClientRect().top);
      expect(heading).toBeGreaterThanOrEqual(header);
      expect(heading).toBeLessThan(header + 100);
    } finally {
      await context.close();
    }
  });

  it("lets the header scroll away when the page is zoomed to 400 % (a 320x200 window)", async () => {
    const { page, context } = await browser.open(CHAPTER_1, { viewport: { width: 320, height: 200 } });
    try {
      await page.mouse.move(160, 150);
      await page.mouse.wheel(0, 600);
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(400);
      await page.mouse.wheel(0, -100);
      await page.waitForTimeout(400);
      const bottom = await page.locator(".site-header").evaluate((el) => el.getBoundingClientRect().bottom);
      expect(bottom, "the header's lower edge after scrolling down, then a little up").toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });

  it("keeps the Chapters button on one line at 200 % (a 640x400 window)", async () => {
    const { page, context } = await browser.open(CHAPTER_2, { viewport: { width: 640, height: 400 } });
    try {
      // Its "☰" and its word on one line: the button is one line high.
      const lines = await page.locator(".sidebar-toggle").evaluate((button) => {
        const style = getComputedStyle(button);
        const inner = button.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
        return Math.round(inner / parseFloat(style.lineHeight));
      });
      expect(lines).toBe(1);
      const header = await page.locator(".site-header").evaluate((el) => el.getBoundingClientRect().height);
      expect(header, "the header's height").toBeLessThan(400 / 4);
    } finally {
      await context.close();
    }
  });

  it("takes Tab into the chapter menu first once it is open on a phone, and back out", async () => {
    const { page, context, problems } = await browser.open(CHAPTER_2, { viewport: VIEWPORTS.phone });
    try {
      const toggle = page.locator(".sidebar-toggle");
      await toggle.focus();
      await page.keyboard.press("Enter");
      expect(await toggle.getAttribute("aria-expanded")).toBe("true");
      await page.keyboard.press("Tab");
      const first = await page.evaluate(() => document.activeElement?.closest("#sidebar") !== null);
      expect(first, "Tab after opening the menu lands in it").toBe(true);
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("A River Year");
      await page.keyboard.press("Shift+Tab");
      expect(await focused(page)).toBe("sidebar-toggle");
      // Through the menu and out: focus goes on to what follows the button, and the menu closes.
      await page.keyboard.press("Tab");
      const links = await page.locator("#sidebar a").count();
      for (let i = 1; i < links; i++) await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.closest("#sidebar") !== null)).toBe(true);
      await page.keyboard.press("Tab");
      expect(await focused(page)).toBe("search-input");
      expect(await toggle.getAttribute("aria-expanded")).toBe("false");
      expect(problems).toEqual({ errors: [], csp: [] });
    } finally {
      await context.close();
    }
  });

  for (const colorScheme of COLOR_SCHEMES) {
    it(`gives the search box's placeholder a contrast of at least 4.5:1 (${colorScheme})`, async () => {
      for (const viewport of Object.values(VIEWPORTS)) {
        const { page, context } = await browser.open(CHAPTER_1, { colorScheme, viewport });
        try {
          const ratio = await page.locator("#search-input").evaluate((input) => {
            const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
            const luminance = ([r, g, b]: number[]) => {
              const [R, G, B] = [r, g, b].map((v) => {
                const c = v / 255;
                return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
              });
              return 0.2126 * R + 0.7152 * G + 0.0722 * B;
            };
            const text = luminance(rgb(getComputedStyle(input, "::placeholder").color));
            const ground = luminance(rgb(getComputedStyle(input).backgroundColor));
            return (Math.max(text, ground) + 0.05) / (Math.min(text, ground) + 0.05);
          });
          expect(ratio).toBeGreaterThanOrEqual(4.5);
        } finally {
          await context.close();
        }
      }
    });
  }

  it("shows no filter form on the home page of a library of one book", async () => {
    for (const viewport of Object.values(VIEWPORTS)) {
      const { page, context } = await browser.open("/", { viewport });
      try {
        expect(await page.locator(".book-card").count()).toBe(1);
        expect(await page.locator("form.book-filter").count()).toBe(0);
        const card = await page.locator(".book-card").evaluate((el) => el.getBoundingClientRect().top);
        expect(card).toBeLessThan(viewport.height / 2);
      } finally {
        await context.close();
      }
    }
  });
});
