import { describe, expect, it } from "vitest";
import { changedSince, isSiteUrl, parseProgress } from "../../../src/client/progress.js";

describe("the chapter addresses progress keeps", () => {
  it("accepts a path of plain segments on the site, letters outside ASCII included", () => {
    expect(isSiteUrl("/pages/okr-chapter-1/")).toBe(true);
    expect(isSiteUrl("/pages/café/")).toBe(true);
    expect(isSiteUrl("/pages/okr-chapter-2.5/")).toBe(true);
  });

  it("refuses another site, a parent folder, a backslash, a scheme, a file and a path too long", () => {
    for (const url of [
      "https://elsewhere.example.org/",
      "//elsewhere.example.org/",
      "/pages/../admin/",
      "/pages/./okr/",
      "/pages\\okr/",
      "javascript:alert(1)",
      "/pages/okr",
      "/pages/okr/?x=1",
      "/pages/o kr/",
      `/${"a".repeat(600)}/`,
      "",
    ])
      expect(isSiteUrl(url), url).toBe(false);
    expect(isSiteUrl(42)).toBe(false);
    expect(isSiteUrl(undefined)).toBe(false);
  });
});

describe("progress read back from storage", () => {
  it("is empty when nothing was kept, or what was kept is not JSON", () => {
    expect(parseProgress(null)).toEqual({ read: [], seen: {} });
    expect(parseProgress("{not json")).toEqual({ read: [], seen: {} });
    expect(parseProgress("null")).toEqual({ read: [], seen: {} });
    expect(parseProgress('"a string"')).toEqual({ read: [], seen: {} });
  });

  it("keeps the chapters read, the place to continue and the versions seen that a page of the site could have stored", () => {
    const stored = JSON.stringify({
      read: ["/pages/okr-chapter-1/", "https://elsewhere.example.org/", 3, "/pages/okr-chapter-2/"],
      at: { url: "/pages/okr-chapter-3/", title: "Scoring", position: "3" },
      seen: {
        "/pages/okr-chapter-1/": "2026-01-02T03:04:05.000Z",
        "//elsewhere.example.org/": "2026-01-02",
        "/pages/okr-chapter-2/": "last week",
        "/pages/okr-chapter-3/": 20260102,
      },
    });
    expect(parseProgress(stored)).toEqual({
      read: ["/pages/okr-chapter-1/", "/pages/okr-chapter-2/"],
      at: { url: "/pages/okr-chapter-3/", title: "Scoring", position: 3 },
      seen: { "/pages/okr-chapter-1/": "2026-01-02T03:04:05.000Z" },
    });
  });

  it("drops a place to continue that is not a chapter of the site, and a position that is not a number", () => {
    expect(parseProgress(JSON.stringify({ at: { url: "javascript:alert(1)", title: "x" } })).at).toBeUndefined();
    expect(parseProgress(JSON.stringify({ at: { url: "/pages/a/", position: "first" } })).at).toEqual({
      url: "/pages/a/",
      title: "",
      position: undefined,
    });
  });
});

describe("a chapter changed since it was read", () => {
  const progress = { read: [], seen: { "/pages/a/": "2026-01-10T00:00:00.000Z" } };

  it("is one whose page is dated after the version the reader last read", () => {
    expect(changedSince(progress, "/pages/a/", "2026-02-01T00:00:00.000Z")).toBe(true);
  });

  it("is not the version read, an older one, one never read, or one without a date", () => {
    expect(changedSince(progress, "/pages/a/", "2026-01-10T00:00:00.000Z")).toBe(false);
    expect(changedSince(progress, "/pages/a/", "2025-12-01T00:00:00.000Z")).toBe(false);
    expect(changedSince(progress, "/pages/b/", "2026-02-01T00:00:00.000Z")).toBe(false);
    expect(changedSince(progress, "/pages/a/", undefined)).toBe(false);
  });
});
