import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { CHROMIUM_ARGS, findChromium, missingChromiumMessage } from "./find-chromium.js";
import { sharedBrowser, sharedSite, type SharedSite } from "./shared.js";

/** Flags for a quiet headless Chromium that never reaches the network on its own. */
export { CHROMIUM_ARGS };

/** The two screen sizes the site is checked at. */
export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;

/** Light and dark, as `emulateMedia({ colorScheme })` takes them. */
export const COLOR_SCHEMES = ["light", "dark"] as const;
export type ColorScheme = (typeof COLOR_SCHEMES)[number];

/**
 * `describe` for tests that need Chromium (found as tests/helpers/find-chromium.ts says). Without
 * one they are skipped with a message on a developer's machine, and fail with the same message in
 * CI, where a skip would hide a gap.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (findChromium()) {
    describe(name, body);
    return;
  }
  const message = missingChromiumMessage();
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

/** A shared built site, served over HTTP, and a connection to the shared Chromium to look at it with. */
export interface BrowserSite {
  site: SharedSite;
  /** The connection to the shared Chromium, for tests that open pages of their own. */
  browser: Browser;
  /** Absolute URL of a path on the site. */
  url(pathname: string): string;
  /** Opens a path in a fresh browser context (its own storage), recording errors and CSP violations. */
  open(pathname: string, options?: OpenOptions): Promise<OpenedPage>;
  /** Closes this file's connection to the browser (the browser and the site stay, for other files). */
  close(): Promise<void>;
}

/**
 * The browser site for the tests of the enclosing `describe`: connected before them, closed after.
 * `site` is "repository" (the repository's own content: assert only what holds whatever it says)
 * or a fixture under tests/fixtures/ (assert titles, counts and positions freely). The site is built
 * and the browser launched once for the whole run (tests/helpers/shared.ts). Call it inside
 * `describeInBrowser`, so nothing starts where Chromium is missing.
 */
export function useBrowserSite(site = "repository"): BrowserSite {
  let current: BrowserSite | undefined;
  beforeAll(async () => {
    current = await startBrowserSite(site);
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
    get browser() {
      return started().browser;
    },
    url: (pathname) => started().url(pathname),
    open: (pathname, options) => started().open(pathname, options),
    close: () => started().close(),
  };
}

/** Connects to the shared Chromium and the shared build of a site (see `useBrowserSite`). */
export async function startBrowserSite(name = "repository"): Promise<BrowserSite> {
  const [site, browser] = await Promise.all([sharedSite(name), sharedBrowser()]);
  return {
    site,
    browser,
    url: site.url,
    open: async (pathname, options = {}) => {
      const opened = await newPage(browser, options);
      await opened.page.goto(site.url(pathname));
      return opened;
    },
    close: () => browser.close(),
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
  // axe.run in the page itself: the site's pages hold no frames, so the default's per-frame runs
  // joined in a blank page of their own would check the same rules at twice the cost.
  const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.split("\n").join(" ")}`).join("\n"),
  );
}

/** How wide the page is against its window, and the first elements that stick out on the right. */
export async function scrollsSideways(
  page: Page,
): Promise<{ scrollWidth: number; innerWidth: number; widest: string[] }> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    // Names the elements that stick out, so a failure says where to look.
    const widest = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5)
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className ? `.${String(el.className).split(" ").join(".")}` : ""}`,
      );
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, widest };
  });
}
