import { describe, expect, it } from "vitest";
import { fragmentId, lastReached, readingLine } from "../../../src/client/table-of-contents.js";

describe("the table of contents", () => {
  it("reads the id a #fragment names, decoded, and none from an empty or undecodable one", () => {
    expect(fragmentId("#why-okrs")).toBe("why-okrs");
    expect(fragmentId("#caf%C3%A9")).toBe("café");
    expect(fragmentId("#%E0%A4%A")).toBeUndefined();
    expect(fragmentId("#")).toBeUndefined();
    expect(fragmentId("")).toBeUndefined();
  });

  it("marks the section whose heading has reached the upper third of the window, or anywhere in view at the end", () => {
    expect(readingLine({ innerHeight: 900, scrollY: 0 }, 5000)).toBe(300);
    expect(readingLine({ innerHeight: 900, scrollY: 4099 }, 5000)).toBe(900);
    expect(lastReached([-100, 200, 400], 300)).toBe(1);
    expect(lastReached([-100, 200, 400], 900)).toBe(2);
    expect(lastReached([500, 800], 300)).toBe(-1);
    expect(lastReached([], 300)).toBe(-1);
  });
});
