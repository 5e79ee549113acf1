import type { Server } from "node:http";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { COLOR_SCHEMES, axeViolations, describeInBrowser } from "../helpers/browser.js";
import { HISTORY, libraryWithHistory } from "../helpers/history-fixture.js";
import { serve } from "../helpers/serve.js";
import { sharedBrowser } from "../helpers/shared.js";
import { build, type BuiltSite } from "../helpers/site.js";

// tests/fixtures/library committed change by change (tests/helpers/history-fixture.ts): garden
// chapter 2 changed on February 10, chapter 3 retitled on March 15, chapter 4 added on April 20.
const CHAPTERS = ["/pages/garden-chapter-1/", "/pages/garden-chapter-2/", "/pages/garden-chapter-3/"];

/** The chapters a list marks "Updated", by URL. */
const updated = (page: Page, list: string) =>
  page.locator(`${list} a:has(.updated-mark)`).evaluateAll((links) => links.map((a) => a.getAttribute("href")));

describeInBrowser("chapters changed since a reader's last visit", () => {
  let site: BuiltSite;
  let server: Server;
  let browser: Browser;
  const url = (pathname: string) => `http://127.0.0.1:${(server.address() as { port: number }).port}${pathname}`;
  beforeAll(async () => {
    site = await build(await libraryWithHistory());
    expect(site.result.problems).toEqual([]);
    [server, browser] = await Promise.all([serve(site.output), sharedBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
    await site?.dispose();
  });

  it('marks "Updated" the chapter changed after the version the reader read, and says so at its top', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(url("/"));
      // Read in January (chapters 1 and 2) and after chapter 3 was retitled; chapter 4 never.
      await page.evaluate(
        ([one, two, three]) =>
          localStorage.setItem(
            "minibooks-progress:garden",
            JSON.stringify({
              read: [one, two, three],
              seen: {
                [one]: "2026-01-06T09:00:00.000Z",
                [two]: "2026-01-06T09:00:00.000Z",
                [three]: "2026-03-20T09:00:00.000Z",
              },
            }),
          ),
        CHAPTERS,
      );
      await page.goto(url("/pages/garden/"));
      expect(await updated(page, ".chapter-list")).toEqual([CHAPTERS[1]]);
      expect(await page.locator(".chapter-list .updated-mark").textContent()).toBe("Updated");
      for (const colorScheme of COLOR_SCHEMES) {
        await page.emulateMedia({ colorScheme });
        const violations = await axeViolations(page);
        expect(violations, `axe on the book home with a mark (${colorScheme}):\n${violations.join("\n")}`).toEqual([]);
      }
      await page.emulateMedia({ colorScheme: "light" });

      await page.goto(url(CHAPTERS[0]));
      expect(await page.locator(".changed-note").isVisible()).toBe(false);
      expect(await updated(page, "#sidebar")).toEqual([CHAPTERS[1]]);

      await page.goto(url(CHAPTERS[1]));
      const note = page.locator(".changed-note");
      expect(await note.isVisible()).toBe(true);
      expect(await note.textContent()).toBe(
        "This chapter has changed since you last read it: updated February 10, 2026.",
      );
      expect(await note.locator("time").getAttribute("datetime")).toBe(HISTORY.changed.slice(0, 10));
      for (const colorScheme of COLOR_SCHEMES) {
        await page.emulateMedia({ colorScheme });
        const violations = await axeViolations(page);
        expect(violations, `axe on a changed chapter (${colorScheme}):\n${violations.join("\n")}`).toEqual([]);
      }

      // Read now, it is no longer marked.
      await page.goto(url("/pages/garden/"));
      expect(await updated(page, ".chapter-list")).toEqual([]);
      await page.goto(url(CHAPTERS[1]));
      expect(await page.locator(".changed-note").isVisible()).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows the same pages without marks when JavaScript is off, What's new included", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(url("/pages/garden/"));
      expect(await page.locator(".whats-new li").count()).toBe(6);
      expect(await page.locator(".updated-mark").count()).toBe(0);
      await page.goto(url(CHAPTERS[1]));
      expect(await page.locator(".changed-note").isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });
});
