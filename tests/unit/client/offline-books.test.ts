import { describe, expect, it } from "vitest";
import { bookOfCache, cacheName, isCacheOf, isManifestUrl, readableSize } from "../../../src/client/offline-books.js";

describe("the books kept for offline reading", () => {
  const name = cacheName("/pages/tea/offline.json", "v1");

  it("are kept in caches named after the manifest and the version", () => {
    expect(name).toBe("minibooks-offline /pages/tea/offline.json v1");
    expect(isCacheOf(name, "/pages/tea/offline.json")).toBe(true);
    expect(isCacheOf(name, "/pages/te")).toBe(false);
    expect(isCacheOf("other /pages/tea/offline.json v1", "/pages/tea/offline.json")).toBe(false);
    expect(bookOfCache(name)).toBe("/pages/tea/offline.json");
    expect(bookOfCache("pagefind-cache")).toBeUndefined();
  });

  it("are named by a manifest that is a .json file of the site, without query or fragment", () => {
    expect(isManifestUrl("/pages/tea/offline.json")).toBe(true);
    for (const url of ["https://elsewhere.example.org/x.json", "/pages/tea/offline.json?x", "/a.js", "offline.json", 3])
      expect(isManifestUrl(url), String(url)).toBe(false);
  });

  it("say their size as readers say it", () => {
    expect(readableSize(840)).toBe("840 bytes");
    expect(readableSize(999)).toBe("999 bytes");
    expect(readableSize(1000)).toBe("1 KB");
    expect(readableSize(312_400)).toBe("312 KB");
    expect(readableSize(1_400_000)).toBe("1.4 MB");
  });
});
