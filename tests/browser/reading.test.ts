import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { VIEWPORTS, describeInBrowser, useBrowserSite } from "../helpers/browser.js";
import { GARDEN } from "../helpers/library-fixture.js";

const BOOK_TITLE = GARDEN.title;
const CHAPTERS = GARDEN.chapters;

/** The path of the page the browser shows. */
const pathOf = (page: Page) => new URL(page.url()).pathname;

/** Follows a link and waits for the page it leads to. */
async function follow(page: Page, selector: string) {
  await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
}

/** Goes from the home page to the book's first chapter: book card, then "Start reading". */
async function openFirstChapter(page: Page) {
  expect(pathOf(page)).toBe("/");
  await follow(page, `.book-card a[href="${GARDEN.url}"]`);
  expect(pathOf(page)).toBe(GARDEN.url);
  await expect.poll(() => page.locator("h1").textContent()).toBe(BOOK_TITLE);
  await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: "Start reading" }).click()]);
}

/** Reads on with the "Next" button at the end of each chapter until the last one, checking each chapter's title. */
async function readToTheEnd(page: Page) {
  for (const [i, chapter] of CHAPTERS.entries()) {
    expect(pathOf(page)).toBe(chapter.url);
    expect(await page.locator("h1").textContent()).toBe(chapter.title);
    if (i < CHAPTERS.length - 1) await follow(page, ".chapter-nav a[rel=next]");
  }
  // The last chapter has no next chapter: it leads back to the book, and ends with the whole book
  // to take along and the library's other books.
  expect(await page.locator(".chapter-nav a[rel=next]").count()).toBe(0);
  const back = page.locator(".chapter-nav .chapter-nav__link--next");
  expect(await back.isVisible()).toBe(true);
  expect(await back.getAttribute("href")).toBe(GARDEN.url);
  expect(await page.locator(".book-end").isVisible()).toBe(true);
  expect(await page.locator(".book-end a", { hasText: "Download the EPUB" }).isVisible()).toBe(true);
  expect(await page.locator(".book-end a", { hasText: "Print the whole book" }).isVisible()).toBe(true);
}

describeInBrowser("reading a book", () => {
  const browser = useBrowserSite("library");

  it("goes from the home page through every chapter with the next button, and back with ArrowLeft", async () => {
    const { page, context, problems } = await browser.open("/");
    try {
      await openFirstChapter(page);
      await readToTheEnd(page);

      for (let i = CHAPTERS.length - 2; i >= 0; i--) {
        await Promise.all([page.waitForNavigation(), page.keyboard.press("ArrowLeft")]);
        expect(pathOf(page)).toBe(CHAPTERS[i].url);
        expect(await page.locator("h1").textContent()).toBe(CHAPTERS[i].title);
      }
      // On the first chapter ArrowLeft has nowhere to go.
      await page.keyboard.press("ArrowLeft");
      await page.waitForTimeout(300);
      expect(pathOf(page)).toBe(CHAPTERS[0].url);
      expect(problems).toEqual({ errors: [], csp: [] });
    } finally {
      await context.close();
    }
  });

  it("can be read through with the buttons when JavaScript is off", async () => {
    for (const viewport of Object.values(VIEWPORTS)) {
      const { page, context } = await browser.open("/", { javaScriptEnabled: false, viewport });
      try {
        await openFirstChapter(page);
        await readToTheEnd(page);
      } finally {
        await context.close();
      }
    }
  });

  it("marks the current chapter in the sidebar, and only that one", async () => {
    const { page, context } = await browser.open(CHAPTERS[0].url);
    try {
      for (const [i, chapter] of CHAPTERS.entries()) {
        if (i > 0) await follow(page, ".chapter-nav a[rel=next]");
        const current = page.locator('#sidebar a[aria-current="page"]');
        expect(await current.count()).toBe(1);
        expect(await current.getAttribute("href")).toBe(chapter.url);
        expect(await current.textContent()).toBe(chapter.title);
        expect(await current.isVisible()).toBe(true);
      }
    } finally {
      await context.close();
    }
  });

  it("shows the sidebar's current chapter behind the Chapters button on a phone", async () => {
    const { page, context } = await browser.open(CHAPTERS[1].url, { viewport: VIEWPORTS.phone });
    try {
      const toggle = page.locator(".sidebar-toggle");
      const current = page.locator('#sidebar a[aria-current="page"]');
      expect(await current.isVisible()).toBe(false);
      await toggle.click();
      expect(await toggle.getAttribute("aria-expanded")).toBe("true");
      expect(await current.isVisible()).toBe(true);
      expect(await current.getAttribute("href")).toBe(CHAPTERS[1].url);
      await page.keyboard.press("Escape");
      expect(await current.isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`scrolls to each heading from the table of contents (${name})`, async () => {
      const { page, context } = await browser.open(CHAPTERS[1].url, { viewport });
      try {
        // On a phone the list is folded above the text; the reader opens it first.
        const toc = page.locator("details.toc");
        if (!(await toc.evaluate((details: HTMLDetailsElement) => details.open))) await toc.locator("summary").click();
        const links = page.locator(".toc a");
        const count = await links.count();
        expect(count).toBeGreaterThan(1);
        for (let i = count - 1; i >= 0; i--) {
          const href = (await links.nth(i).getAttribute("href"))!;
          // Start from the far end of the page, so every click has to move it: the top for the
          // last heading, the bottom for the others.
          await page.evaluate((last) => window.scrollTo(0, last ? 0 : document.body.scrollHeight), i === count - 1);
          await links.nth(i).click();
          expect(pathOf(page) + new URL(page.url()).hash).toBe(CHAPTERS[1].url + href);
          const heading = page.locator(`[id="${decodeURIComponent(href.slice(1))}"]`);
          await expect
            .poll(() => heading.evaluate((el) => Math.round(el.getBoundingClientRect().top)), {
              message: `heading ${href} near the top of the window`,
            })
            .toBeGreaterThanOrEqual(0);
          const top = await heading.evaluate((el) => el.getBoundingClientRect().top);
          expect(top, `heading ${href} is ${top}px from the top`).toBeLessThan(viewport.height / 4);
        }
      } finally {
        await context.close();
      }
    });
  }
});
