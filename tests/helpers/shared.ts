// The test files' side of tests/helpers/shared-services.ts: one built site per name and one
// Chromium for the whole run, whichever file asks first, instead of a build and a browser per file.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { load, type CheerioAPI } from "cheerio";
import { chromium, type Browser } from "playwright-core";
import { inject } from "vitest";
import type { ServedSite, SharedBrowserInfo } from "./shared-services.js";
import { fileForUrl } from "./urls.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where tests/global-setup.ts's shared services answer. */
    sharedServices: string;
  }
}

/**
 * A site built once for the whole test run and served over HTTP. Read it, never change it: other
 * test files read the same files at the same time.
 */
export interface SharedSite {
  /** "repository", or the fixture's folder name under tests/fixtures/. */
  name: string;
  /** The built `_site/` folder. */
  output: string;
  /** Where it is served, like http://127.0.0.1:40123. */
  origin: string;
  /** Absolute URL of a path on the site. */
  url(pathname: string): string;
  /** The built page at a URL, parsed. */
  page(url: string): Promise<CheerioAPI>;
  /** A built file's text, by its path in `_site/`. */
  text(file: string): Promise<string>;
}

async function ask<T>(what: string): Promise<T> {
  const response = await fetch(`${inject("sharedServices")}${what}`);
  if (!response.ok) throw new Error(await response.text());
  return (await response.json()) as T;
}

/**
 * The shared build of a site: `"repository"` for the repository's own content (assert only what
 * holds whatever the content is), or the name of a fixture under tests/fixtures/ (assert anything).
 * Built on first use, with `npm run build`'s code; later calls, from any file, get the same build.
 */
export async function sharedSite(name: string): Promise<SharedSite> {
  const { output, origin } = await ask<ServedSite>(`/site?name=${encodeURIComponent(name)}`);
  const text = (file: string) => readFile(path.join(output, file), "utf8");
  return {
    name,
    output,
    origin,
    url: (pathname) => new URL(pathname, origin).href,
    page: async (url) => load(await text(fileForUrl(url))),
    text,
  };
}

/**
 * A connection to the run's one Chromium, launched on first use. Close it when done: that closes
 * this connection and its contexts, not the browser.
 */
export async function sharedBrowser(): Promise<Browser> {
  const { wsEndpoint } = await ask<SharedBrowserInfo>("/browser");
  return chromium.connect(wsEndpoint);
}
