import type { AddressInfo, Server } from "node:net";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, expect, it } from "vitest";
import { formatSize } from "../../src/site/file-sizes.js";
import { REPO_ROOT, buildSite } from "../../src/site/build.js";
import { describeInBrowser, useBrowserSite } from "../helpers/browser.js";
import { copyFixture, runCli } from "../helpers/cli.js";
import { serve } from "../helpers/serve.js";

/** The fixture book's chapters, in order. */
const CHAPTERS = [
  ["/pages/tea-chapter-1/", "Leaves"],
  ["/pages/tea-chapter-2/", "Cups"],
  ["/pages/tea-chapter-3/", "Brewing"],
] as const;

/** The offline control's status line, once it shows. */
async function offlineStatus(page: Page): Promise<string> {
  await page.locator("[data-offline]").waitFor({ state: "visible" });
  return (await page.locator("[data-offline-status]").textContent()) ?? "";
}

/** Saves the open page's book and waits until the control says it is saved. */
async function saveBook(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Save for offline reading" }).click();
  await expect.poll(() => offlineStatus(page), { timeout: 30_000 }).toMatch(/^Saved on this device/);
  return offlineStatus(page);
}

/** Every picture of the page has loaded: none is missing offline. */
async function picturesLoaded(page: Page): Promise<boolean> {
  return page.evaluate(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0));
}

describeInBrowser("a book saved for offline reading", () => {
  const browser = useBrowserSite("epub-book");

  it("opens every chapter, the book home and the print page with the network off, and can be removed", async () => {
    const manifest = JSON.parse(await browser.site.text("pages/tea/offline.json"));
    const { page, context, problems } = await browser.open("/pages/tea/");
    try {
      expect(await offlineStatus(page)).toBe(
        `Keep this book on this device (${formatSize(manifest.size)}) to read it without a connection.`,
      );
      // Nothing is kept, and no worker runs, until the reader asks.
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistration())).toBeUndefined();
      expect(await saveBook(page)).toBe(
        `Saved on this device (${formatSize(manifest.size)}): every chapter opens without a connection.`,
      );
      // The keyboard goes on from the button that took the pressed one's place.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Remove from this device");
      expect(problems).toEqual({ errors: [], csp: [] });

      await context.setOffline(true);
      for (const [url, title] of CHAPTERS) {
        const response = await page.goto(browser.url(url));
        expect(response?.status(), url).toBe(200);
        expect(await page.locator("h1").textContent()).toBe(title);
        await expect.poll(() => picturesLoaded(page), { message: url }).toBe(true);
        // Its stylesheet too: the page is laid out as online.
        expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe("0px");
        expect(await offlineStatus(page)).toMatch(/^Saved on this device/);
      }
      // Its sections, and the next chapter from the button, as a reader goes.
      await page.goto(browser.url("/pages/tea-chapter-1/#kinds-of-leaf"));
      await page.locator(".chapter-nav a[rel=next]").click();
      await page.waitForURL(browser.url(CHAPTERS[1][0]));
      expect(await page.locator("h1").textContent()).toBe("Cups");
      for (const url of ["/pages/tea/", "/pages/tea/print/"]) {
        expect((await page.goto(browser.url(url)))?.status(), url).toBe(200);
        await expect.poll(() => picturesLoaded(page), { message: url }).toBe(true);
      }
      expect(await page.locator("h1").first().textContent()).toBe("Tea");
      expect(problems.csp).toEqual([]);

      // Removed, the book is gone from the device: offline, its pages no longer open.
      await page.goto(browser.url("/pages/tea/"));
      await page.getByRole("button", { name: "Remove from this device" }).click();
      await expect.poll(() => offlineStatus(page)).toMatch(/^Keep this book on this device/);
      expect(await page.evaluate(() => caches.keys())).toEqual([]);
      await expect(page.goto(browser.url("/pages/tea-chapter-2/"))).rejects.toThrow();
    } finally {
      await context.close();
    }
  });

  it("leaves the page as it is without JavaScript: no control, nothing to click", async () => {
    const { page, context } = await browser.open("/pages/tea-chapter-2/", { javaScriptEnabled: false });
    try {
      expect(await page.locator("[data-offline]").getAttribute("hidden")).not.toBeNull();
      expect(await page.locator("[data-offline]").isVisible()).toBe(false);
      expect(await page.locator(".page-footer__book").isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });
});

describeInBrowser("a saved book, after a new build changes it", () => {
  const browser = useBrowserSite("epub-book");
  let content: string | undefined;
  let output: string | undefined;
  let server: Server | undefined;
  afterAll(async () => {
    server?.close();
    if (content) await rm(content, { recursive: true, force: true });
    if (output) await rm(path.dirname(output), { recursive: true, force: true });
  });

  it("updates itself the next time one of its pages is opened online, and reads the new text offline", async () => {
    content = await copyFixture("epub-book");
    output = path.join(content, "..", `${path.basename(content)}-site`, "_site");
    expect((await buildSite({ input: content, output, search: false })).ok).toBe(true);
    server = await serve(output);
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const before = JSON.parse(await readFile(path.join(output, "pages/tea/offline.json"), "utf8"));

    const context: BrowserContext = await browser.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/pages/tea/`);
      await saveBook(page);
      const cacheOf = (version: string) => `minibooks-offline /pages/tea/offline.json ${version}`;
      expect(await page.evaluate(() => caches.keys())).toEqual([cacheOf(before.version)]);

      // A new build with chapter 2 changed, by `npm run build` as a deploy runs it (Eleventy keeps
      // what it read in memory, so this process would not see the change).
      const chapter = path.join(content, "pages/tea-chapter-2.md");
      await writeFile(chapter, (await readFile(chapter, "utf8")).replace("Thin porcelain", "Bone china"));
      const rebuilt = await runCli("build", ["--input", content, "--output", output], REPO_ROOT);
      expect(rebuilt.code, rebuilt.stderr).toBe(0);
      const after = JSON.parse(await readFile(path.join(output, "pages/tea/offline.json"), "utf8"));
      expect(await readFile(path.join(output, "pages/tea-chapter-2/index.html"), "utf8")).toContain("Bone china");
      expect(after.version).not.toBe(before.version);

      // Opening any page of the book online has the worker compare versions and save the new one.
      await page.goto(`${origin}/pages/tea-chapter-1/`);
      await expect
        .poll(() => page.evaluate(() => caches.keys()), { timeout: 30_000 })
        .toEqual([cacheOf(after.version)]);

      await context.setOffline(true);
      await page.goto(`${origin}/pages/tea-chapter-2/`);
      expect(await page.locator(".content").textContent()).toContain("Bone china keeps the colour visible.");
      expect(await offlineStatus(page)).toBe(
        `Saved on this device (${formatSize(after.size)}): every chapter opens without a connection.`,
      );
    } finally {
      await context.close();
    }
  });
});
