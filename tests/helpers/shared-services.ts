// Runs in vitest's main process (see tests/global-setup.ts): builds each shared site once, serves it,
// and keeps one Chromium that every test file connects to. Nothing starts until a test asks for it,
// so a run of unit tests alone builds nothing and launches no browser.
import { execFile } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { chromium, type BrowserServer } from "playwright-core";
import { CHROMIUM_ARGS, findChromium, missingChromiumMessage, prepareChromium } from "./find-chromium.js";
import { serve } from "./serve.js";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** What the repository's own content is made of: copied for the "repository" site. */
const CONTENT_ENTRIES = ["index.md", "pages", "images"];

/** A built site being served: where its files are and where it answers. */
export interface ServedSite {
  output: string;
  origin: string;
}

/** The shared browser: where test files connect to it. */
export interface SharedBrowserInfo {
  wsEndpoint: string;
  /** Where the Chromium came from and its version, for messages. */
  description: string;
}

/** The services, and the URL test workers ask them at. */
export interface SharedServices {
  url: string;
  close(): Promise<void>;
}

/** Starts the services' small HTTP server on a free port of 127.0.0.1. */
export async function startSharedServices(): Promise<SharedServices> {
  const sites = new Map<string, Promise<ServedSite & { dir: string; server: Server }>>();
  let browser: Promise<{ server: BrowserServer; description: string }> | undefined;

  const site = (name: string) => {
    let started = sites.get(name);
    if (!started) {
      started = buildAndServe(name);
      sites.set(name, started);
    }
    return started;
  };
  const sharedBrowser = () => (browser ??= launchBrowser());

  const control = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    try {
      let body: ServedSite | SharedBrowserInfo;
      if (url.pathname === "/site") {
        const { output, origin } = await site(url.searchParams.get("name") ?? "");
        body = { output, origin };
      } else if (url.pathname === "/browser") {
        const { server, description } = await sharedBrowser();
        body = { wsEndpoint: server.wsEndpoint(), description };
      } else {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    } catch (error) {
      response
        .writeHead(500, { "content-type": "text/plain" })
        .end(error instanceof Error ? error.message : String(error));
    }
  });
  await new Promise<void>((resolve, reject) => {
    control.once("error", reject);
    control.listen(0, "127.0.0.1", () => resolve());
  });

  return {
    url: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
    close: async () => {
      await new Promise<void>((resolve) => control.close(() => resolve()));
      const launched = await browser?.catch(() => undefined);
      await launched?.server.close();
      for (const started of sites.values()) {
        const served = await started.catch(() => undefined);
        if (!served) continue;
        await new Promise<void>((resolve) => served.server.close(() => resolve()));
        await rm(served.dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Copies a site's content into a temporary folder, builds it as `npm run build` does and serves
 * its `_site/`. "repository" is the repository's own content; any other name is a fixture under
 * tests/fixtures/.
 */
async function buildAndServe(name: string): Promise<ServedSite & { dir: string; server: Server }> {
  if (name !== "repository" && !/^[a-z0-9-]+$/.test(name)) throw new Error(`"${name}" is not a fixture name.`);
  const dir = await mkdtemp(path.join(tmpdir(), `minibooks-shared-${name}-`));
  try {
    if (name === "repository") {
      for (const entry of CONTENT_ENTRIES)
        await cp(path.join(REPO_ROOT, entry), path.join(dir, entry), { recursive: true });
    } else {
      await cp(path.join(REPO_ROOT, "tests/fixtures", name), dir, { recursive: true });
    }
    // As `npm run build` runs it: the compiled command, not the TypeScript through a loader.
    await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, "bin/minibooks.js"), "build"], {
      cwd: dir,
      env: { ...process.env, GITHUB_ACTIONS: "" },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stderr?: string; message: string }) => {
      throw new Error(`The shared site "${name}" did not build:\n${error.stderr || error.message}`);
    });
    const output = path.join(dir, "_site");
    const server = await serve(output);
    return { dir, output, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Launches the one Chromium every browser test file connects to. */
async function launchBrowser(): Promise<{ server: BrowserServer; description: string }> {
  const found = findChromium();
  if (!found) throw new Error(missingChromiumMessage());
  const chromiumToLaunch = await prepareChromium(found);
  const server = await chromium.launchServer({
    executablePath: chromiumToLaunch.executablePath,
    args: CHROMIUM_ARGS,
    env: chromiumToLaunch.env,
  });
  const description = `Chromium from ${found.source} (${chromiumToLaunch.executablePath})`;
  console.log(`Browser tests use ${description}.`);
  return { server, description };
}
