import { describe, expect, it } from "vitest";
import { atomDate, feedHtml } from "../../src/view/feed.js";

const BASE = "https://books.example.org";

describe("feedHtml", () => {
  it("leaves out the # link beside each heading, words and all", () => {
    const html =
      '<div class="heading">\n<h2 id="a">Tides</h2>\n<a class="heading-anchor" href="#a"><span class="visually-hidden">Link to the section: Tides</span> <span aria-hidden="true">#</span></a></div>\n<p>Text.</p>';
    expect(feedHtml(html, "/pages/a/", BASE)).toBe(
      '<div class="heading">\n<h2 id="a">Tides</h2>\n</div>\n<p>Text.</p>',
    );
  });

  it("makes site paths, the page's own #places and pictures' sources full addresses, and leaves the rest", () => {
    const html =
      '<p><a href="/pages/b/">b</a> <a href="#fn1">1</a> <a href="https://other.example/">o</a> <a href="mailto:a@b.c">m</a></p>' +
      '<picture><source type="image/webp" srcset="/img/x-480.webp 480w, /img/x-960.webp 960w"><img alt="X &amp; Y" src="/img/x.png" width="960"></picture>';
    expect(feedHtml(html, "/pages/a/", BASE)).toBe(
      `<p><a href="${BASE}/pages/b/">b</a> <a href="${BASE}/pages/a/#fn1">1</a> <a href="https://other.example/">o</a> <a href="mailto:a@b.c">m</a></p>` +
        `<picture><source type="image/webp" srcset="${BASE}/img/x-480.webp 480w, ${BASE}/img/x-960.webp 960w"><img alt="X &amp; Y" src="${BASE}/img/x.png" width="960"></picture>`,
    );
  });
});

describe("atomDate", () => {
  it("writes a date as Atom does, in UTC to the second", () => {
    expect(atomDate(new Date("2026-02-03T04:05:06.789Z"))).toBe("2026-02-03T04:05:06Z");
  });
});
