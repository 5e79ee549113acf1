import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { REPO_ROOT } from "../../src/site/build.js";
import { STATUS_LABELS } from "../../src/book/schema.js";
import { describeInBrowser, useBrowserSite } from "../helpers/browser.js";

/** Book homes of the repository: top-level pages without `book`, as the library reads them. */
const BOOKS = readdirSync(path.join(REPO_ROOT, "pages"))
  .filter((file) => file.endsWith(".md"))
  .map((file) => ({ file, data: matter(readFileSync(path.join(REPO_ROOT, "pages", file), "utf8")).data }))
  .filter(({ data }) => data.book === undefined && data.draft !== true)
  .map(({ file, data }) => ({ url: `/pages/${file.replace(/\.md$/, "")}/`, status: data.status as string | undefined }));

/** A status no book has, so filtering by it must hide every card. */
const UNUSED_STATUS = Object.keys(STATUS_LABELS).find((status) => !BOOKS.some((book) => book.status === status));

/** URLs of the book cards the reader can see. */
const visibleBooks = (page: Page) =>
  page.locator(".book-card").evaluateAll((cards) =>
    cards.filter((card) => (card as HTMLElement).offsetParent !== null).map((card) => card.querySelector("a")!.getAttribute("href")),
  );

describeInBrowser("the home page's book filters", () => {
  const browser = useBrowserSite();

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
      await text.fill("OKR");
      expect(await visibleBooks(page)).toContain("/pages/okr/");
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
