import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture } from "../helpers/cli.js";
import { describeInBrowser } from "../helpers/browser.js";
import { servedAt, startDevServer, type RunningDevServer } from "../helpers/dev-server.js";
import { sharedBrowser } from "../helpers/shared.js";

/** A dev server in a copy of a fixture, started once for the tests of the enclosing describe. */
function useDevServer(fixture: string, prepare: (dir: string) => Promise<void> = async () => undefined) {
  const running = { dir: "", origin: "", server: undefined as RunningDevServer | undefined };
  beforeAll(async () => {
    running.dir = await copyFixture(fixture);
    await prepare(running.dir);
    // As `npm start` runs it, in the content's folder, on any free port.
    running.server = startDevServer(running.dir, ["--port", "0"]);
    running.origin = (await servedAt(running.server)).replace(/\/$/, "");
  });
  afterAll(async () => {
    running.server?.stop();
    await running.server?.exited;
    await rm(running.dir, { recursive: true, force: true });
  });
  return running;
}

/** A new page that records uncaught exceptions and Content Security Policy violations. */
async function newPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/.test(message.text())) errors.push(message.text());
  });
  return { page, errors };
}

describeInBrowser("the dev server", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await sharedBrowser();
  });
  afterAll(() => browser?.close());

  describe("while it runs", () => {
    const dev = useDevServer("small-book");

    it("shows a build error on the open page, and reloads when it is fixed", async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(`${dev.origin}/pages/garden-chapter-2/`);
      await page.waitForFunction(() => document.querySelector('script[src^="/.11ty/reload-client.js"]'));
      await page.waitForTimeout(500); // the page's sockets connect

      const file = path.join(dev.dir, "pages/garden-chapter-2.md");
      const good = await readFile(file, "utf8");
      await writeFile(file, good.replace("status: red", "status: blue"));
      const banner = page.locator('.build-error[role="alert"]');
      await expect
        .poll(() => banner.textContent(), { timeout: 45_000 })
        .toContain('pages/garden-chapter-2.md:4:9: status: found "blue". Allowed: green, yellow, orange, red.');

      // The failed save reloaded the page: its reload socket connects again before the fix is saved.
      await page.waitForLoadState("load");
      await page.waitForTimeout(2_000);
      await writeFile(file, good.replace("title: Water", "title: Water, fixed"));
      await expect.poll(() => page.locator("h1").textContent(), { timeout: 45_000 }).toBe("Water, fixed");
      expect(await page.locator(".build-error").count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);

    it("shows a YAML mistake on pages opened after the save, and says the broken page is its last good save", async () => {
      const file = path.join(dev.dir, "pages/garden-chapter-1.md");
      const good = await readFile(file, "utf8");
      const before = dev.server?.output().length ?? 0;
      await writeFile(file, good.replace("title: Soil", "title: Soil: the basics"));
      await expect
        .poll(() => dev.server?.output().slice(before), { timeout: 20_000 })
        .toContain("problem(s): fix them and save");

      const { page, errors } = await newPage(browser);
      await page.goto(`${dev.origin}/pages/garden-chapter-1/`);
      const banner = page.locator('.build-error[role="alert"]');
      await expect
        .poll(() => banner.textContent(), { timeout: 10_000 })
        .toContain(
          'pages/garden-chapter-1.md:2:8: the front matter is not valid YAML: a value contains ": ", which YAML reads as a second key.',
        );
      expect(await banner.locator(".build-error__kept").textContent()).toBe(
        "This page is shown as it was at its last good save, body included: its front matter does not read now. Your changes show once it does.",
      );
      expect(await page.locator("h1").textContent()).toBe("Soil");
      // Another page shows the problem too, without the note that it is kept.
      await page.goto(`${dev.origin}/pages/garden/`);
      await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toContain("pages/garden-chapter-1.md:2:8:");
      expect(await banner.locator(".build-error__kept").count()).toBe(0);

      expect(errors).toEqual([]);
      await page.close();

      const fixed = dev.server?.output().length ?? 0;
      await writeFile(file, good);
      await expect
        .poll(() => dev.server?.output().slice(fixed), { timeout: 20_000 })
        .toContain("Every problem is fixed");
      const after = await newPage(browser);
      const answered = after.page.waitForResponse((response) => response.url().endsWith("/.minibooks/problems.json"));
      await after.page.goto(`${dev.origin}/pages/garden-chapter-1/`);
      await answered;
      await after.page.waitForTimeout(200); // the banner's script reads the answer
      expect(await after.page.locator(".build-error").count()).toBe(0);
      expect(await after.page.locator("h1").textContent()).toBe("Soil");
      expect(after.errors).toEqual([]);
      await after.page.close();
    }, 60_000);
  });

  describe("started with a mistake in the content", () => {
    const dev = useDevServer("small-book", async (dir) => {
      const file = path.join(dir, "pages/garden-chapter-2.md");
      await writeFile(file, (await readFile(file, "utf8")).replace("status: red", "status: blue"));
    });

    it("serves the site, and a freshly opened page names the file", async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(`${dev.origin}/pages/garden-chapter-1/`);
      const banner = page.locator('.build-error[role="alert"]');
      await expect
        .poll(() => banner.textContent(), { timeout: 10_000 })
        .toContain('pages/garden-chapter-2.md:4:9: status: found "blue".');
      expect(await banner.locator("h2").textContent()).toBe("1 problem in the content: fix it and save");
      expect(await page.locator("main h1").textContent()).toBe("Soil");
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  });
});
