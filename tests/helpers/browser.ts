import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { build, copyContent, type BuiltSite } from "./site.js";

/** Where the browser tests find Chromium; CHROMIUM_PATH overrides the Debian package's path. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags for a quiet headless Chromium that never reaches the network on its own. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The two screen sizes the site is checked at. */
export const VIEWPORTS = {
  phone: { width: 375, height: 812 },
  desktop: { width: 1280, height: 800 },
} as const;

/** The pages every check walks: home, a book home, a chapter, the print page and the 404 page. */
export const KEY_PAGES = ["/", "/pages/okr/", "/pages/okr-chapter-2/", "/pages/okr/print/", "/404.html"] as const;

/** Light and dark, as `emulateMedia({ colorScheme })` takes them. */
export const COLOR_SCHEMES = ["light", "dark"] as const;
export type ColorScheme = (typeof COLOR_SCHEMES)[number];

/**
 * `describe` for tests that need Chromium. Without it they are skipped with a message on a
 * developer's machine, and fail with the same message in CI, where a skip would hide a gap.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM_PATH)) {
    describe(name, body);
    return;
  }
  const message =
    `Chromium is not at ${CHROMIUM_PATH}: install it (apt-get install chromium) ` +
    `or point CHROMIUM_PATH at a Chromium binary to run the browser tests.`;
  if (process.env.CI) {
    describe(name, () => {
      it("needs Chromium", () => {
        throw new Error(message);
      });
    });
  } else {
    console.warn(`Skipping "${name}": ${message}`);
    describe.skip(name, body);
  }
}

/** What went wrong on a page while a test used it. */
export interface PageProblems {
  /** Console messages of type error, and uncaught exceptions. */
  errors: string[];
  /** Content Security Policy violations, as `directive: blocked URI`. */
  csp: string[];
}

/** A browser page with everything it reported. */
export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  problems: PageProblems;
}

/** How to open a page. */
export interface OpenOptions {
  colorScheme?: ColorScheme;
  viewport?: { width: number; height: number };
  /** false opens the page as a reader without JavaScript would see it. */
  javaScriptEnabled?: boolean;
}

/** The built site, served over HTTP, and a Chromium to look at it with. */
export interface BrowserSite {
  site: BuiltSite;
  /** Absolute URL of a path on the site. */
  url(pathname: string): string;
  /** Opens a path in a fresh browser context (its own storage), recording errors and CSP violations. */
  open(pathname: string, options?: OpenOptions): Promise<OpenedPage>;
  /** Closes the browser and the server and removes the built site. */
  close(): Promise<void>;
}

/**
 * The browser site for the tests of the enclosing `describe`: started before them, closed after.
 * Call it inside `describeInBrowser`, so nothing starts where Chromium is missing.
 */
export function useBrowserSite(): BrowserSite {
  let current: BrowserSite | undefined;
  beforeAll(async () => {
    current = await startBrowserSite();
  });
  afterAll(() => current?.close());
  const started = () => {
    if (!current) throw new Error("The browser site has not started: call useBrowserSite() inside a describe block.");
    return current;
  };
  return {
    get site() {
      return started().site;
    },
    url: (pathname) => started().url(pathname),
    open: (pathname, options) => started().open(pathname, options),
    close: () => started().close(),
  };
}

/** Builds the repository's content into a temporary folder, serves it and launches Chromium. */
export async function startBrowserSite(): Promise<BrowserSite> {
  const site = await build(await copyContent());
  if (!site.result.ok) {
    await site.dispose();
    throw new Error(`The site did not build:\n${site.result.problems.map((p) => JSON.stringify(p)).join("\n")}`);
  }
  const server = await serve(site.output);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const url = (pathname: string) => new URL(pathname, origin).href;

  return {
    site,
    url,
    open: async (pathname, options = {}) => {
      const opened = await newPage(browser, options);
      await opened.page.goto(url(pathname));
      return opened;
    },
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await site.dispose();
    },
  };
}

/** A fresh context and page that record console errors, uncaught exceptions and CSP violations. */
async function newPage(browser: Browser, options: OpenOptions): Promise<OpenedPage> {
  const { colorScheme = "light", viewport = VIEWPORTS.desktop, javaScriptEnabled = true } = options;
  const context = await browser.newContext({ colorScheme, viewport, javaScriptEnabled });
  const problems: PageProblems = { errors: [], csp: [] };
  // The binding outlives navigations, so violations on every page the test visits are kept.
  await context.exposeBinding("__reportCspViolation", (_source, text: string) => {
    problems.csp.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      report(`${event.violatedDirective}: ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") {
      const where = message.location();
      problems.errors.push(`${message.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ""}`);
    }
  });
  page.on("pageerror", (error) => problems.errors.push(`Uncaught: ${error.message}`));
  return { page, context, problems };
}

/** axe-core's violations on the page as it is now, one line per rule and one per element, ready to print. */
export async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.split("\n").join(" ")}`).join("\n"),
  );
}

/** How wide the page is against its window, and the first elements that stick out on the right. */
export async function scrollsSideways(page: Page): Promise<{ scrollWidth: number; innerWidth: number; widest: string[] }> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    // Names the elements that stick out, so a failure says where to look.
    const widest = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className ? `.${String(el.className).split(" ").join(".")}` : ""}`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, widest };
  });
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
};

/** Serves a folder as a static host would: `/dir/` is `/dir/index.html`, and misses get 404.html with status 404. */
function serve(root: string): Promise<Server> {
  const server = createServer(async (request, response) => {
    const send = (status: number, body: Buffer | string, type: string) => {
      response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      response.end(request.method === "HEAD" ? undefined : body);
    };
    try {
      const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
      const file = path.join(root, pathname);
      if (!file.startsWith(root + path.sep) && file !== root) return send(403, "Forbidden", "text/plain");
      const info = await stat(file).catch(() => undefined);
      if (info?.isDirectory()) {
        if (!pathname.endsWith("/")) {
          response.writeHead(301, { location: `${pathname}/` });
          return response.end();
        }
        const index = path.join(file, "index.html");
        if (existsSync(index)) return send(200, await readFile(index), CONTENT_TYPES[".html"]);
      } else if (info?.isFile()) {
        const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
        return send(200, await readFile(file), type);
      }
      const notFound = path.join(root, "404.html");
      send(404, existsSync(notFound) ? await readFile(notFound) : "Not found", CONTENT_TYPES[".html"]);
    } catch (error) {
      send(500, String(error), "text/plain");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}
