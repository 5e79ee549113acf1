import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildLibrary } from "../../src/book/library.js";
import { offlineManifest, pageAssets, writeOfflineManifests } from "../../src/renderers/offline-manifests.js";
import { chapter, home } from "../helpers/pages.js";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A site folder with these files, by URL path (`/pages/b/` is `pages/b/index.html`). */
async function siteWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "minibooks-offline-"));
  dirs.push(dir);
  for (const [url, text] of Object.entries(files)) {
    const file = path.join(dir, url.endsWith("/") ? `${url}index.html` : url);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  return dir;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("the files a page loads", () => {
  it("are its stylesheet, icon, scripts, every candidate of every picture and the pictures it opens larger", () => {
    const html =
      '<link rel="stylesheet" href="/assets/site.css"><link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">' +
      '<link rel="canonical" href="https://books.example.org/pages/a/"><link rel="alternate" href="/feed.xml">' +
      '<script src="/assets/site.js" defer></script><script src="https://elsewhere.example.org/x.js"></script>' +
      '<a class="header-image" href="/images/h.svg" data-zoom><picture><source type="image/avif" srcset="/img/a-480.avif 480w, /img/a-960.avif 960w">' +
      '<img src="/img/a-480.png" srcset="/img/a-480.png 480w, /img/a-960.png 960w" alt=""></picture></a>' +
      '<p><a href="/pages/b/">next</a> <img src="../pic%20one.png" alt="One"> <img src="data:image/png;base64,AA" alt=""></p>';
    expect(pageAssets(html, "/pages/a/").sort()).toEqual([
      "/assets/favicon.svg",
      "/assets/site.css",
      "/assets/site.js",
      "/images/h.svg",
      "/img/a-480.avif",
      "/img/a-480.png",
      "/img/a-960.avif",
      "/img/a-960.png",
      "/pages/pic%20one.png",
    ]);
  });
});

describe("a book's offline manifest", () => {
  it("lists each file with its size and hash, in URL order, and adds up the sizes", () => {
    const manifest = offlineManifest({ slug: "b", title: "Book" }, [
      { url: "/pages/b/", bytes: new TextEncoder().encode("home") },
      { url: "/assets/site.css", bytes: new TextEncoder().encode("css!") },
    ]);
    expect(manifest).toEqual({
      book: "b",
      title: "Book",
      version: expect.stringMatching(/^[0-9a-f]{20}$/),
      size: 8,
      files: [
        { url: "/assets/site.css", size: 4, hash: sha256("css!") },
        { url: "/pages/b/", size: 4, hash: sha256("home") },
      ],
    });
  });

  it("has another version when any file changes, and the same one for the same files", () => {
    const version = (css: string) =>
      offlineManifest({ slug: "b", title: "Book" }, [
        { url: "/pages/b/", bytes: new TextEncoder().encode("home") },
        { url: "/assets/site.css", bytes: new TextEncoder().encode(css) },
      ]).version;
    expect(version("a")).toBe(version("a"));
    expect(version("a")).not.toBe(version("b"));
  });

  it("is written beside each book's home page with its pages, their files, its EPUB, and its PDF when the build has one", async () => {
    const { library } = buildLibrary([home("b"), chapter("b", 1), home("c"), chapter("c", 1), home("empty")]);
    const page = (extra = "") =>
      `<link rel="stylesheet" href="/assets/site.css"><script src="/assets/offline.js" defer></script>${extra}`;
    const dir = await siteWith({
      "/pages/b/": page('<img src="/images/h.svg" alt="">'),
      "/pages/b-chapter-1/": page(),
      "/pages/b/print/": page(),
      "/pages/b/b.epub": "epub",
      "/pages/b/b.pdf": "pdf",
      "/pages/c/": page(),
      "/pages/c-chapter-1/": page(),
      "/pages/c/print/": page(),
      "/pages/c/c.epub": "epub",
      "/assets/site.css": "css",
      "/assets/offline.js": "js",
      "/images/h.svg": "<svg/>",
    });
    expect(await writeOfflineManifests(dir, library)).toEqual(["/pages/b/offline.json", "/pages/c/offline.json"]);
    const urls = async (book: string) =>
      JSON.parse(await readFile(path.join(dir, `pages/${book}/offline.json`), "utf8")).files.map(
        (file: { url: string }) => file.url,
      );
    expect(await urls("b")).toEqual([
      "/assets/offline.js",
      "/assets/site.css",
      "/images/h.svg",
      "/pages/b-chapter-1/",
      "/pages/b/",
      "/pages/b/b.epub",
      "/pages/b/b.pdf",
      "/pages/b/print/",
    ]);
    // No PDF in this build: none listed.
    expect(await urls("c")).toEqual([
      "/assets/offline.js",
      "/assets/site.css",
      "/pages/c-chapter-1/",
      "/pages/c/",
      "/pages/c/c.epub",
      "/pages/c/print/",
    ]);
  });

  it("after a build that kept what its pages load, lists what each page loads now: an unchanged page's files, and a changed page's new ones", async () => {
    const { library } = buildLibrary([home("b"), chapter("b", 1)]);
    const page = (picture: string) =>
      `<link rel="stylesheet" href="/assets/site.css"><img src="/images/${picture}" alt="">`;
    const dir = await siteWith({
      "/pages/b/": page("h.svg"),
      "/pages/b-chapter-1/": page("c.svg"),
      "/pages/b/print/": page("c.svg"),
      "/assets/site.css": "css",
      "/images/h.svg": "<svg/>",
      "/images/c.svg": "<svg/>",
      "/images/k.svg": "<svg/>",
    });
    const cache = path.join(await siteWith({}), ".cache", "minibooks");
    const urls = async () => {
      await writeOfflineManifests(dir, library, cache);
      return JSON.parse(await readFile(path.join(dir, "pages/b/offline.json"), "utf8")).files.map(
        (file: { url: string }) => file.url,
      );
    };
    const first = await urls();
    expect(first).toEqual([
      "/assets/site.css",
      "/images/c.svg",
      "/images/h.svg",
      "/pages/b-chapter-1/",
      "/pages/b/",
      "/pages/b/print/",
    ]);
    expect((await readdir(path.join(cache, "assets"))).filter((name) => name.endsWith(".assets"))).toHaveLength(1);
    expect(await urls()).toEqual(first);
    await writeFile(path.join(dir, "pages/b/index.html"), page("k.svg"));
    expect(await urls()).toEqual([
      "/assets/site.css",
      "/images/c.svg",
      "/images/k.svg",
      "/pages/b-chapter-1/",
      "/pages/b/",
      "/pages/b/print/",
    ]);
  });
});
