import { chromium } from "playwright-core";
import { expect, it } from "vitest";
import { CHROMIUM_ARGS, findChromium, prepareChromium } from "../helpers/find-chromium.js";
import { describeInBrowser } from "../helpers/browser.js";
import { GARDEN } from "../helpers/library-fixture.js";
import { sharedSite } from "../helpers/shared.js";

describeInBrowser("the Chromium inside the npm package", () => {
  it("is found when no other browser is, unpacks and shows a page headless", async () => {
    // As on a machine with no browser: nothing on PATH, nothing from Playwright.
    const found = findChromium({ env: { PATH: "" }, playwrightPath: () => undefined });
    expect(found?.source, "npm install should have brought @sparticuz/chromium on Linux x64 and arm64").toBe(
      "npm package",
    );
    const launchable = await prepareChromium(found!);
    const browser = await chromium.launch({
      executablePath: launchable.executablePath,
      args: CHROMIUM_ARGS,
      env: launchable.env,
    });
    try {
      const site = await sharedSite("library");
      const page = await browser.newPage();
      await page.goto(site.url(GARDEN.chapters[1].url));
      expect(await page.locator("h1").textContent()).toBe(GARDEN.chapters[1].title);
      expect(await page.locator("a[data-zoom] img").evaluate((img: HTMLImageElement) => img.naturalWidth > 0)).toBe(
        true,
      );
    } finally {
      await browser.close();
    }
  });
});
