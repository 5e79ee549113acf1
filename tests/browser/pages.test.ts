import { describe, expect, it } from "vitest";
import {
  COLOR_SCHEMES,
  KEY_PAGES,
  VIEWPORTS,
  axeViolations,
  describeInBrowser,
  scrollsSideways,
  useBrowserSite,
} from "../helpers/browser.js";

describeInBrowser("the site in a browser", () => {
  const browser = useBrowserSite();

  describe("every key page, in light and dark", () => {
    for (const colorScheme of COLOR_SCHEMES) {
      for (const pathname of KEY_PAGES) {
        it(`${pathname} in ${colorScheme} mode has no axe violations, console errors or CSP violations`, async () => {
          const { page, context, problems } = await browser.open(pathname, { colorScheme });
          try {
            await page.waitForLoadState("load");
            const violations = await axeViolations(page);
            expect(violations, `axe on ${pathname} (${colorScheme}):\n${violations.join("\n")}`).toEqual([]);
            expect(problems.errors, "console errors").toEqual([]);
            expect(problems.csp, "CSP violations").toEqual([]);
          } finally {
            await context.close();
          }
        });

        for (const [name, viewport] of Object.entries(VIEWPORTS)) {
          it(`${pathname} in ${colorScheme} mode does not scroll sideways at ${viewport.width}x${viewport.height} (${name})`, async () => {
            const { page, context, problems } = await browser.open(pathname, { colorScheme, viewport });
            try {
              await page.waitForLoadState("load");
              const result = await scrollsSideways(page);
              expect(
                result.scrollWidth,
                `page is ${result.scrollWidth}px wide in a ${result.innerWidth}px window; sticking out: ${result.widest.join(", ")}`,
              ).toBeLessThanOrEqual(result.innerWidth);
              expect(problems.errors, "console errors").toEqual([]);
              expect(problems.csp, "CSP violations").toEqual([]);
            } finally {
              await context.close();
            }
          });
        }
      }
    }
  });

  describe("what scripts show, in light and dark", () => {
    for (const colorScheme of COLOR_SCHEMES) {
      it(`search results have no axe violations in ${colorScheme} mode`, async () => {
        const { page, context, problems } = await browser.open("/pages/okr-chapter-2/", { colorScheme });
        try {
          await page.locator("#search-input").pressSequentially("okr");
          await page.locator("#search-results mark").first().waitFor({ state: "visible", timeout: 10_000 });
          const violations = await axeViolations(page);
          expect(violations, `axe with search results (${colorScheme}):\n${violations.join("\n")}`).toEqual([]);
          expect(problems).toEqual({ errors: [], csp: [] });
        } finally {
          await context.close();
        }
      });

      it(`the image dialog and the phone's chapter menu have no axe violations in ${colorScheme} mode`, async () => {
        const { page, context, problems } = await browser.open("/pages/okr-chapter-2/", {
          colorScheme,
          viewport: VIEWPORTS.phone,
        });
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
