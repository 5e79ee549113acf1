import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture } from "../helpers/cli.js";
import { build, type BuiltSite } from "../helpers/site.js";

/** A chapter with the raw HTML pages may use, its links written with every kind of quoting. */
const CHAPTER = [
  "---",
  "title: Beds",
  "description: Raw HTML that is allowed.",
  "book: garden",
  "chapter: 3",
  "---",
  "",
  "<p>See <a href='./garden-chapter-1.md'>soil</a>, <a href=./garden-chapter-2.md#how-much>water</a>",
  'and <a href="/pages/garden/" title="The &quot;book&quot;">the book</a>.</p>',
  "",
  '<figure><img src="../images/bed.svg" alt="A raised bed" width="10"><figcaption>A bed</figcaption></figure>',
  "",
  "<details><summary>More</summary>",
  "",
  "A [café link](./garden-chapter-1.md#testing-soil) inside.",
  "",
  "</details>",
  "",
  "## Main",
  "",
  "### Toc heading",
  "",
  "```c++",
  "int main();",
  "```",
].join("\n");

let site: BuiltSite;
beforeAll(async () => {
  const content = await copyFixture("small-book");
  await writeFile(path.join(content, "pages/garden-chapter-3.md"), CHAPTER);
  site = await build(content);
});
afterAll(() => site?.dispose());

describe("raw HTML that is allowed", () => {
  it("builds", () => {
    expect(site.result).toEqual({ ok: true, problems: [] });
  });

  it("has its links resolved like Markdown links, whatever their quoting", async () => {
    const $ = await site.page("/pages/garden-chapter-3/");
    const hrefs = $(".content a")
      .map((_, a) => $(a).attr("href"))
      .get();
    expect(hrefs).toEqual(
      expect.arrayContaining(["/pages/garden-chapter-1/", "/pages/garden-chapter-2/#how-much", "/pages/garden/"]),
    );
    expect($('.content a[href="/pages/garden/"]').attr("title")).toBe('The "book"');
    expect($(".content figure img").attr("src")).toBe("/images/bed.svg");
    expect($(".content details a").attr("href")).toBe("/pages/garden-chapter-1/#testing-soil");
  });

  it("gives headings ids the layout does not use, as it would a repeated heading", async () => {
    const $ = await site.page("/pages/garden-chapter-3/");
    expect($("h2:contains('Main')").attr("id")).toBe("main-1");
    expect($("h3:contains('Toc heading')").attr("id")).toBe("toc-heading-1");
    for (const id of ["main", "toc-heading"]) expect($(`[id="${id}"]`)).toHaveLength(1);
  });

  it("writes a code block's language as its class", async () => {
    const $ = await site.page("/pages/garden-chapter-3/");
    expect($(".content pre").attr("class")).toBe("language-c++");
  });
});
