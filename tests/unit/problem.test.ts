import { describe, expect, it } from "vitest";
import {
  ContentError,
  findContentError,
  formatAnnotation,
  formatProblem,
  sortProblems,
} from "../../src/book/problem.js";

const problem = { file: "pages/a.md", line: 3, column: 5, field: "status", message: 'found "x".', fix: "use green." };

describe("problems", () => {
  it("reads as one line for a terminal: place, field, message and fix", () => {
    expect(formatProblem(problem)).toBe('pages/a.md:3:5: status: found "x". Fix: use green.');
    expect(formatProblem({ file: "pages/a.md", column: 2, message: "has no front matter." })).toBe(
      "pages/a.md: has no front matter.",
    );
  });

  it("becomes a GitHub annotation on its line, with special characters escaped", () => {
    expect(formatAnnotation({ ...problem, file: "pages/a,b.md", message: "50% done:\nnext" })).toBe(
      "::error file=pages/a%2Cb.md,line=3,col=5,title=status::50%25 done:%0Anext Fix: use green.",
    );
  });

  it("sorts by file, then line", () => {
    const sorted = sortProblems([
      { file: "b.md", line: 1, message: "1" },
      { file: "a.md", line: 9, message: "2" },
      { file: "a.md", message: "3" },
    ]);
    expect(sorted.map((p) => p.message)).toEqual(["3", "2", "1"]);
  });

  it("carries every problem in a ContentError, found through the errors that wrap it", () => {
    const error = new ContentError([problem, { file: "index.md", message: "is empty." }]);
    expect(error.message).toBe(
      '2 problems in the content:\nindex.md: is empty.\npages/a.md:3:5: status: found "x". Fix: use green.',
    );
    expect(findContentError(new Error("outer", { cause: error }))).toBe(error);
    expect(findContentError(new Error("other"))).toBeUndefined();
  });

  it("says its problems as its stack too, without a trace, and takes a message set on it", () => {
    const error = new ContentError([problem], ["pages/b.md: links"]);
    expect(error.stack).toBe(
      'ContentError: 1 problem in the content:\npages/a.md:3:5: status: found "x". Fix: use green.\n' +
        "Not checked because of the problems above:\n  pages/b.md: links",
    );
    expect(String(error)).toBe(error.stack);
    error.message = "replaced";
    expect(error.message).toBe("replaced");
  });
});
