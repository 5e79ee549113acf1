import { expect, it } from "vitest";
import { VIEWPORTS, describeInBrowser, useBrowserSite } from "../helpers/browser.js";

// tests/fixtures/reader-book: one book, "A River Year", three chapters.
const BOOK = "/pages/river/";
const CHAPTERS = ["/pages/river-chapter-1/", "/pages/river-chapter-2/", "/pages/river-chapter-3/"];

/** The most the page may move while it loads, as Chrome's Cumulative Layout Shift counts it ("good" is 0.1). */
const MOST_SHIFT = 0.05;

describeInBrowser("a returning reader's pages while they load", () => {
  const browser = useBrowserSite("reader-book");

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`move no more than ${MOST_SHIFT} on a slow phone (${name}): home page and book home with "Continue", a chapter`, async () => {
      for (const url of ["/", BOOK, CHAPTERS[0]]) {
        const context = await browser.browser.newContext({ viewport });
        try {
          const page = await context.newPage();
          // Every layout shift from the first byte on, as Chrome reports it.
          await context.addInitScript(() => {
            const scope = window as unknown as { shifts: number };
            scope.shifts = 0;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries() as (PerformanceEntry & {
                value: number;
                hadRecentInput: boolean;
              })[])
                if (!entry.hadRecentInput) scope.shifts += entry.value;
            }).observe({ type: "layout-shift", buffered: true });
          });
          // A reader who read chapter 1 and stopped at chapter 2, as the chapters store it.
          await page.goto(browser.url(CHAPTERS[0]));
          await page.evaluate(
            ([read, at]) =>
              localStorage.setItem(
                "minibooks-progress:river",
                JSON.stringify({ read: [read], at: { url: at, title: "Birds of the Bank", position: 2 } }),
              ),
            [CHAPTERS[0], CHAPTERS[1]],
          );
          // A phone four times slower than this machine, on a slow connection with no cache.
          const cdp = await context.newCDPSession(page);
          await cdp.send("Network.enable");
          await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
          await cdp.send("Network.emulateNetworkConditions", {
            offline: false,
            latency: 150,
            downloadThroughput: (1.6 * 1024 * 1024) / 8,
            uploadThroughput: (750 * 1024) / 8,
          });
          await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
          await page.goto(browser.url(url), { waitUntil: "load" });
          if (url !== CHAPTERS[0]) {
            const link = page.locator(".continue__link").first();
            await expect.poll(() => link.isVisible(), { timeout: 20_000 }).toBe(true);
            expect(await link.textContent()).toBe("Continue: Chapter 2, Birds of the Bank");
            // On the book home "Continue" takes the place of "Start reading", above the chapters.
            if (url === BOOK) {
              expect(await page.locator(".start-reading").isVisible()).toBe(false);
              const [button, chapters] = await Promise.all(
                [link, page.locator(".chapters")].map(async (el) => (await el.boundingBox())!.y),
              );
              expect(button).toBeLessThan(chapters);
            }
          }
          await page.waitForTimeout(1500);
          const shifts = await page.evaluate(() => (window as unknown as { shifts: number }).shifts);
          expect(shifts, `layout shift of ${url} (${name})`).toBeLessThanOrEqual(MOST_SHIFT);
          await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
        } finally {
          await context.close();
        }
      }
    });
  }
});
