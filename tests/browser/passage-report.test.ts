import { expect, it } from "vitest";
import { COLOR_SCHEMES, VIEWPORTS, axeViolations, describeInBrowser, useBrowserSite } from "../helpers/browser.js";

// tests/fixtures/reader-book: chapter 2 is "Birds of the Bank"; the site's repository is this
// project's (src/site-settings.ts).
const CHAPTER_2 = "/pages/river-chapter-2/";
const SENTENCE = "The heron counting survey starts in May.";

describeInBrowser("reporting a problem with a passage", () => {
  const browser = useBrowserSite("reader-book");

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`offers the repository's issue form for selected words, quoted in its address, next by Tab (${name})`, async () => {
      const { page, context, problems } = await browser.open(CHAPTER_2, { viewport });
      try {
        const requests: string[] = [];
        page.on("request", (request) => requests.push(request.url()));
        const report = page.locator(".passage-report");
        expect(await report.isVisible()).toBe(false);

        // The reader drags across one sentence of the text.
        const paragraph = page.locator(".content p", { hasText: SENTENCE });
        // In the middle of the window, once the header has settled after the scroll.
        await paragraph.evaluate((p) => p.scrollIntoView({ block: "center" }));
        await page.waitForTimeout(400);
        const box = await paragraph.evaluate((p, sentence) => {
          const node = [...p.childNodes].find((n) => n.textContent?.includes(sentence))!;
          const start = node.textContent!.indexOf(sentence);
          const range = document.createRange();
          range.setStart(node, start);
          range.setEnd(node, start + sentence.length);
          const rects = [...range.getClientRects()];
          const first = rects[0];
          const last = rects[rects.length - 1];
          return {
            x1: first.left + 1,
            y1: first.top + first.height / 2,
            x2: last.right - 1,
            y2: last.top + last.height / 2,
          };
        }, SENTENCE);
        await page.mouse.move(box.x1, box.y1);
        await page.mouse.down();
        await page.mouse.move(box.x2, box.y2, { steps: 8 });
        await page.mouse.up();
        expect((await page.evaluate(() => document.getSelection()?.toString() ?? "")).trim()).toBe(SENTENCE);

        await expect.poll(() => report.isVisible()).toBe(true);
        const link = report.locator("a");
        expect((await link.textContent())!.startsWith("Report a problem with this passage")).toBe(true);
        // The link follows the selection 150 ms after it last changes: on a busy machine the drag's
        // steps come further apart than that, so the link first quotes part of the words.
        const body = async () => new URL((await link.getAttribute("href")) ?? "about:blank").searchParams.get("body");
        await expect
          .poll(body)
          .toBe(`Page: ${browser.url(CHAPTER_2)}\nChapter: Birds of the Bank\n\n> ${SENTENCE}\n\nWhat is wrong:\n`);
        const url = new URL((await link.getAttribute("href"))!);
        expect(url.origin + url.pathname).toBe("https://github.com/minibooks/minibooks/issues/new");
        expect(url.searchParams.get("title")).toBe("Problem in “Birds of the Bank”");
        // Just below the passage, inside the window.
        const passage = await page.evaluate(
          () => document.getSelection()!.getRangeAt(0).getBoundingClientRect().bottom,
        );
        const where = (await report.boundingBox())!;
        expect(where.y).toBeGreaterThanOrEqual(passage);
        expect(where.y).toBeLessThan(passage + 40);
        expect(where.x + where.width).toBeLessThanOrEqual(viewport.width);
        for (const colorScheme of COLOR_SCHEMES) {
          await page.emulateMedia({ colorScheme });
          const violations = await axeViolations(page);
          expect(violations, `axe with the report link (${colorScheme}):\n${violations.join("\n")}`).toEqual([]);
        }

        // The next Tab from the selected words reaches it; Escape puts it away.
        await page.keyboard.press("Tab");
        expect(await link.evaluate((a) => a === document.activeElement)).toBe(true);
        await page.keyboard.press("Escape");
        expect(await report.isVisible()).toBe(false);
        // Nothing left the page for another site.
        expect(requests.filter((address) => !address.startsWith(browser.url("/")))).toEqual([]);
        expect(problems).toEqual({ errors: [], csp: [] });
      } finally {
        await context.close();
      }
    });
  }

  it("offers nothing for a selection outside the chapter's text", async () => {
    const { page, context } = await browser.open(CHAPTER_2);
    try {
      await page.locator(".lede").click({ clickCount: 3 });
      await page.waitForTimeout(400);
      expect(await page.evaluate(() => document.getSelection()?.toString().length)).toBeGreaterThan(0);
      expect(await page.locator(".passage-report").isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });
});
