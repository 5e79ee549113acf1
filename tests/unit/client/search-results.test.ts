import { describe, expect, it } from "vitest";
import {
  bestSection,
  closestWord,
  correctedQuery,
  editDistance,
  excerptParts,
  holdsWord,
  missingWords,
  queryWords,
  rankResults,
  searchStatus,
  toLoad,
  type ResultData,
} from "../../../src/client/search-results.js";

/** A loaded result with a title and text. */
const result = (url: string, title: string, content: string): ResultData => ({
  url,
  excerpt: "",
  content,
  meta: { title },
});

describe("the words of a query", () => {
  it("are its runs of letters, lower-cased, letters outside ASCII included", () => {
    expect(queryWords("OKRs for Infra-teams, 2026!")).toEqual(["okrs", "for", "infra", "teams"]);
    expect(queryWords("Café")).toEqual(["café"]);
    expect(queryWords("42 -- !")).toEqual([]);
  });
});

describe("a result holding a word", () => {
  const review = result("/pages/a/", "Quarterly reviews", "We review the key results.");

  it("holds it whole in its title or its text", () => {
    expect(holdsWord(review, "review")).toBe(true);
    expect(holdsWord(review, "key")).toBe(true);
    expect(holdsWord(review, "quarterly")).toBe(true);
  });

  it("does not hold a word that only begins a longer one", () => {
    expect(holdsWord(review, "result")).toBe(false);
    expect(holdsWord(review, "quarter")).toBe(false);
  });
});

describe("the results listed", () => {
  it("put those holding every word whole first, in Pagefind's order, then the others", () => {
    const grow = result("/pages/grow/", "Growth", "Results grow.");
    const one = result("/pages/one/", "One", "The result.");
    const two = result("/pages/two/", "Two", "A result again.");
    expect(rankResults([grow, one, two], "result").map((r) => r.url)).toEqual([
      "/pages/one/",
      "/pages/two/",
      "/pages/grow/",
    ]);
    // Words of one letter decide nothing.
    expect(rankResults([grow, one], "a result").map((r) => r.url)).toEqual(["/pages/one/", "/pages/grow/"]);
  });

  it("are eight at most, chosen from the first sixteen loaded", () => {
    const many = Array.from({ length: 20 }, (_, i) => result(`/pages/${i}/`, `Page ${i}`, "text"));
    expect(toLoad(many)).toHaveLength(16);
    expect(rankResults(toLoad(many), "text").map((r) => r.url)).toEqual(
      Array.from({ length: 8 }, (_, i) => `/pages/${i}/`),
    );
  });
});

describe("misspelt words", () => {
  it("are the words of five letters or more that no listed result holds whole", () => {
    const listed = [result("/pages/a/", "OKRs", "Infrastructure teams.")];
    expect(missingWords("infrastucture OKRs tems", listed)).toEqual(["infrastucture"]);
    expect(missingWords("infrastructure", listed)).toEqual([]);
    expect(missingWords("infrastucture", [])).toEqual(["infrastucture"]);
  });

  it("are corrected to the nearest word of the vocabulary one or two edits away, the most frequent of equals", () => {
    expect(closestWord("infrastucture", ["team", "infrastructure", "structure"])).toBe("infrastructure");
    expect(closestWord("tesm", ["team", "test"])).toBe("team");
    expect(closestWord("quarterley", ["quarterly"])).toBe("quarterly");
    expect(closestWord("abcdefgh", ["zzzzzzzz"])).toBeUndefined();
  });

  it("are left as they are when the vocabulary has the word itself", () => {
    expect(closestWord("word", ["ward", "word"])).toBeUndefined();
  });

  it("make a corrected query of the query's words, or none when no word has a correction", () => {
    expect(correctedQuery("Infrastucture OKRs", ["infrastucture"], ["infrastructure", "okrs"])).toBe(
      "infrastructure okrs",
    );
    expect(correctedQuery("zzzzzzz", ["zzzzzzz"], ["infrastructure"])).toBeUndefined();
  });
});

describe("the edit distance between two words", () => {
  it("counts inserts, deletes, changes and a swap of neighbours as one edit each", () => {
    expect(editDistance("same", "same", 2)).toBe(0);
    expect(editDistance("abc", "acb", 2)).toBe(1);
    expect(editDistance("team", "tea", 2)).toBe(1);
    expect(editDistance("kitten", "sitting", 3)).toBe(3);
  });

  it("stops at one more than the limit as soon as it is sure to pass it", () => {
    expect(editDistance("abc", "abcdef", 2)).toBe(3);
    expect(editDistance("kitten", "sitting", 1)).toBe(2);
  });
});

describe("the section a result leads to", () => {
  const sub = (url: string, id: string | undefined, scores: number[], locations: number[] = []) => ({
    url,
    title: id ?? "top",
    excerpt: "",
    anchor: id ? { id } : undefined,
    weighted_locations: scores.map((balanced_score) => ({ balanced_score })),
    locations,
  });

  it("is the section with a heading of its own where the words weigh most", () => {
    const page: ResultData = {
      url: "/pages/a/",
      excerpt: "",
      meta: {},
      sub_results: [
        sub("/pages/a/", undefined, [9]),
        sub("/pages/a/#one", "one", [2]),
        sub("/pages/a/#two", "two", [1, 3]),
      ],
    };
    expect(bestSection(page)?.url).toBe("/pages/a/#two");
  });

  it("counts the places the words are when they carry no weights, and is none for a page without sections", () => {
    const page: ResultData = {
      url: "/pages/a/",
      excerpt: "",
      meta: {},
      sub_results: [sub("/pages/a/#one", "one", [], [1]), sub("/pages/a/#two", "two", [], [1, 2])],
    };
    expect(bestSection(page)?.url).toBe("/pages/a/#two");
    expect(
      bestSection({ url: "/pages/a/", excerpt: "", meta: {}, sub_results: [sub("/pages/a/", undefined, [3])] }),
    ).toBeUndefined();
    expect(bestSection({ url: "/pages/a/", excerpt: "", meta: {} })).toBeUndefined();
  });
});

describe("what the search box says", () => {
  it("says how many results there are, the correction it searched, or that there are none", () => {
    expect(searchStatus("okr", 1, 1)).toBe("1 result");
    expect(searchStatus("okr", 8, 12)).toBe("12 results");
    expect(searchStatus("okr", 0, 0)).toBe("No results for okr");
    expect(searchStatus("infrastucture", 2, 2, "infrastructure")).toBe(
      "Did you mean infrastructure? 2 results for infrastructure",
    );
  });

  it("splits an excerpt into its text and its marked words, entities left for the page to decode", () => {
    expect(excerptParts("The <mark>OKRs</mark> for &amp; <mark>teams</mark>")).toEqual([
      { text: "The ", marked: false },
      { text: "OKRs", marked: true },
      { text: " for &amp; ", marked: false },
      { text: "teams", marked: true },
      { text: "", marked: false },
    ]);
  });
});
