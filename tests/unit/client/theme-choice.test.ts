import { describe, expect, it } from "vitest";
import { otherTheme, storedTheme } from "../../../src/client/theme-choice.js";

describe("the theme a reader chose", () => {
  it("is light or dark as stored; anything else leaves the OS's theme", () => {
    expect(storedTheme("light")).toBe("light");
    expect(storedTheme("dark")).toBe("dark");
    expect(storedTheme(null)).toBeUndefined();
    expect(storedTheme("Dark")).toBeUndefined();
    expect(storedTheme("blue")).toBeUndefined();
  });

  it("flips with the toggle", () => {
    expect(otherTheme(true)).toBe("light");
    expect(otherTheme(false)).toBe("dark");
  });
});
