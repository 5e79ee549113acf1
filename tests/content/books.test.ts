import { readFileSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/repo.js";
import { libraryProblems } from "../helpers/library-invariants.js";
import { REPOSITORY_BOOKS, timeForContent } from "../helpers/repository-content.js";
import { sharedSite, type SharedSite } from "../helpers/shared.js";

// The repository's own books change with every content pull request: these tests assert only what
// must hold whatever they say. Titles, counts and positions are tested on tests/fixtures/library/.

let site: SharedSite;
beforeAll(
  async () => {
    site = await sharedSite("repository");
  },
  timeForContent(120_000, 1_000),
);

describe("the repository's library, built", () => {
  it("has at least one book with chapters", () => {
    expect(REPOSITORY_BOOKS.some((book) => book.chapters.length > 0)).toBe(true);
  });

  it(
    "lists every book; each book lists every chapter in order, reachable by Next from the first, Previous mirroring it, 'Chapter X of Y' counting them, and nothing links nowhere",
    async () => {
      const problems = await libraryProblems(site, REPO_ROOT);
      expect(problems, problems.join("\n")).toEqual([]);
    },
    timeForContent(30_000, 500),
  );

  it("writes a 404 page that links home", async () => {
    const $ = await site.page("/404.html");
    expect($("h1").text()).toBe("Page not found");
    expect($('main a[href="/"]')).toHaveLength(1);
  });
});

describe("every chapter shows its title and description from its front matter", () => {
  for (const url of REPOSITORY_BOOKS.flatMap((book) => book.chapters)) {
    it(url, async () => {
      const data = matter(readFileSync(path.join(REPO_ROOT, `${url.slice(1, -1)}.md`), "utf8")).data;
      const $ = await site.page(url);
      expect($("h1").text()).toBe(String(data.title));
      expect($(".lede").text()).toBe(String(data.description));
    });
  }
});
