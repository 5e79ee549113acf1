import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bookPlaces } from "../../src/book/aliases.js";
import { servedFile } from "../../src/book/library.js";
import { siteOwnUrl } from "../../src/book/site-urls.js";
import { loadContent } from "../../src/content/load.js";
import { REPO_ROOT } from "../../src/site/build.js";
import { sharedSite } from "../helpers/shared.js";

describe("the URLs the site writes for itself", () => {
  it("are every file of a built site that is not a page: none of them can be taken by an alias", async () => {
    const site = await sharedSite("small-book");
    const { facts } = await loadContent(path.join(REPO_ROOT, "tests/fixtures/small-book"));
    const pages = new Set(facts.pages.map((page) => servedFile(page.url)));
    const books = bookPlaces(facts.pages);
    const entries = await readdir(site.output, { recursive: true, withFileTypes: true });
    const written = entries
      .filter((entry) => entry.isFile())
      .map(
        (entry) => `/${path.relative(site.output, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")}`,
      );
    // The fixture has what every kind of output needs: a book with chapters, pictures, a header image.
    expect(written).toEqual(
      expect.arrayContaining(["/pages/garden/print/index.html", "/pages/garden/garden.epub", "/feed.xml", "/404.html"]),
    );
    expect(written.some((file) => file.startsWith("/img/"))).toBe(true);
    expect(written.some((file) => file.startsWith("/pagefind/"))).toBe(true);
    const unclaimed = written.filter((file) => !pages.has(file) && siteOwnUrl(file, books) === undefined);
    expect(unclaimed).toEqual([]);
  });
});
