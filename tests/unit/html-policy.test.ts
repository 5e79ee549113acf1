import { describe, expect, it } from "vitest";
import { judgeElement } from "../../src/book/html-policy.js";

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
        message: "<div data-pagefind-body> is not allowed. Allowed on <div>: id, class, title, lang, dir and aria-*.",
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
