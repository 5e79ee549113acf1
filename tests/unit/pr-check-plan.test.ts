import { describe, expect, it } from "vitest";
import { checkSteps, commandLine, isContent, jobFor } from "../../src/pr-check/plan.js";

describe("what a pull request's check runs", () => {
  it("counts index.md and what is under pages/ and images/ as content, and nothing else", () => {
    for (const file of ["index.md", "pages/okr-chapter-4.md", "images/headers/okr.svg", "pages/notes.txt"]) {
      expect(isContent(file), file).toBe(true);
    }
    for (const file of ["pages-old/x.md", "src/index.md", "layouts/page.njk", "package.json", "imagesx/a.png"]) {
      expect(isContent(file), file).toBe(false);
    }
  });

  it("gives a change to content only the content job, and names the files that make it the code job", () => {
    expect(jobFor(["pages/okr-chapter-4.md", "images/a.png"])).toEqual({ job: "content", code: [] });
    expect(jobFor([])).toEqual({ job: "content", code: [] });
    expect(jobFor(["pages/okr-chapter-4.md", "layouts/base.njk", "src/cli/check.ts"])).toEqual({
      job: "code",
      code: ["layouts/base.njk", "src/cli/check.ts"],
    });
  });

  it("runs the content check first, then the navigation diff, the build and the tests over the books", () => {
    expect(checkSteps("content", "origin/main").map(commandLine)).toEqual([
      "npm run check -- --base origin/main",
      "npm run nav -- --base origin/main",
      "npm run build",
      "npm test -- tests/content",
    ]);
  });

  it("runs type check, lint and formatting before the content's steps and every test for code", () => {
    expect(checkSteps("code", "main").map(commandLine)).toEqual([
      "npm run typecheck",
      "npm run lint",
      "npm run format:check",
      "npm run check -- --base main",
      "npm run nav -- --base main",
      "npm run build",
      "npm test",
    ]);
  });
});
