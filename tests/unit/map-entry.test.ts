import { describe, expect, it } from "vitest";
import { entryOf } from "../../src/book/map-entry.js";

describe("entryOf", () => {
  it("makes a missing value once and gives back the kept one after", () => {
    const map = new Map<string, number[]>();
    let made = 0;
    const make = () => {
      made++;
      return [made];
    };
    const first = entryOf(map, "a", make);
    expect(entryOf(map, "a", make)).toBe(first);
    expect(entryOf(map, "b", make)).toEqual([2]);
    expect(made).toBe(2);
    expect([...map.keys()]).toEqual(["a", "b"]);
  });

  it("keeps values by object in a WeakMap too", () => {
    const map = new WeakMap<object, string>();
    const key = {};
    expect(entryOf(map, key, () => "made")).toBe("made");
    expect(entryOf(map, key, () => "again")).toBe("made");
  });
});
