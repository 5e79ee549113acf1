import { load } from "cheerio";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HISTORY, libraryWithHistory } from "../helpers/history-fixture.js";
import { build, type BuiltSite } from "../helpers/site.js";

// tests/fixtures/library committed change by change (tests/helpers/history-fixture.ts).
let site: BuiltSite;
beforeAll(async () => {
  site = await build(await libraryWithHistory());
  expect(site.result.problems).toEqual([]);
});
afterAll(() => site?.dispose());

const day = (iso: string) => iso.slice(0, 10);

describe("what changed, from git", () => {
  it("lists a book's last changes to its chapters under \"What's new\", newest first", async () => {
    const $ = await site.page("/pages/garden/");
    const items = $(".whats-new li")
      .map((_, li) => [[$(li).find("time").attr("datetime"), $(li).text().replace(/\s+/g, " ").trim()]])
      .get();
    expect(items).toEqual([
      [day(HISTORY.added), "April 20, 2026 New chapter: Saving Seeds"],
      [day(HISTORY.retitled), "March 15, 2026 Retitled: Harvest and Store, was “Harvest Time”"],
      [day(HISTORY.changed), "February 10, 2026 Updated: Water Wisely"],
      [day(HISTORY.start), "January 5, 2026 New chapter: Soil First"],
      [day(HISTORY.start), "January 5, 2026 New chapter: Water Wisely"],
      [day(HISTORY.start), "January 5, 2026 New chapter: Harvest and Store"],
    ]);
    expect($(".whats-new li a").first().attr("href")).toBe("/pages/garden-chapter-4/");
    // The other book's list holds its own chapter only.
    const kitchen = await site.page("/pages/kitchen/");
    expect(kitchen(".whats-new li").text().replace(/\s+/g, " ").trim()).toBe(
      "January 5, 2026 New chapter: Soups and Stews",
    );
  });

  it("carries when each chapter last changed on the lists that link it", async () => {
    const $ = await site.page("/pages/garden/");
    const dates = $(".chapter-list a")
      .map((_, a) => [[$(a).attr("href"), $(a).attr("data-updated")]])
      .get();
    expect(dates).toEqual([
      ["/pages/garden-chapter-1/", new Date(HISTORY.start).toISOString()],
      ["/pages/garden-chapter-2/", new Date(HISTORY.changed).toISOString()],
      ["/pages/garden-chapter-3/", new Date(HISTORY.retitled).toISOString()],
      ["/pages/garden-chapter-4/", new Date(HISTORY.added).toISOString()],
    ]);
    const chapter = await site.page("/pages/garden-chapter-2/");
    expect(chapter("#sidebar a[data-updated]").length).toBe(4);
    expect(chapter("article").attr("data-updated")).toBe(new Date(HISTORY.changed).toISOString());
    expect(chapter(".changed-note").attr("hidden")).toBeDefined();
    expect(chapter(".changed-note time").attr("datetime")).toBe(day(HISTORY.changed));
  });

  it("gives the feed the same changes, newest first, each with its date", async () => {
    const $ = load(await readFile(path.join(site.output, "feed.xml"), "utf8"), { xml: true });
    const entries = $("entry")
      .map((_, entry) => [
        [
          $(entry).children("title").text(),
          $(entry).children("updated").text(),
          new URL($(entry).children("link").attr("href")!).pathname,
        ],
      ])
      .get();
    const atom = (iso: string) => iso.replace(/\.\d+Z$/, "Z");
    expect(entries).toEqual([
      ["New chapter: Saving Seeds · Growing a Garden", atom(HISTORY.added), "/pages/garden-chapter-4/"],
      ["Retitled: Harvest and Store · Growing a Garden", atom(HISTORY.retitled), "/pages/garden-chapter-3/"],
      ["Updated: Water Wisely · Growing a Garden", atom(HISTORY.changed), "/pages/garden-chapter-2/"],
      ["New chapter: Soil First · Growing a Garden", atom(HISTORY.start), "/pages/garden-chapter-1/"],
      ["New chapter: Water Wisely · Growing a Garden", atom(HISTORY.start), "/pages/garden-chapter-2/"],
      ["New chapter: Harvest and Store · Growing a Garden", atom(HISTORY.start), "/pages/garden-chapter-3/"],
      ["New chapter: Soups and Stews · Cooking the Harvest", atom(HISTORY.start), "/pages/kitchen-chapter-1/"],
    ]);
    expect($("feed > updated").text()).toBe(atom(HISTORY.added));
    const retitled = $("entry").eq(1);
    expect(retitled.children("summary").text()).toMatch(/^Was “Harvest Time”\. /);
    // Each change is an entry of its own: ids differ, even for one chapter.
    const ids = $("entry > id")
      .map((_, id) => $(id).text())
      .get();
    expect(new Set(ids).size).toBe(ids.length);
  });
});
