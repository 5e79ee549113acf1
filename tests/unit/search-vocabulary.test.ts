import { describe, expect, it } from "vitest";
import { SHORTEST_WORD, WordCounts, searchedWords } from "../../src/site/search-vocabulary.js";

const page = (article: string, around = "") =>
  `<!doctype html><html><head><title>T</title></head><body><nav>Menu entries</nav>${around}<article data-pagefind-body>${article}</article><script>var hidden = 1;</script></body></html>`;

describe("the words search reads on a page", () => {
  it("are the marked article's, lower-cased runs of letters, without what the index leaves out", () => {
    const html = page(
      '<h1>Infrastructure Teams</h1><p data-pagefind-ignore>Chapter 2 of 3</p><div class="heading"><h2 id="a">Check-ins</h2><a class="heading-anchor" href="#a"><span>Link to the section: Check-ins</span></a></div><p>Café &amp; crème, 2026.</p>',
    );
    expect(searchedWords(html)).toEqual(["infrastructure", "teams", "check", "ins", "café", "crème"]);
  });

  it("are none on a page the index leaves out, which has no marked article", () => {
    expect(searchedWords("<p>Quiet rivers</p><script>noise()</script>")).toEqual([]);
  });
});

describe("the vocabulary file", () => {
  it("lists words of at least five letters, the most frequent first, then in code unit order", () => {
    const counts = new WordCounts();
    counts.add(page("<p>Heron herons heron. The river bends; river reeds.</p>"));
    counts.add(page("<p>Reeds and the river.</p>"));
    expect(SHORTEST_WORD).toBe(5);
    expect(counts.vocabulary()).toBe("river\nheron\nreeds\nbends\nherons\n");
  });

  it("is the same whatever order the pages came in, and keeps the most frequent words up to its limit", () => {
    const pages = [page("<p>alpha gamma gamma</p>"), page("<p>delta alpha gamma</p>")];
    const one = new WordCounts();
    const other = new WordCounts();
    for (const html of pages) one.add(html);
    for (const html of [...pages].reverse()) other.add(html);
    expect(one.vocabulary()).toBe(other.vocabulary());
    expect(one.vocabulary(2)).toBe("gamma\nalpha\n");
  });
});
