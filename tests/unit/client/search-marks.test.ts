import { describe, expect, it } from "vitest";
import { marksLabel } from "../../../src/client/search-marks.js";

describe("the words marked on a page opened from search", () => {
  it("are counted, or said to be gone", () => {
    expect(marksLabel(1, ["okr"])).toBe("1 match for “okr” marked.");
    expect(marksLabel(3, ["okr", "teams"])).toBe("3 matches for “okr teams” marked.");
    expect(marksLabel(0, ["okr", "teams"])).toBe("“okr teams” is not on this page any more.");
  });
});
