import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isFragment, judgeAttributeValue } from "../../src/book/html-values.js";

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
            `#${encodeURI(text).replace(/%25([0-9A-Fa-f]{2})/g, "%$1")}`,
          );
          expect(() => decodeURIComponent(text)).not.toThrow();
          expect(text).not.toMatch(/[\s#"<]/);
        },
      ),
    );
  });
});
