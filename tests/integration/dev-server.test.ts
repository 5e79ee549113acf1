import { access, readFile, rename, rm, unlink, writeFile } from "node:fs/promises";
import { request } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture } from "../helpers/cli.js";
import { freePort, servedAt, startDevServer, type RunningDevServer } from "../helpers/dev-server.js";

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

/** Waits until `check` holds, for up to 20 s. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("timed out");
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
    port = await freePort();
    server = startDevServer(dir, ["--port", String(port)]);
    origin = await servedAt(server);
  });
  afterAll(async () => {
    server?.stop();
    await server?.exited;
    await rm(dir, { recursive: true, force: true });
  });

  it("listens on the port asked for, on 127.0.0.1 only", async () => {
    expect(origin).toBe(`http://127.0.0.1:${port}/`);
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

  it("prints each problem once, and builds again when it is fixed", async () => {
    const file = path.join(dir, "pages/garden-chapter-2.md");
    const good = await readFile(file, "utf8");
    const line = 'pages/garden-chapter-2.md:4:9: status: found "blue". Allowed: green, yellow, orange, red.';
    const before = server.output().length;
    await writeFile(file, good.replace("status: red", "status: blue"));
    await until(async () => server.output().slice(before).includes("problem(s): fix them and save"));
    expect(server.output().slice(before).split(line).length - 1).toBe(1);
    await writeFile(file, good);
    await until(async () => (await get("/pages/garden-chapter-2/")).status === 200 && !server.output().endsWith(line));
  });

  it("builds again when a page is renamed, and when it is deleted", async () => {
    await rename(path.join(dir, "pages/garden-chapter-2.md"), path.join(dir, "pages/garden-water.md"));
    // A rename reaches the watcher as an add and a delete, which a busy machine may build one at a
    // time: the test waits for the site that follows both, new page listed and old one gone.
    await until(async () => {
      const home = await (await get("/pages/garden/")).text();
      if (!home.includes('href="/pages/garden-water/"') || home.includes('href="/pages/garden-chapter-2/"'))
        return false;
      return (await get("/pages/garden-chapter-2/")).status === 404;
    });

    await unlink(path.join(dir, "pages/garden-water.md"));
    await until(async () => !(await (await get("/pages/garden/")).text()).includes('href="/pages/garden-water/"'));
    expect((await get("/pages/garden-water/")).status).toBe(404);
  });
});
