import { describe, expect, it } from "vitest";
import { closesImplicitly, judgePlace, MARKDOWN_TEXT } from "../../src/book/html-placement.js";

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
