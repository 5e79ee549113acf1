import { describe, expect, it } from "vitest";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { judgeCodeLanguage, judgeElement, judgeId } from "../../src/book/html-policy.js";
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
