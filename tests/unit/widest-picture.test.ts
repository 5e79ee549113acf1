import { parseDocument } from "htmlparser2";
import { findOne } from "domutils";
import type { Element } from "domhandler";
import { describe, expect, it } from "vitest";
import { widestCandidate } from "../../src/renderers/widest-picture.js";

const img = (html: string) => findOne((node) => node.name === "img", parseDocument(html).children) as Element;

describe("widestCandidate", () => {
  it("takes the widest picture of a srcset, whatever its order", () => {
    expect(
      widestCandidate(img('<img src="/a.png" srcset="/a-400.webp 400w, /a-1600.webp 1600w, /a-800.webp 800w">')),
    ).toBe("/a-1600.webp");
  });

  it("counts a candidate without a width as the narrowest, and gives nothing without a srcset", () => {
    expect(widestCandidate(img('<img srcset="/only.png, /wide.png 10w">'))).toBe("/wide.png");
    expect(widestCandidate(img('<img src="/a.png">'))).toBeUndefined();
    expect(widestCandidate(img('<img srcset=" , ">'))).toBeUndefined();
  });
});
