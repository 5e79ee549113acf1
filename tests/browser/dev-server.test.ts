import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { copyFixture } from "../helpers/cli.js";
import { describeInBrowser } from "../helpers/browser.js";
import { servedAt, startDevServer, type RunningDevServer } from "../helpers/dev-server.js";
import { sharedBrowser } from "../helpers/shared.js";

describeInBrowser("the dev server", () => {
  let dir: string;
  let server: RunningDevServer;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    dir = await copyFixture("small-book");
    // As `npm start` runs it, in the content's folder, on any free port.
    server = startDevServer(dir, ["--port", "0"]);
    origin = (await servedAt(server)).replace(/\/$/, "");
    browser = await sharedBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    server?.stop();
    await server?.exited;
    await rm(dir, { recursive: true, force: true });
  });

  it("shows a build error on the open page, and reloads when it is fixed", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${origin}/pages/garden-chapter-2/`);
    await page.waitForFunction(() => document.querySelector('script[src^="/.11ty/reload-client.js"]'));
    await page.waitForTimeout(500); // the page's sockets connect

    const file = path.join(dir, "pages/garden-chapter-2.md");
    const good = await readFile(file, "utf8");
    await writeFile(file, good.replace("status: red", "status: blue"));
    const banner = page.locator('.build-error[role="alert"]');
    await expect
      .poll(() => banner.textContent(), { timeout: 20_000 })
      .toContain('pages/garden-chapter-2.md:4:9: status: found "blue". Allowed: green, yellow, orange, red.');

    await writeFile(file, good.replace("title: Water", "title: Water, fixed"));
    await expect.poll(() => page.locator("h1").textContent(), { timeout: 20_000 }).toBe("Water, fixed");
    expect(await page.locator(".build-error").count()).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);
});
