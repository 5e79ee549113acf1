import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CACHE_MARKER,
  cacheKey,
  isOurs,
  openOutputCache,
  pruneOutputCache,
  sha256,
  type OutputCache,
} from "../../src/renderers/output-cache.js";

let root: string;
let folder: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "minibooks-output-cache-"));
  folder = path.join(root, ".cache/minibooks");
});
afterEach(() => rm(root, { recursive: true, force: true }));

const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const KEY = cacheKey("a book");
const entryFile = (kind: string, key = KEY) => path.join(folder, kind, `${key}.${kind}`);

/** A cache in the test's folder, which must open. */
async function opened(): Promise<OutputCache> {
  const cache = await openOutputCache(folder);
  if (!cache) throw new Error("the cache did not open");
  return cache;
}

describe("the cache of whole-book outputs", () => {
  it("makes its folder with the marker, and gives back what was kept under a key", async () => {
    const cache = await opened();
    expect(await isOurs(folder)).toBe(true);
    expect(await readFile(path.join(folder, CACHE_MARKER), "utf8")).toContain("Minibooks");
    expect(await cache.get("pdf", KEY)).toBeUndefined();
    await cache.put("pdf", KEY, bytes("%PDF a book"));
    expect(Buffer.from((await cache.get("pdf", KEY)) ?? []).toString()).toBe("%PDF a book");
    expect(await cache.get("pdf", cacheKey("another book"))).toBeUndefined();
    expect(await cache.get("epub", KEY)).toBeUndefined();
  });

  it("opens for every one of many that open it at once, the first time, and leaves nothing beside it", async () => {
    const caches = await Promise.all(Array.from({ length: 8 }, () => openOutputCache(folder)));
    expect(caches.every((cache) => cache !== undefined)).toBe(true);
    expect(await isOurs(folder)).toBe(true);
    expect(await readdir(path.dirname(folder))).toEqual(["minibooks"]);
  });

  it("neither uses nor touches an empty folder at its place", async () => {
    await mkdir(folder, { recursive: true });
    expect(await openOutputCache(folder)).toBeUndefined();
    expect(await readdir(folder)).toEqual([]);
  });

  it("neither uses nor touches a folder at its place that holds no marker", async () => {
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, "notes.txt"), "mine\n");
    expect(await openOutputCache(folder)).toBeUndefined();
    await pruneOutputCache(folder, Date.now() + 60_000);
    expect(await readdir(folder)).toEqual(["notes.txt"]);
    // A marker that says something else is not its marker either.
    await writeFile(path.join(folder, CACHE_MARKER), "someone else's\n");
    expect(await openOutputCache(folder)).toBeUndefined();
  });

  it("is not used when it cannot be made, and the build goes on without it", async () => {
    await writeFile(path.join(root, ".cache"), "a file where the folder would go\n");
    expect(await openOutputCache(folder)).toBeUndefined();
    expect(await readFile(path.join(root, ".cache"), "utf8")).toBe("a file where the folder would go\n");
  });

  it("ignores an entry whose bytes changed, and replaces it when the output is made again", async () => {
    const cache = await opened();
    await cache.put("pdf", KEY, bytes("%PDF a book"));
    const file = entryFile("pdf");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace("a book", "a bool"));
    expect(await cache.get("pdf", KEY)).toBeUndefined();
    // Cut short: ignored too.
    await writeFile(file, text.slice(0, text.length - 3));
    expect(await cache.get("pdf", KEY)).toBeUndefined();
    await cache.put("pdf", KEY, bytes("%PDF a book"));
    expect(Buffer.from((await cache.get("pdf", KEY)) ?? []).toString()).toBe("%PDF a book");
  });

  it("never trusts nor replaces a file at an entry's place that it did not write", async () => {
    const cache = await opened();
    await mkdir(path.join(folder, "pdf"));
    await writeFile(entryFile("pdf"), "%PDF someone else's\n");
    expect(await cache.get("pdf", KEY)).toBeUndefined();
    await cache.put("pdf", KEY, bytes("%PDF a book"));
    expect(await readFile(entryFile("pdf"), "utf8")).toBe("%PDF someone else's\n");
    expect(await cache.get("pdf", KEY)).toBeUndefined();
  });

  it("ignores an entry made from a file that no longer holds what it held", async () => {
    const cache = await opened();
    const picture = { "/images/a.png": sha256("the picture") };
    await cache.put("epub", KEY, bytes("PK an epub"), picture);
    const now = (held: string | undefined) => async (name: string) =>
      name === "/images/a.png" && held !== undefined ? sha256(held) : "none";
    expect(Buffer.from((await cache.get("epub", KEY, now("the picture"))) ?? []).toString()).toBe("PK an epub");
    expect(await cache.get("epub", KEY, now("another picture"))).toBeUndefined();
    expect(await cache.get("epub", KEY, now(undefined))).toBeUndefined();
    expect(await cache.get("epub", KEY)).toBeUndefined();
  });

  it("gives every list of parts its own key", () => {
    expect(cacheKey("ab", "c")).not.toBe(cacheKey("a", "bc"));
    expect(cacheKey("a", undefined)).not.toBe(cacheKey("a", ""));
    expect(cacheKey("a", bytes("b"))).toBe(cacheKey("a", "b"));
    expect(cacheKey("a")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("prunes the entries a build did not use, longest unused first, to the room the used ones take", async () => {
    const cache = await opened();
    const keys = ["one", "two", "three", "four", "five"].map((name) => cacheKey(name));
    for (const key of keys) await cache.put("pdf", key, bytes("x".repeat(100)));
    // Four entries last used long ago, the oldest first; the fifth used by this build.
    for (const [i, key] of keys.slice(0, 4).entries()) {
      const when = new Date(Date.UTC(2026, 0, 1 + i));
      await utimes(entryFile("pdf", key), when, when);
    }
    await writeFile(path.join(folder, "pdf", "notes.txt"), "mine\n");
    const foreign = cacheKey("foreign");
    await writeFile(entryFile("pdf", foreign), "not an entry\n");
    await utimes(entryFile("pdf", foreign), new Date(0), new Date(0));
    const since = Date.now() - 60_000;
    await pruneOutputCache(folder, since);
    const left = (await readdir(path.join(folder, "pdf"))).sort();
    // The used entry, the one unused entry that fits beside it (the last used), and what is not ours.
    expect(left).toEqual([`${keys[3]}.pdf`, `${keys[4]}.pdf`, `${foreign}.pdf`, "notes.txt"].sort());
    expect((await stat(entryFile("pdf", keys[4]))).mtimeMs).toBeGreaterThanOrEqual(since);
  });
});
