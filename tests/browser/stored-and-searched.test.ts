import { expect, it } from "vitest";
import { describeInBrowser, useBrowserSite } from "../helpers/browser.js";

// tests/fixtures/reader-book: one book, "A River Year", three chapters; chapter 2's second section
// is "Herons at dusk".
const BOOK = "/pages/river/";
const CHAPTER_2 = "/pages/river-chapter-2/";

/** Addresses that are not a path of this site, as a page or another site could leave them in storage. */
const HOSTILE = [
  "/\\evil.example/",
  "/\t/evil.example/",
  "/\n/evil.example/",
  "//evil.example/",
  "/%2F/evil.example/",
  "https://evil.example/",
  "javascript:alert(1)",
  " /pages/river-chapter-2/",
  "/pages/river-chapter-2",
  "/pages/../../evil/",
];

describeInBrowser("what the page takes from storage and from the address", () => {
  const browser = useBrowserSite("reader-book");

  it('offers "Continue" only for a chapter path it could have stored itself', async () => {
    const { page, context, problems } = await browser.open(BOOK);
    try {
      const store = (url: unknown) =>
        page.evaluate(
          (at) =>
            localStorage.setItem(
              "minibooks-progress:river",
              JSON.stringify({ read: [at], at: { url: at, title: "Away", position: 2 } }),
            ),
          url,
        );
      for (const url of HOSTILE) {
        await store(url);
        for (const path of [BOOK, "/"]) {
          await page.goto(browser.url(path));
          const offered = await page
            .locator("[data-continue] a")
            .evaluateAll((links) =>
              links.filter((a) => (a as HTMLElement).offsetParent !== null).map((a) => (a as HTMLAnchorElement).href),
            );
          expect(offered, `${JSON.stringify(url)} on ${path}`).toEqual([]);
          expect(await page.locator("[data-continue]").first().isVisible()).toBe(false);
        }
      }
      // A path the chapters store is offered.
      await store(CHAPTER_2);
      await page.goto(browser.url(BOOK));
      expect(await page.locator(".continue__link").getAttribute("href")).toBe(CHAPTER_2);
      expect(await page.locator(".continue__link").isVisible()).toBe(true);
      expect(problems).toEqual({ errors: [], csp: [] });
    } finally {
      await context.close();
    }
  });

  it("marks and counts only the searched words a reader can see on the page a result opened", async () => {
    const { page, context, problems } = await browser.open(`${CHAPTER_2}?highlight=herons#herons-at-dusk`);
    try {
      const bar = page.locator(".search-marks span");
      await bar.waitFor({ state: "visible", timeout: 10_000 });
      const seen = await page
        .locator(".content mark.pagefind-highlight")
        .evaluateAll(
          (marks) =>
            marks.filter((mark) => !mark.closest(".heading-anchor, .visually-hidden, [aria-hidden='true']")).length,
        );
      expect(seen).toBeGreaterThan(0);
      expect(await page.locator(".content .heading-anchor mark, .content .visually-hidden mark").count()).toBe(0);
      expect(await page.locator(".content mark.pagefind-highlight").count()).toBe(seen);
      expect(await bar.textContent()).toBe(`${seen} match${seen === 1 ? "" : "es"} for “herons” marked.`);
      // The heading itself is marked, and its link still reads whole to a screen reader.
      expect(await page.locator("#herons-at-dusk mark").count()).toBe(1);
      expect(await page.locator("#herons-at-dusk + .heading-anchor .visually-hidden").textContent()).toBe(
        "Link to the section: Herons at dusk",
      );
      expect(problems).toEqual({ errors: [], csp: [] });
    } finally {
      await context.close();
    }
  });
});
