import { describe, expect, it } from "vitest";
import { resolveRelativeUrl } from "../../src/book/urls.js";

describe("resolveRelativeUrl", () => {
  it.each([
    ["../images/x.png", "pages/a.md", "/images/x.png"],
    ["./b.md#part", "pages/a.md", "/pages/b/#part"],
    ["b.md", "pages/a.md", "/pages/b/"],
    ["../index.md", "pages/a.md", "/"],
    ["sub/", "pages/a.md", "/pages/sub/"],
    ["file.txt?x=1", "index.md", "/file.txt?x=1"],
  ])("resolves %s written in %s to %s, as GitHub does", (url, from, expected) => {
    expect(resolveRelativeUrl(url, from)).toBe(expected);
  });

  it.each(["", "/pages/a/", "#part", "?q=1", "https://example.org/x", "mailto:a@example.org", "//cdn.example.org/x"])(
    "leaves %j as it is",
    (url) => {
      expect(resolveRelativeUrl(url, "pages/a.md")).toBe(url);
    },
  );

  it("leaves a path that climbs out of the content root as written, for the check to report", () => {
    expect(resolveRelativeUrl("../../secret.txt", "pages/a.md")).toBe("../../secret.txt");
  });
});
