import { describe, expect, it } from "vitest";
import { quotedWords, reportUrl } from "../../../src/client/passage-report.js";

describe("reporting a passage", () => {
  it("quotes the selected words on one line, cut at 600 characters", () => {
    expect(quotedWords("  the\n\n  words\tchosen ")).toBe("the words chosen");
    expect(quotedWords("a".repeat(700))).toBe(`${"a".repeat(600)}…`);
  });

  it("opens the repository's new-issue form with the page, the chapter and the words", () => {
    const url = new URL(
      reportUrl(
        "https://github.com/owner/repo/issues/new",
        "Setting OKRs",
        "https://site.example.org/pages/okr-chapter-1/",
        "the  words",
      ),
    );
    expect(`${url.origin}${url.pathname}`).toBe("https://github.com/owner/repo/issues/new");
    expect(url.searchParams.get("title")).toBe("Problem in “Setting OKRs”");
    expect(url.searchParams.get("body")).toBe(
      "Page: https://site.example.org/pages/okr-chapter-1/\nChapter: Setting OKRs\n\n> the words\n\nWhat is wrong:\n",
    );
  });
});
