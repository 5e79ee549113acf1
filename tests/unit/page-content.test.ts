import { describe, expect, it } from "vitest";
import { judgeCodeLanguage, judgeMarkup, TOO_DEEP_HTML } from "../../src/book/html-policy.js";
import {
  altTextProblems,
  fenceProblems,
  headingProblems,
  htmlProblems,
  type MarkdownFacts,
  placeholderTextProblems,
  urlProblems,
} from "../../src/book/page-content.js";
import { judgeUrl } from "../../src/book/url-policy.js";

/** A page's Markdown facts: no links unless given. */
const facts = (more: Partial<MarkdownFacts> = {}): MarkdownFacts => ({ file: "pages/a.md", links: [], ...more });

/** Each problem as `<line>:<column> <field>`, the place and field a reader is sent to. */
const places = (problems: readonly { line?: number; column?: number; field?: string }[]) =>
  problems.map((problem) => `${problem.line}:${problem.column} ${problem.field}`);

describe("the checks over what a page's Markdown holds", () => {
  it("refuses the addresses the URL policy refuses, as a link or an image at its place", () => {
    const page = facts({
      links: [
        { url: "/pages/b/", written: "b.md", tag: "a", line: 3, column: 5 },
        { url: "javascript:x()", written: "javascript:x()", tag: "a", line: 4, column: 1 },
        { url: "file:///c.png", written: "file:///c.png", tag: "img", line: 6, column: 2, alt: "C" },
      ],
    });
    const problems = urlProblems(page);
    expect(places(problems)).toEqual(["4:1 link", "6:2 image"]);
    const verdict = judgeUrl("javascript:x()");
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(problems[0]).toMatchObject({ file: "pages/a.md", message: verdict.message });
  });

  it("asks every Markdown image for alt text, and leaves links and raw HTML images to their checks", () => {
    const page = facts({
      links: [
        { url: "/images/a.png", written: "../images/a.png", tag: "img", line: 2, column: 1, alt: " " },
        { url: "/images/b.png", written: "../images/b.png", tag: "img", line: 3, column: 1, alt: "A seedling" },
        { url: "/images/c.png", written: "../images/c.png", tag: "img", line: 4, column: 1 },
      ],
    });
    expect(altTextProblems(page)).toEqual([
      {
        file: "pages/a.md",
        line: 2,
        column: 1,
        field: "image",
        message: '"../images/a.png" has no alt text: readers who cannot see the picture get nothing.',
        fix: "say what the picture shows between the brackets: ![A seedling in dark soil](../images/a.png).",
      },
    ]);
  });

  it("places a refused attribute at the attribute, a refused element at the element, and judges only allowed attributes' values", () => {
    const page = facts({
      html: [
        { tag: "p", line: 2, column: 1, attributes: [{ name: "onclick", value: "x()", line: 2, column: 4 }] },
        { tag: "iframe", line: 3, column: 1, attributes: [] },
        { tag: "ol", line: 4, column: 1, attributes: [{ name: "start", value: "two", line: 4, column: 5 }] },
        { tag: "p", line: 5, column: 1, attributes: [{ name: "lang", value: "en-GB", line: 5, column: 4 }] },
      ],
    });
    const problems = htmlProblems(page);
    expect(places(problems)).toEqual(["2:4 html", "3:1 html", "4:5 html"]);
    expect(problems[0].message).toContain("<p onclick>");
    expect(problems[2].message).toContain('<ol start="two">');
  });

  it("refuses an id the layout uses, on any element and as <a name>", () => {
    const problems = htmlProblems(
      facts({
        html: [
          { tag: "div", line: 2, column: 1, attributes: [{ name: "id", value: "main", line: 2, column: 6 }] },
          { tag: "span", line: 3, column: 1, attributes: [{ name: "id", value: "mine", line: 3, column: 7 }] },
        ],
      }),
    );
    expect(problems.map((problem) => problem.message)).toEqual([
      'id="main" is an id the page\'s layout uses; two elements with one id send skip links, controls and #main links to the wrong one.',
    ]);
  });

  it("reports markup faults, misplaced HTML and HTML nested too deep, in that order, each at its place", () => {
    const fault = { kind: "unfinished-comment" } as const;
    const problems = htmlProblems(
      facts({
        markupFaults: [{ line: 7, column: 3, fault }],
        misplaced: [{ line: 5, column: 1, message: "<li> belongs in a list.", fix: "put it in one." }],
        htmlTooDeep: { line: 9, column: 11 },
      }),
    );
    expect(places(problems)).toEqual(["7:3 html", "5:1 html", "9:11 html"]);
    expect(problems.map((problem) => problem.message)).toEqual([
      judgeMarkup(fault).message,
      "<li> belongs in a list.",
      TOO_DEEP_HTML.message,
    ]);
  });

  it("refuses a code fence's language that is not a plain name", () => {
    const page = facts({
      fences: [
        { line: 2, column: 1, language: "js" },
        { line: 8, column: 1, language: "" },
        { line: 12, column: 1, language: "js{1,3}" },
      ],
    });
    expect(fenceProblems(page)).toEqual([
      { file: "pages/a.md", line: 12, column: 1, field: "code", ...judgeCodeLanguage("js{1,3}") },
    ]);
  });

  it("refuses every level-1 heading of the body: the title is the page's only one", () => {
    const problems = headingProblems(
      facts({
        titleHeadings: [
          { line: 6, column: 1 },
          { line: 9, column: 1 },
        ],
      }),
    );
    expect(places(problems)).toEqual(["6:1 heading", "9:1 heading"]);
    expect(problems[0].fix).toBe("make it a level-2 heading (##), and its sub-headings ### and below.");
  });

  it("refuses the text npm run new wrote in a published page, and leaves a draft alone", () => {
    const placeholders = [{ line: 8, column: 1, text: "Start writing here." }];
    expect(placeholderTextProblems(facts({ placeholders }))).toEqual([
      {
        file: "pages/a.md",
        line: 8,
        column: 1,
        field: "text",
        message: '"Start writing here." is still the placeholder npm run new wrote, and the page is no longer a draft.',
        fix: "replace it with the page's own text, or put back draft: true.",
      },
    ]);
    expect(placeholderTextProblems(facts({ placeholders, draft: true }))).toEqual([]);
  });

  it("finds nothing in a page that holds nothing to judge", () => {
    const page = facts();
    for (const check of [urlProblems, altTextProblems, htmlProblems, fenceProblems, headingProblems]) {
      expect(check(page)).toEqual([]);
    }
  });
});
