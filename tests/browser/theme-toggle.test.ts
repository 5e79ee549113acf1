import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeInBrowser, useBrowserSite } from "../helpers/browser.js";
import { GARDEN } from "../helpers/library-fixture.js";

/** The page's theme as the reader sees it: the attribute, the toggle's state and the body's colours. */
const themeOf = (page: Page) =>
  page.evaluate(() => ({
    attribute: document.documentElement.getAttribute("data-theme"),
    pressed: document.querySelector(".theme-toggle")?.getAttribute("aria-pressed"),
    background: getComputedStyle(document.body).backgroundColor,
  }));

/** Relative luminance of an `rgb(...)` colour, enough to tell a light background from a dark one. */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

describeInBrowser("the theme toggle", () => {
  const browser = useBrowserSite("library");

  for (const [from, to] of [
    ["light", "dark"],
    ["dark", "light"],
  ] as const) {
    it(`switches a ${from} page to ${to}, and keeps it after a reload with no flash of ${from}`, async () => {
      const { page, context, problems } = await browser.open(GARDEN.chapters[1].url, { colorScheme: from });
      try {
        // Records the theme at the first moment the body exists, and again at DOMContentLoaded:
        // before first paint and before deferred scripts run.
        await context.addInitScript(() => {
          const seen: Record<string, string | null> = {};
          (window as unknown as { __themeSeen: typeof seen }).__themeSeen = seen;
          const record = (when: string) => {
            seen[when] = document.documentElement.getAttribute("data-theme");
            seen[`${when}Background`] = document.body ? getComputedStyle(document.body).backgroundColor : null;
          };
          new MutationObserver((_, observer) => {
            if (document.body) {
              record("body");
              observer.disconnect();
            }
          }).observe(document, { childList: true, subtree: true });
          document.addEventListener("DOMContentLoaded", () => record("domContentLoaded"));
        });

        const toggle = page.locator(".theme-toggle");
        expect(await toggle.isVisible()).toBe(true);
        expect((await themeOf(page)).pressed).toBe(String(from === "dark"));
        await toggle.click();
        const after = await themeOf(page);
        expect(after.attribute).toBe(to);
        expect(after.pressed).toBe(String(to === "dark"));
        expect(luminance(after.background) < 0.5).toBe(to === "dark");
        expect(await page.evaluate(() => localStorage.getItem("minibooks-theme"))).toBe(to);

        await page.reload();
        const seen = await page.evaluate(
          () => (window as unknown as { __themeSeen: Record<string, string> }).__themeSeen,
        );
        expect(seen.body, "data-theme when the body is first parsed").toBe(to);
        expect(seen.domContentLoaded, "data-theme at DOMContentLoaded").toBe(to);
        expect(luminance(seen.domContentLoadedBackground) < 0.5, "background at DOMContentLoaded").toBe(to === "dark");
        expect(await themeOf(page)).toEqual(after);
        expect(problems).toEqual({ errors: [], csp: [] });
      } finally {
        await context.close();
      }
    });
  }

  it("carries the choice to the next page", async () => {
    const { page, context } = await browser.open("/", { colorScheme: "light" });
    try {
      await page.locator(".theme-toggle").click();
      await Promise.all([page.waitForNavigation(), page.locator(`.book-card a[href="${GARDEN.url}"]`).click()]);
      expect((await themeOf(page)).attribute).toBe("dark");
    } finally {
      await context.close();
    }
  });

  it("is hidden without JavaScript, where the system theme applies", async () => {
    const { page, context } = await browser.open("/", { colorScheme: "dark", javaScriptEnabled: false });
    try {
      expect(await page.locator(".theme-toggle").isVisible()).toBe(false);
      expect(luminance((await themeOf(page)).background)).toBeLessThan(0.5);
    } finally {
      await context.close();
    }
  });
});
