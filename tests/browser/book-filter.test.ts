import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { STATUS_LABELS } from "../../src/book/schema.js";
import { describeInBrowser, useBrowserSite } from "../helpers/browser.js";
import { BOOKS, KITCHEN } from "../helpers/library-fixture.js";

/** A status no book has, so filtering by it must hide every card. */
const UNUSED_STATUS = Object.keys(STATUS_LABELS).find((status) => !BOOKS.some((book) => book.status === status));

/** URLs of the book cards the reader can see. */
const visibleBooks = (page: Page) =>
  page
    .locator(".book-card")
    .evaluateAll((cards) =>
      cards
        .filter((card) => (card as HTMLElement).offsetParent !== null)
        .map((card) => card.querySelector("a")!.getAttribute("href")),
    );

describeInBrowser("the home page's book filters", () => {
  const browser = useBrowserSite("library");

  it("hide every card for a status no book has, and show them all again when cleared", async () => {
    expect(UNUSED_STATUS, "every status is in use; this test needs one that is not").toBeDefined();
    const { page, context, problems } = await browser.open("/");
    try {
      const form = page.locator("[data-book-filter]");
      expect(await form.isVisible()).toBe(true);
      expect((await visibleBooks(page)).sort()).toEqual(BOOKS.map((b) => b.url).sort());

      await form.locator("select[name=status]").selectOption(UNUSED_STATUS!);
      expect(await visibleBooks(page)).toEqual([]);
      expect(await form.locator("[role=status]").textContent()).toMatch(/^0 of \d+ books? shown$/);

      await form.locator("select[name=status]").selectOption("");
      expect((await visibleBooks(page)).sort()).toEqual(BOOKS.map((b) => b.url).sort());
      expect(problems).toEqual({ errors: [], csp: [] });
    } finally {
      await context.close();
    }
  });

  it("find a book by words of its card", async () => {
    const { page, context } = await browser.open("/");
    try {
      const text = page.locator("[data-book-filter] input[name=text]");
      await text.fill("no book says this zyxwv");
      expect(await visibleBooks(page)).toEqual([]);
      await text.fill("glut");
      expect(await visibleBooks(page)).toEqual([KITCHEN.url]);
    } finally {
      await context.close();
    }
  });

  it("are hidden without JavaScript, and every book is listed", async () => {
    const { page, context } = await browser.open("/", { javaScriptEnabled: false });
    try {
      expect(await page.locator("[data-book-filter]").isVisible()).toBe(false);
      expect((await visibleBooks(page)).sort()).toEqual(BOOKS.map((b) => b.url).sort());
    } finally {
      await context.close();
    }
  });
});
