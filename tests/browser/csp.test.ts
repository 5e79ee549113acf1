import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeInBrowser } from "../helpers/browser.js";
import { sharedBrowser, sharedSite, type SharedSite } from "../helpers/shared.js";

describeInBrowser("the Content Security Policy", () => {
  let site: SharedSite;
  let browser: Browser;

  beforeAll(async () => {
    site = await sharedSite("aligned-table");
    browser = await sharedBrowser();
  });
  afterAll(() => browser?.close());

  it("lets table columns keep their alignment, with no inline style for the policy to block", async () => {
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") refused.push(message.text());
    });
    await page.goto(site.url("/pages/plants-chapter-1/"));
    const aligned = await page
      .locator("main table tr")
      .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => getComputedStyle(cell).textAlign)));
    expect(aligned).toEqual([
      ["left", "center", "right"],
      ["left", "center", "right"],
      ["left", "center", "right"],
    ]);
    expect(await page.locator("main [style]").count()).toBe(0);
    expect(refused).toEqual([]);
    await page.close();
  });

  it("is sent as a header too, where the host reads a _headers file, the same as the page's", async () => {
    const $ = await site.page("/pages/plants-chapter-1/");
    const policy = $('meta[http-equiv="Content-Security-Policy"]').attr("content");
    expect(policy).toMatch(/^default-src 'self'; .*style-src 'self'/);
    const headers = await readFile(path.join(site.output, "_headers"), "utf8");
    expect(headers.split("\n")).toEqual(expect.arrayContaining(["/*", `  Content-Security-Policy: ${policy}`]));
  });
});
