import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import {
  closesImplicitly,
  isFragment,
  judgePlace,
  MARKDOWN_TEXT,
  judgeAttributeValue,
  judgeCodeLanguage,
  judgeElement,
  judgeId,
} from "../../src/book/html-policy.js";
import { LAYOUT_IDS } from "../../src/book/layout-ids.js";
import { REPO_ROOT } from "../../src/repo.js";

describe("judgeElement", () => {
  it.each([
    { tag: "a", attributes: ["href", "title", "class"] },
    { tag: "img", attributes: ["src", "alt", "width", "height"] },
    { tag: "details", attributes: ["open", "aria-label"] },
    { tag: "td", attributes: ["colspan"] },
  ])("allows <$tag> with $attributes", (element) => {
    expect(judgeElement(element)).toEqual([]);
  });

  it.each([
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "form",
    "input",
    "svg",
    "base",
    "meta",
    "link",
    "h1",
    "video",
  ])("refuses <%s>", (tag) => {
    const issues = judgeElement({ tag, attributes: [] });
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(new RegExp(`^<${tag}> is not allowed in a page`));
  });

  it("refuses event handlers, inline styles and unknown attributes, naming each", () => {
    expect(judgeElement({ tag: "div", attributes: ["onclick", "style", "data-pagefind-body", "class"] })).toEqual([
      {
        attribute: "onclick",
        message: "<div onclick> runs script in the reader's browser and is not allowed.",
        fix: "remove the onclick attribute.",
      },
      {
        attribute: "style",
        message:
          "<div style> is not allowed: the site's Content Security Policy blocks inline styles, so it would not show.",
        fix: "remove the style attribute; the site's stylesheet lays out every element.",
      },
      {
        attribute: "data-pagefind-body",
        message:
          "<div data-pagefind-body> is not allowed. Allowed on <div>: id, class, title, lang, dir, aria-label, aria-hidden.",
        fix: "remove the data-pagefind-body attribute.",
      },
    ]);
  });

  it("asks for alt text on an image, and accepts an explicit empty one", () => {
    expect(judgeElement({ tag: "img", attributes: ["src"] })[0].message).toBe(
      "<img> has no alt text: readers who cannot see the picture get nothing.",
    );
    expect(judgeElement({ tag: "img", attributes: ["src", "alt"] })).toEqual([]);
  });
});

describe("judgeAttributeValue", () => {
  it.each([
    ["p", "dir", ["ltr", "rtl", "auto"]],
    ["p", "lang", ["en", "en-GB", "zh-Hant-TW", "sr-Latn-RS", "de-CH-1996", "x-private", ""]],
    ["a", "hreflang", ["fr", "pt-BR"]],
    ["span", "aria-hidden", ["true", "false"]],
    ["th", "scope", ["row", "col", "rowgroup", "colgroup"]],
    ["td", "colspan", ["1", "2", "1000"]],
    ["td", "rowspan", ["1", "65534"]],
    ["col", "span", ["1", "3"]],
    ["ol", "start", ["3", "-1", "0"]],
    ["li", "value", ["7", "-2"]],
    ["ol", "type", ["1", "a", "A", "i", "I"]],
    ["ol", "reversed", ["", "reversed"]],
    ["details", "open", ["", "open"]],
    ["img", "width", ["0", "320"]],
    ["img", "loading", ["lazy", "eager"]],
    ["a", "rel", ["nofollow", "noopener noreferrer", "external"]],
    ["time", "datetime", ["2024", "2024-05", "2024-05-06", "2024-02-29", "05-06", "--02-29", "14:30", "14:30:15.250"]],
    ["time", "datetime", ["2024-05-06T14:30", "2024-05-06 14:30:00", "2024-05-06T14:30Z", "2024-05-06T14:30+02:00"]],
    ["time", "datetime", ["2026-W53", "2024-W52", "PT2H30M", "P2D", "P1DT3S", "2H 30M", "1W 2D 3.5S"]],
    ["del", "datetime", ["2024-05-06", "2024-05-06T14:30Z", "2024-05-06T14:30:00.5-05:00"]],
    ["p", "id", ["plain", "with.dot_and-dash", "café", "caf%C3%A9", "a:b", "1st", "a/b?c"]],
    ["a", "name", ["old-anchor"]],
  ])("allows <%s %s> with %j", (tag, attribute, values) => {
    for (const value of values as string[]) expect(judgeAttributeValue(tag, attribute, value)).toBeUndefined();
  });

  it.each([
    ["p", "dir", ["LTR", "left", ""]],
    ["p", "lang", ["en_GB", "e", "en-", "-en", "toolongtag"]],
    ["a", "hreflang", [""]],
    ["span", "aria-hidden", ["yes", "TRUE", ""]],
    ["th", "scope", ["column", "Row"]],
    ["td", "colspan", ["0", "-1", "1.5", " 2", "1001", "two"]],
    ["td", "rowspan", ["0", "65535"]],
    ["ol", "start", ["3.5", "+3", "three"]],
    ["li", "value", [""]],
    ["ol", "type", ["b", "disc", "1."]],
    ["ol", "reversed", ["false"]],
    ["details", "open", ["false", "closed"]],
    ["img", "width", ["50%", "100px", "-1", "1e3"]],
    ["img", "loading", ["auto"]],
    ["a", "rel", ["", "sponsored", "nofollow me"]],
    ["time", "datetime", ["2024-02-30", "2023-02-29", "2024-13", "25:00", "12:60", "Z", "+0200", "4h 18m", "2024-W54"]],
    ["time", "datetime", ["2025-W53", "PT", "P", "yesterday", "2024-05-06T14:30+24:00", "24"]],
    ["del", "datetime", ["2024-05", "2024-05-06T14:30", "14:30"]],
    ["p", "id", ["", "two words", "a#b", 'say"hi', "<x>", "100%", "%zz", "%C3", "tab\there"]],
  ])("refuses <%s %s> with %j", (tag, attribute, values) => {
    for (const value of values as string[]) expect(judgeAttributeValue(tag, attribute, value)).toBeDefined();
  });

  it("says what a value must be, and how to fix it", () => {
    expect(judgeAttributeValue("td", "colspan", "0")).toEqual({
      attribute: "colspan",
      message:
        '<td colspan="0"> is not a value HTML defines for colspan, so browsers and e-readers ignore it or read it wrongly. Allowed: a whole number from 1 to 1000.',
      fix: "write colspan with an allowed value, or remove it.",
    });
    expect(judgeAttributeValue("del", "datetime", "2024-05")?.message).toBe(
      '<del datetime="2024-05"> is not a value HTML defines for datetime, so browsers and e-readers ignore it or read it wrongly. Allowed: a date (2024-05-06), or a date and time with its time zone (2024-05-06T14:30Z or 2024-05-06T14:30+02:00).',
    );
    expect(judgeAttributeValue("time", "datetime", "Z")?.message).toBe(
      '<time datetime="Z"> is not a value HTML defines for datetime, so browsers and e-readers ignore it or read it wrongly. Allowed: a date (2024-05-06), a month (2024-05), a year (2024), a day of the year (05-06), a time (14:30 or 14:30:15), a date and time (2024-05-06T14:30, with Z or +02:00 for its time zone if you like), a week (2024-W19) or a duration (PT2H30M, or 2H 30M).',
    );
    expect(judgeAttributeValue("p", "id", "two words 100%")).toEqual({
      attribute: "id",
      message:
        '<p id="two words 100%"> is not an id a link can name: an id is one word of letters, digits and - _ . : (or other characters of a web address), without spaces, quotes, < > or a % that is not followed by two hex digits.',
      fix: 'write id="two-words-100".',
    });
  });

  it("allows only ids that a link names as written: the browser keeps them, and they decode", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, unit: fc.constantFrom("a", "é", "%", "2", "F", " ", "#", '"', "<", "-", "/") }),
        (text) => {
          if (!isFragment(text)) return;
          expect(new URL(`https://example.org/#${text}`).hash).toBe(
            `#${encodeURI(text).replace(/%25([0-9A-F]{2})/g, "%$1")}`,
          );
          expect(() => decodeURIComponent(text)).not.toThrow();
          expect(text).not.toMatch(/[\s#"<]/);
        },
      ),
    );
  });
});

describe("judgePlace", () => {
  it.each([
    [[], { element: "div" }],
    [["ul"], { element: "li" }],
    [["details"], { element: "summary" }],
    [["details", "summary"], { element: "em" }],
    [["table"], { element: "caption" }],
    [["table", "tbody", "tr"], { element: "td" }],
    [["colgroup"], { element: "col" }],
    [["div"], { markdown: "p" }],
    [["div", "a"], { element: "div" }],
    [[MARKDOWN_TEXT], { element: "span" }],
    [["li"], { text: true }],
  ] as const)("lets %j hold %j", (holders, child) => {
    expect(judgePlace(holders, child, true)).toBeUndefined();
  });

  it("says where an element belongs, and how to write it there", () => {
    expect(judgePlace(["div"], { element: "li" }, true)).toEqual({
      message:
        "<li> belongs directly inside <ol> or <ul>; here it is inside <div>, so e-readers refuse the chapter and browsers move or drop it.",
      fix: "write it in its place, as <ul><li>…</li></ul>.",
    });
    expect(judgePlace([], { element: "td" }, true)?.fix).toBe(
      "write it in its place, as <table><tr><td>…</td></tr></table>.",
    );
  });

  it("says what a list or table cannot hold", () => {
    expect(judgePlace(["ul"], { markdown: "p" }, false)).toEqual({
      message: "<ul> holds only <li>; Markdown (a paragraph) cannot stand directly inside it.",
      fix: "put it inside an item (<li>), or move it out of the <ul>.",
    });
    expect(judgePlace(["table"], { text: true }, true)?.message).toBe(
      "<table> holds only <caption>, <colgroup>, <thead>, <tbody>, <tfoot>, <tr>; text cannot stand directly inside it.",
    );
  });

  it("asks a <details> to start with its <summary>, and only there", () => {
    expect(judgePlace(["details"], { element: "p" }, true)).toEqual({
      message: "<details> starts with <p>; it must start with its <summary>, the line readers click to open it.",
      fix: "write <summary>…</summary> right after <details>.",
    });
    expect(judgePlace(["details"], { element: "summary" }, false)?.message).toBe(
      "<summary> is not the first thing in its <details>; only the first is the line readers click.",
    );
  });

  it("keeps blocks out of lines of text, and links out of links", () => {
    expect(judgePlace([MARKDOWN_TEXT, "a"], { element: "div" }, false)).toEqual({
      message:
        "<div> is a block, which cannot stand inside a line of text (it holds only text and inline elements), so e-readers refuse the chapter and browsers break the text around it.",
      fix: "write the HTML on lines of its own, with a blank line before and after it.",
    });
    expect(judgePlace(["span"], { markdown: "ul" }, true)?.fix).toBe(
      "close the <span> before it, or use an inline element such as <span> instead.",
    );
    expect(judgePlace(["div", "a", "em"], { element: "a" }, true)?.message).toBe(
      "<a> is inside a link (<a>), where nothing that readers click or open may stand.",
    );
  });

  it("closes what browsers close without an end tag", () => {
    expect([closesImplicitly("li", "li"), closesImplicitly("p", "div"), closesImplicitly("td", "tr")]).toEqual([
      true,
      true,
      true,
    ]);
    expect([closesImplicitly("p", "span"), closesImplicitly("div", "div"), closesImplicitly("li", "ul")]).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe("judgeCodeLanguage", () => {
  it.each(["js", "c++", "c#", "objective-c", "shell-session", "f90", "vue.js", "my_lang", ""])(
    "allows %j",
    (language) => {
      expect(judgeCodeLanguage(language)).toBeUndefined();
    },
  );

  it.each(['x"onmouseover="alert(5)', 'x"><plaintext>', "js{1,3}", "a'b", "a&b"])("refuses %j", (language) => {
    expect(judgeCodeLanguage(language)?.message).toBe(
      `the code block's language "${language}" is not a language name (letters, digits and + # - . _ only), so it is left out of the page.`,
    );
  });
});

describe("judgeId", () => {
  it("refuses an id or name the layout uses, and allows any other", () => {
    expect(judgeId("id", "main")?.message).toBe(
      'id="main" is an id the page\'s layout uses; two elements with one id send skip links, controls and #main links to the wrong one.',
    );
    expect(judgeId("name", "sidebar")?.fix).toBe('choose another name, such as "sidebar-2".');
    expect(judgeId("id", "main-1")).toBeUndefined();
  });
});

describe("LAYOUT_IDS", () => {
  it("holds every id the layouts write, and only those", async () => {
    const files = (await readdir(path.join(REPO_ROOT, "layouts"), { recursive: true })).filter((f) =>
      f.endsWith(".njk"),
    );
    const written = new Set<string>();
    for (const file of files) {
      const text = await readFile(path.join(REPO_ROOT, "layouts", file), "utf8");
      // Ids made from a page's data ({{ chapter.id }}) are not fixed names; every other is.
      for (const [, id] of text.matchAll(/\bid="([^"{]+)"/g)) written.add(id);
    }
    expect([...written].sort()).toEqual([...LAYOUT_IDS].sort());
  });
});
