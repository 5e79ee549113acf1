import { access, readFile, rename, rm, unlink, writeFile } from "node:fs/promises";
import { request } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture } from "../helpers/cli.js";
import { servedAt, startDevServer, type RunningDevServer } from "../helpers/dev-server.js";

/** The status of a GET, with the path sent exactly as written (no `..` resolved by the client). */
function status(host: string, port: number, rawPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: rawPath, method: "GET" }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

/**
 * Waits until `check` holds, for up to `seconds` by the clock however long each look takes; then
 * fails, naming what it waited for and what the server printed.
 */
async function until(
  what: string,
  server: RunningDevServer,
  check: () => Promise<boolean>,
  seconds = 60,
): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Waited ${seconds} s for ${what}. The server printed:\n${server.output().slice(-3000)}`);
}

describe("npm start", () => {
  let dir: string;
  let server: RunningDevServer;
  let port: number;
  let origin: string;
  const get = (url: string) => fetch(new URL(url, origin));

  beforeAll(async () => {
    dir = await copyFixture("small-book");
    // Chapter 1 links to chapter 2; without the link, chapter 2 can be renamed and deleted.
    const first = path.join(dir, "pages/garden-chapter-1.md");
    await writeFile(first, (await readFile(first, "utf8")).replace(/See \[watering\].*/, "Water well."));
    server = startDevServer(dir, ["--port", "0"]);
    origin = await servedAt(server);
    port = Number(new URL(origin).port);
  });
  afterAll(async () => {
    server?.stop();
    await server?.exited;
    await rm(dir, { recursive: true, force: true });
  });

  it("listens on 127.0.0.1 only, on the free port it names when asked for port 0", async () => {
    expect(origin).toBe(`http://127.0.0.1:${port}/`);
    expect(port).toBeGreaterThan(0);
    expect(await status("127.0.0.1", port, "/")).toBe(200);
    // Another address of this machine: a server on every interface would answer there too.
    await expect(status("127.0.0.2", port, "/")).rejects.toThrow(/ECONNREFUSED/);
  });

  it("says plainly that a port is busy", async () => {
    const second = startDevServer(dir, ["--port", String(port)]);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(
      `Port ${port} on 127.0.0.1 is already in use, perhaps by another npm start. ` +
        `Stop that program, or choose another port: npm start -- --port ${port + 1}`,
    );
  });

  it("explains a port that is not a number", async () => {
    const wrong = startDevServer(dir, ["--port", "eighty"]);
    expect(await wrong.exited).toBe(2);
    expect(wrong.output()).toContain('--port must be a number from 0 to 65535, not "eighty".');
    expect(wrong.output()).toContain("Usage: npm start -- [--port <number>] [--host <address>]");
  });

  it("gives each server asked for port 0 a port of its own", async () => {
    const other = await copyFixture("small-book");
    const second = startDevServer(other, ["--port", "0"]);
    try {
      const address = await servedAt(second);
      expect(address).not.toBe(origin);
      expect((await fetch(address)).status).toBe(200);
      expect((await get("/")).status).toBe(200);
    } finally {
      second.stop();
      await second.exited;
      await rm(other, { recursive: true, force: true });
    }
  });

  it("writes to its own folder, never to _site/", async () => {
    await access(path.join(dir, ".cache/dev-site/index.html"));
    await expect(access(path.join(dir, "_site"))).rejects.toThrow();
  });

  it("serves only the files of the site it built", async () => {
    expect(await status("127.0.0.1", port, "/images/soil.png")).toBe(200);
    expect(await status("127.0.0.1", port, "/index.md")).toBe(404);
    expect(await status("127.0.0.1", port, "/images/%2e%2e/%2e%2e/index.md")).not.toBe(200);
    expect(await status("127.0.0.1", port, "/../../index.md")).not.toBe(200);
  });

  it("refuses a path that climbs out of the site with an encoded slash, and keeps serving", async () => {
    expect(await status("127.0.0.1", port, "/..%2fx")).toBe(400);
    expect(await status("127.0.0.1", port, "/images/..%2f..%2findex.md")).toBe(400);
    expect(await status("127.0.0.1", port, "/images/soil.png")).toBe(200);
  });

  it("prints each problem once, and builds again when it is fixed", { timeout: 150_000 }, async () => {
    const file = path.join(dir, "pages/garden-chapter-2.md");
    const good = await readFile(file, "utf8");
    const line = 'pages/garden-chapter-2.md:4:9: status: found "blue". Allowed: green, yellow, orange, red.';
    const before = server.output().length;
    await writeFile(file, good.replace("status: red", "status: blue"));
    await until("the problem to be printed", server, async () =>
      server.output().slice(before).includes("problem(s): fix them and save"),
    );
    expect(server.output().slice(before).split(line).length - 1).toBe(1);
    // Fixed with another allowed status than before, so that the page shows when the fix is built.
    await writeFile(file, good.replace("status: red", "status: orange"));
    await until("the fixed page", server, async () =>
      (await (await get("/pages/garden-chapter-2/")).text()).includes("status--orange"),
    );
  });

  it("builds again when a page is renamed, and when it is deleted", async () => {
    await rename(path.join(dir, "pages/garden-chapter-2.md"), path.join(dir, "pages/garden-water.md"));
    // A rename reaches the watcher as an add and a delete, which may be built one at a time (the
    // delete while the add builds): the test waits for the site that follows both, by the clock.
    await until("the renamed page listed, and the old one gone", server, async () => {
      const home = await (await get("/pages/garden/")).text();
      if (!home.includes('href="/pages/garden-water/"') || home.includes('href="/pages/garden-chapter-2/"'))
        return false;
      return (await get("/pages/garden-chapter-2/")).status === 404;
    });

    await unlink(path.join(dir, "pages/garden-water.md"));
    await until(
      "the deleted page gone from its book",
      server,
      async () => !(await (await get("/pages/garden/")).text()).includes('href="/pages/garden-water/"'),
    );
    expect((await get("/pages/garden-water/")).status).toBe(404);
  }, 150_000);
});
