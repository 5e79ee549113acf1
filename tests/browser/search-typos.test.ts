import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { COLOR_SCHEMES, axeViolations, describeInBrowser, useBrowserSite } from "../helpers/browser.js";

// tests/fixtures/reader-book: "infrastructure" and "sluice" are in chapter 3 ("Floods") alone;
// chapter 2 ("Birds of the Bank") has "kingfishers", and "sluiceways" and "sluicegates" but not "sluice".

/** Types a query and waits until the status says what was found for it. */
async function search(page: Page, query: string) {
  const input = page.locator("#search-input");
  await input.fill("");
  await input.pressSequentially(query);
  await expect.poll(() => page.locator("#search-status").textContent(), { timeout: 10_000 }).toMatch(/result/);
  await page.waitForTimeout(400); // a later status for the same words would replace the list
  return page.locator("#search-results .search__title").allTextContents();
}

describeInBrowser("search that forgives a typo", () => {
  const browser = useBrowserSite("reader-book");

  it('suggests "infrastructure" for "infrastucture", finds its page, and searches it in one click', async () => {
    const { page, context, problems } = await browser.open("/");
    try {
      const asked: string[] = [];
      page.on("request", (request) => {
        if (request.url().includes("/pagefind/vocabulary")) asked.push(new URL(request.url()).pathname);
      });
      // Words the pages hold are searched as they are, and the vocabulary is not loaded for them.
      expect(await search(page, "heron")).toContain("Floods");
      expect(await page.locator(".search__suggestion").isVisible()).toBe(false);
      expect(asked).toEqual([]);

      expect(await search(page, "infrastucture")).toEqual(["Floods"]);
      const suggestion = page.locator(".search__suggestion");
      expect(await suggestion.isVisible()).toBe(true);
      expect(await suggestion.textContent()).toBe("Did you mean infrastructure?");
      expect(await page.locator("#search-status").textContent()).toBe(
        "Did you mean infrastructure? 1 result for infrastructure",
      );
      expect(asked).toEqual(["/pagefind/vocabulary.txt"]);
      for (const colorScheme of COLOR_SCHEMES) {
        await page.emulateMedia({ colorScheme });
        const violations = await axeViolations(page);
        expect(violations, `axe with a suggestion (${colorScheme}):\n${violations.join("\n")}`).toEqual([]);
      }
      // The result leads to the page, with the corrected word to mark there.
      expect(await page.locator("#search-results .search__link").first().getAttribute("href")).toMatch(
        /^\/pages\/river-chapter-3\/.*highlight=infrastructure/,
      );

      await suggestion.getByRole("button", { name: "infrastructure" }).click();
      expect(await page.locator("#search-input").inputValue()).toBe("infrastructure");
      await expect.poll(() => page.locator("#search-status").textContent()).toBe("1 result");
      expect(await suggestion.isVisible()).toBe(false);
      expect(asked).toHaveLength(1);
      expect(problems).toEqual({ errors: [], csp: [] });
    } finally {
      await context.close();
    }
  });

  it("finds the page of a word of five letters or more one or two edits away", async () => {
    const { page, context } = await browser.open("/");
    try {
      for (const typo of ["kingfishrs", "kignfishers", "kngfshers"]) {
        expect(await search(page, typo), typo).toEqual(["Birds of the Bank"]);
        expect(await page.locator(".search__suggestion").textContent()).toBe("Did you mean kingfishers?");
      }
      // Three edits away is too far to guess.
      await search(page, "kngfshrs").catch(() => undefined);
      expect(await page.locator(".search__suggestion").isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });

  it("ranks a page that holds the word whole above one that only holds longer words starting with it", async () => {
    const { page, context } = await browser.open("/");
    try {
      // Pagefind itself puts "Birds of the Bank" first, for its "sluiceways".
      // Passed as text: the test runner would rewrite an import() written here.
      const raw = await page.evaluate(`(async () => {
        const pagefind = await import("/pagefind/pagefind.js");
        const found = await pagefind.search("sluice");
        return Promise.all(found.results.map(async (result) => (await result.data()).meta.title));
      })()`);
      expect(raw).toEqual(["Birds of the Bank", "Floods"]);
      expect(await search(page, "sluice")).toEqual(["Floods", "Birds of the Bank"]);
    } finally {
      await context.close();
    }
  });
});
