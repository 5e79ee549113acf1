import { expect, it } from "vitest";
import { describeInBrowser, useBrowserSite } from "../helpers/browser.js";
import { GARDEN } from "../helpers/library-fixture.js";

const CHAPTER_2 = GARDEN.chapters[1].url;

describeInBrowser("the header image dialog", () => {
  const browser = useBrowserSite("library");

  for (const pathname of [CHAPTER_2, GARDEN.url]) {
    it(`opens with Enter on ${pathname}, closes with Escape and gives focus back to the image link`, async () => {
      const { page, context, problems } = await browser.open(pathname);
      try {
        const trigger = page.locator("a[data-zoom]");
        expect(await trigger.count()).toBe(1);
        await trigger.focus();
        await page.keyboard.press("Enter");

        const dialog = page.locator("dialog[open]");
        await dialog.waitFor({ state: "visible" });
        expect(new URL(page.url()).pathname).toBe(pathname);
        expect(await dialog.evaluate((el) => el.matches(":modal"))).toBe(true);
        // Focus moved into the dialog, and its picture has a name.
        expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
        expect(await dialog.getAttribute("aria-label")).toBeTruthy();
        expect(
          await dialog.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
        ).toBe(true);

        await page.keyboard.press("Escape");
        await dialog.waitFor({ state: "detached" });
        expect(await page.locator("dialog[open]").count()).toBe(0);
        expect(await trigger.evaluate((el) => el === document.activeElement)).toBe(true);
        expect(problems).toEqual({ errors: [], csp: [] });
      } finally {
        await context.close();
      }
    });
  }

  it("closes with its Close button too, giving focus back", async () => {
    const { page, context } = await browser.open(CHAPTER_2);
    try {
      const trigger = page.locator("a[data-zoom]");
      await trigger.click();
      await page.locator("dialog[open]").waitFor({ state: "visible" });
      await page.locator("dialog[open] button", { hasText: "Close" }).click();
      expect(await page.locator("dialog[open]").count()).toBe(0);
      expect(await trigger.evaluate((el) => el === document.activeElement)).toBe(true);
    } finally {
      await context.close();
    }
  });

  it("is a plain link to the image when JavaScript is off", async () => {
    const { page, context } = await browser.open(CHAPTER_2, { javaScriptEnabled: false });
    try {
      const href = await page.locator("a[data-zoom]").getAttribute("href");
      const response = await page.request.get(browser.url(href!));
      expect(response.status()).toBe(200);
    } finally {
      await context.close();
    }
  });
});
