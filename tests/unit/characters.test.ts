import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { controlCharacters, describeCharacter, firstBadByte, placesInOrder } from "../../src/book/characters.js";

describe("controlCharacters", () => {
  it("finds the first character that is not text on each line, and takes tab, newline and CR as text", () => {
    expect(controlCharacters("a\tb\r\nc\u0000\u0001\nd\ne\u009f")).toEqual([
      { index: 6, code: 0 },
      { index: 12, code: 0x9f },
    ]);
  });

  it("finds half a surrogate pair on its own, and reads a whole pair as text", () => {
    expect(controlCharacters("😀 \uD83D x \uDE00")).toEqual([{ index: 3, code: 0xd83d }]);
    expect(controlCharacters("😀")).toEqual([]);
  });
});

describe("describeCharacter", () => {
  it("names a character by its code point and its usual name", () => {
    expect([0, 7, 0x1f, 0x7f, 0x85, 0xdfff, 0xfffe].map(describeCharacter)).toEqual([
      "U+0000 (NUL)",
      "U+0007 (BEL)",
      "U+001F (US)",
      "U+007F (DEL)",
      "U+0085 (a C1 control character)",
      "U+DFFF (half of a surrogate pair, without its other half)",
      "U+FFFE (not a character)",
    ]);
  });
});

describe("placesInOrder", () => {
  it("gives the line and column of indices asked in order", () => {
    const place = placesInOrder("ab\ncd\n\nef", 5);
    expect([0, 1, 4, 6, 8].map(place)).toEqual([
      { line: 5, column: 1 },
      { line: 5, column: 2 },
      { line: 6, column: 2 },
      { line: 7, column: 1 },
      { line: 8, column: 2 },
    ]);
  });
});

describe("firstBadByte", () => {
  const bytes = (...parts: (string | number[])[]) =>
    Uint8Array.from(parts.flatMap((part) => (typeof part === "string" ? [...Buffer.from(part)] : part)));

  it("finds a Latin-1 letter at its line and column", () => {
    expect(firstBadByte(bytes("---\ntitle: Caf", [0xe9], "\n---\n"))).toEqual({ line: 2, column: 11, byte: 0xe9 });
  });

  it("counts columns in UTF-16 code units as editors do, without a byte order mark, after a replacement character the file spells out", () => {
    expect(firstBadByte(bytes([0xef, 0xbb, 0xbf], "é\uFFFD😀", [0xff]))).toEqual({ line: 1, column: 5, byte: 0xff });
  });

  it("finds a sequence cut short and a continuation byte on its own", () => {
    expect(firstBadByte(bytes("ab", [0xe2, 0x82], "c"))).toEqual({ line: 1, column: 3, byte: 0xe2 });
    expect(firstBadByte(bytes("x\ny", [0x80]))).toEqual({ line: 2, column: 2, byte: 0x80 });
  });

  it("finds nothing in any UTF-8 text", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (text) => firstBadByte(Buffer.from(text)) === undefined));
  });
});
