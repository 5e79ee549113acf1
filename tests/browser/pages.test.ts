import AxeBuilder from "@axe-core/playwright";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  COLOR_SCHEMES,
  KEY_PAGES,
  VIEWPORTS,
  describeInBrowser,
  scrollsSideways,
  startBrowserSite,
  type BrowserSite,
} from "../helpers/browser.js";

let browser: BrowserSite;
beforeAll(async () => {
  browser = await startBrowserSite();
});
afterAll(() => browser?.close());

describeInBrowser("every key page, in light and dark", () => {
  for (const colorScheme of COLOR_SCHEMES) {
    for (const pathname of KEY_PAGES) {
      it(`${pathname} in ${colorScheme} mode has no axe violations, console errors or CSP violations`, async () => {
        const { page, context, problems } = await browser.open(pathname, { colorScheme });
        try {
          await page.waitForLoadState("load");
          const { violations } = await new AxeBuilder({ page }).analyze();
          const report = violations.map(
            (v) =>
              `${v.id} (${v.impact}): ${v.help}\n` +
              v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.split("\n").join(" ")}`).join("\n"),
          );
          expect(report, `axe found on ${pathname} (${colorScheme}):\n${report.join("\n")}`).toEqual([]);
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
