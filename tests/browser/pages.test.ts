import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  COLOR_SCHEMES,
  VIEWPORTS,
  axeViolations,
  describeInBrowser,
  scrollsSideways,
  useBrowserSite,
  type OpenedPage,
} from "../helpers/browser.js";
import { GARDEN, LIBRARY_KEY_PAGES } from "../helpers/library-fixture.js";

describeInBrowser("the site in a browser", () => {
  const browser = useBrowserSite("library");

  describe("every key page, in light and dark", () => {
    for (const colorScheme of COLOR_SCHEMES) {
      for (const pathname of LIBRARY_KEY_PAGES) {
        describe(`${pathname} in ${colorScheme} mode`, () => {
          // One page per address and scheme; each test below looks at it in its own way.
          let opened: OpenedPage;
          beforeAll(async () => {
            opened = await browser.open(pathname, { colorScheme });
            await opened.page.waitForLoadState("load");
          });
          afterAll(() => opened?.context.close());

          it("has no axe violations, console errors or CSP violations", async () => {
            const violations = await axeViolations(opened.page);
            expect(violations, `axe on ${pathname} (${colorScheme}):\n${violations.join("\n")}`).toEqual([]);
            expect(opened.problems.errors, "console errors").toEqual([]);
            expect(opened.problems.csp, "CSP violations").toEqual([]);
          });

          for (const [name, viewport] of Object.entries(VIEWPORTS)) {
            it(`has no axe violations at ${viewport.width}x${viewport.height} (${name})`, async () => {
              await opened.page.setViewportSize(viewport);
              const violations = await axeViolations(opened.page);
              expect(violations, `axe on ${pathname} (${name}, ${colorScheme}):\n${violations.join("\n")}`).toEqual([]);
            });

            it(`keeps every paragraph and list item within 75 characters a line at ${viewport.width}x${viewport.height} (${name})`, async () => {
              await opened.page.setViewportSize(viewport);
              const longest = await opened.page.evaluate(() => {
                // Characters a line: the block's width over the average width of its own characters,
                // or all of them when they fit on one line.
                const canvas = document.createElement("canvas").getContext("2d")!;
                const lines: { text: string; chars: number }[] = [];
                for (const block of document.querySelectorAll("main p, main li, main dd")) {
                  const text = (block.textContent ?? "").replace(/\s+/g, " ").trim();
                  const style = getComputedStyle(block);
                  if (text.length < 40 || style.display === "none" || block.closest("[hidden]")) continue;
                  canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
                  const perChar = canvas.measureText(text).width / text.length;
                  lines.push({
                    text: text.slice(0, 40),
                    chars: Math.min(text.length, Math.round((block as HTMLElement).clientWidth / perChar)),
                  });
                }
                return lines.sort((a, b) => b.chars - a.chars)[0];
              });
              if (longest) expect(longest.chars, `"${longest.text}…" on ${pathname}`).toBeLessThanOrEqual(75);
            });

            it(`does not scroll sideways at ${viewport.width}x${viewport.height} (${name})`, async () => {
              await opened.page.setViewportSize(viewport);
              const result = await scrollsSideways(opened.page);
              expect(
                result.scrollWidth,
                `page is ${result.scrollWidth}px wide in a ${result.innerWidth}px window; sticking out: ${result.widest.join(", ")}`,
              ).toBeLessThanOrEqual(result.innerWidth);
              expect(opened.problems.errors, "console errors").toEqual([]);
              expect(opened.problems.csp, "CSP violations").toEqual([]);
            });
          }
        });
      }
    }
  });

  describe("what scripts show, in light and dark", () => {
    const chapter = GARDEN.chapters[1].url;
    for (const colorScheme of COLOR_SCHEMES) {
      it(`search results have no axe violations in ${colorScheme} mode`, async () => {
        const { page, context, problems } = await browser.open(chapter, { colorScheme });
        try {
          await page.locator("#search-input").pressSequentially("soil");
          await page.locator("#search-results mark").first().waitFor({ state: "visible", timeout: 10_000 });
          const violations = await axeViolations(page);
          expect(violations, `axe with search results (${colorScheme}):\n${violations.join("\n")}`).toEqual([]);
          expect(problems).toEqual({ errors: [], csp: [] });
        } finally {
          await context.close();
        }
      });

      it(`the image dialog and the phone's chapter menu have no axe violations in ${colorScheme} mode`, async () => {
        const { page, context, problems } = await browser.open(chapter, { colorScheme, viewport: VIEWPORTS.phone });
        try {
          await page.locator("a[data-zoom]").click();
          await page.locator("dialog[open]").waitFor({ state: "visible" });
          const withDialog = await axeViolations(page);
          expect(withDialog, `axe with the image dialog (${colorScheme}):\n${withDialog.join("\n")}`).toEqual([]);
          await page.keyboard.press("Escape");

          await page.locator(".sidebar-toggle").click();
          await page.locator("#sidebar").waitFor({ state: "visible" });
          const withMenu = await axeViolations(page);
          expect(withMenu, `axe with the chapter menu (${colorScheme}):\n${withMenu.join("\n")}`).toEqual([]);
          expect(problems).toEqual({ errors: [], csp: [] });
        } finally {
          await context.close();
        }
      });
    }
  });
});
