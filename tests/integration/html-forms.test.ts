import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { copyFixture } from "../helpers/cli.js";
import { describeWithEpubcheck, epubcheck, openEpub } from "../helpers/epub.js";
import { build, type BuiltSite } from "../helpers/site.js";

/**
 * The html-forms fixture's chapter holds every element of the raw HTML allow-list and every form of
 * value the check lets through for the attributes HTML defines (dates, languages, numbers, keywords,
 * ids): none is a problem, and the book made of it is a valid EPUB.
 */
describeWithEpubcheck("raw HTML in every form the check allows", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await build(await copyFixture("html-forms"));
  }, 120_000);
  afterAll(() => site?.dispose());

  it("is no problem for the check", () => {
    expect(site.result.problems).toEqual([]);
  });

  it("makes an EPUB in which EPUBCheck finds no error and no warning", async () => {
    const file = path.join(site.output, "pages/forms/forms.epub");
    const chapter = (await openEpub(file)).text("EPUB/forms-chapter-1.xhtml");
    for (const kept of ['datetime="2026-W53"', 'lang="zh-Hant-TW"', 'scope="rowgroup"', 'id="caf%C3%A9"', "<summary>"])
      expect(chapter).toContain(kept);
    const report = await epubcheck(file);
    expect(report.messages).toEqual([]);
    expect(report).toMatchObject({ fatals: 0, errors: 0, warnings: 0 });
  }, 120_000);
});
