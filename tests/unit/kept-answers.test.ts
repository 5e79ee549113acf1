import { afterEach, describe, expect, it } from "vitest";
import { keptAnswers } from "../../src/eleventy/kept-answers.js";

describe("a path function keeping its answers", () => {
  const start = process.cwd();
  afterEach(() => process.chdir(start));

  it("computes each answer once, by its arguments", () => {
    const asked: string[][] = [];
    const join = keptAnswers((...parts: string[]) => {
      asked.push(parts);
      return parts.join("/");
    }, false);
    expect(join("a", "b")).toBe("a/b");
    expect(join("a", "b")).toBe("a/b");
    expect(join("a/b")).toBe("a/b");
    expect(asked).toEqual([["a", "b"], ["a/b"]]);
  });

  it("computes again once the working folder changed, when the answer depends on it", () => {
    let asked = 0;
    const here = keptAnswers(() => {
      asked++;
      return process.cwd();
    }, true);
    expect(here()).toBe(start);
    expect(here()).toBe(start);
    process.chdir("/");
    expect(here()).toBe("/");
    expect(asked).toBe(2);
  });

  it("leaves anything but strings to the function itself", () => {
    let asked = 0;
    const normalize = keptAnswers((path: string) => {
      asked++;
      return String(path);
    }, false);
    // What no typed caller can pass, and Eleventy's plain JavaScript could.
    const notAPath = undefined as unknown as string;
    normalize(notAPath);
    normalize(notAPath);
    expect(asked).toBe(2);
  });
});
