import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  COLOR_SCHEMES,
  axeViolations,
  describeInBrowser,
  startBrowserSite,
  type BrowserSite,
} from "../helpers/browser.js";
import { REPOSITORY_PAGES, timeForContent } from "../helpers/repository-content.js";

// What the books say is checked here, one test per page and colour scheme, so that each page has
// its own time limit however many there are; the layouts' own pages (print, 404) on a fixture, in
// tests/browser/pages.test.ts.
describeInBrowser("the repository's books in a browser", () => {
  let browser: BrowserSite;
  beforeAll(
    async () => {
      browser = await startBrowserSite("repository");
    },
    timeForContent(120_000, 1_000),
  );
  afterAll(() => browser?.close());

  for (const colorScheme of COLOR_SCHEMES) {
    describe(`in ${colorScheme} mode`, () => {
      for (const pathname of REPOSITORY_PAGES) {
        it(`${pathname} has no axe violations, console errors or CSP violations`, async () => {
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
      }
    });
  }
});
