import { spawn, type ChildProcess } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/site/build.js";
import { copyFixture } from "../helpers/cli.js";
import { describeInBrowser } from "../helpers/browser.js";
import { sharedBrowser } from "../helpers/shared.js";

/** A port nobody is listening on. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the dev server answers at a URL. */
async function ready(url: string): Promise<void> {
  for (let tries = 0; tries < 300; tries++) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The dev server did not answer at ${url}`);
}

describeInBrowser("the dev server", () => {
  let dir: string;
  let server: ChildProcess;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    dir = await copyFixture("small-book");
    const port = await freePort();
    origin = `http://localhost:${port}`;
    // As `npm start` runs it, in the content's folder.
    server = spawn(
      path.join(REPO_ROOT, "node_modules/.bin/tsx"),
      [path.join(REPO_ROOT, "node_modules/@11ty/eleventy/cmd.cjs"), `--config=${path.join(REPO_ROOT, ".eleventy.ts")}`,
        "--serve", `--port=${port}`, `--input=${dir}`],
      { cwd: dir, detached: true, stdio: "ignore" },
    );
    await ready(`${origin}/pages/garden-chapter-2/`);
    browser = await sharedBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    if (server?.pid) process.kill(-server.pid);
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
    await expect.poll(() => banner.textContent(), { timeout: 20_000 }).toContain(
      'pages/garden-chapter-2.md:4: status: found "blue". Allowed: green, yellow, orange, red.',
    );

    await writeFile(file, good.replace("title: Water", "title: Water, fixed"));
    await expect.poll(() => page.locator("h1").textContent(), { timeout: 20_000 }).toBe("Water, fixed");
    expect(await page.locator(".build-error").count()).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);
});
