import { createHash, randomBytes } from "node:crypto";
import { lstat, mkdir, open, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT } from "../repo.js";

/**
 * Whole-book outputs (covers, EPUBs, PDFs) kept between production builds, each under a hash of
 * exactly what it is made from, so a build after a one-chapter change makes that chapter's book
 * again and takes every other book's files as the last build made them.
 *
 * The cache is a folder Minibooks makes and marks (`.cache/minibooks/.minibooks-cache`). A folder
 * at that place without the marker is not used, nor touched. Each entry is one file that names its
 * key, the SHA-256 of its bytes and the files it read; an entry that does not say so, or whose
 * bytes do not match, is never used: the output is made again, and the entry replaced only when it
 * is one of ours. Nothing is ever deleted but entries of ours.
 */

/** Where production builds keep whole-book outputs, inside the content's folder. */
export const CACHE_FOLDER = ".cache/minibooks";

/** The file that marks the cache folder as Minibooks's own. */
export const CACHE_MARKER = ".minibooks-cache";

/** What the marker says to whoever finds it. */
const MARKER_TEXT =
  "Minibooks keeps the files it makes of each book here (covers, EPUBs, PDFs), to reuse them when a book has not changed.\n" +
  "It removes only its own entries. Deleting this folder is safe: the next build makes every file again.\n";

/** The first line of every entry: what it is and the format's version. */
const MAGIC = "minibooks-cache 1\n";

/** The most an entry's description may take, before its bytes. */
const MAX_HEADER = 1 << 20;

/** An entry's file name: its key and its kind. */
const ENTRY_NAME = /^[0-9a-f]{64}\.[a-z]+$/;

/** A file an entry is being written to, named by the process that writes it. */
const PART_NAME = /^[0-9a-f]{64}\.[a-z]+\.part-\d+-[0-9a-f]{8}$/;

/** A file an output was made from, and what it held then: the SHA-256 of its bytes, or `none`. */
export type Reads = Readonly<Record<string, string>>;

/** What an entry says of itself. */
interface EntryHeader {
  key: string;
  sha256: string;
  size: number;
  reads: Reads;
}

/** One build's view of the cache folder. */
export interface OutputCache {
  /**
   * The bytes of the output of `kind` made from `key`, when the cache holds them whole and every
   * file they were made from still holds what it held (`hashOf` says what each holds now); else undefined.
   */
  get(kind: string, key: string, hashOf?: HashOf): Promise<Uint8Array | undefined>;
  /** Marks the output of `kind` made from `key` as used by this build, without reading it (it is kept longest). */
  touch(kind: string, key: string): Promise<void>;
  /** Keeps the output of `kind` made from `key` and the files it read; a failure to write is ignored. */
  put(kind: string, key: string, bytes: Uint8Array, reads?: Reads): Promise<void>;
}

/** The SHA-256 of what a file an output was made from holds now, by the name the output gave it; `none` when there is none. */
export type HashOf = (name: string) => Promise<string>;

/**
 * The cache in `folder` (made, with its marker, if there is nothing there); undefined when the
 * folder is not Minibooks's cache or cannot be made (a read-only checkout): the build then makes
 * every output itself.
 */
export async function openOutputCache(folder: string): Promise<OutputCache | undefined> {
  if (await isOurs(folder)) return cacheAt(folder);
  // Nothing there: made now. Something there without the marker: not ours, left as it is.
  if (!(await lstat(folder).catch(() => undefined))) await makeCacheFolder(folder).catch(() => undefined);
  return (await isOurs(folder)) ? cacheAt(folder) : undefined;
}

/**
 * Makes the cache folder whole beside its place, its marker inside, and moves it there in one
 * step: whoever opens the cache meanwhile (the other renderer of this build, another build) finds
 * no folder there or a marked one, never one whose marker is still being written.
 */
async function makeCacheFolder(folder: string): Promise<void> {
  await mkdir(path.dirname(folder), { recursive: true });
  const part = `${folder}.part-${process.pid}-${randomBytes(4).toString("hex")}`;
  await mkdir(part);
  try {
    await writeFile(path.join(part, CACHE_MARKER), MARKER_TEXT, { flag: "wx" });
    await rename(part, folder);
  } finally {
    // Still there when another opener's folder took the place first: it is this call's own.
    await rm(part, { recursive: true, force: true });
  }
}

/** Whether `folder` is a real folder (not a link) that holds the marker this module writes. */
export async function isOurs(folder: string): Promise<boolean> {
  const info = await lstat(folder).catch(() => undefined);
  if (!info?.isDirectory()) return false;
  const marker = await readFile(path.join(folder, CACHE_MARKER), "utf8").catch(() => undefined);
  return marker === MARKER_TEXT;
}

/** The cache in a folder known to be ours. */
function cacheAt(folder: string): OutputCache {
  const entry = (kind: string, key: string) => {
    if (!/^[a-z]+$/.test(kind) || !/^[0-9a-f]{64}$/.test(key)) throw new Error(`not a cache entry: ${kind} ${key}`);
    return path.join(folder, kind, `${key}.${kind}`);
  };
  return {
    async get(kind, key, hashOf) {
      const file = entry(kind, key);
      const bytes = await readFile(file).catch(() => undefined);
      if (!bytes) return undefined;
      const found = parseEntry(bytes);
      if (!found || found.header.key !== key) return undefined;
      for (const [name, sha] of Object.entries(found.header.reads)) {
        if ((hashOf ? await hashOf(name) : undefined) !== sha) return undefined;
      }
      // Used now: the last entries to be pruned.
      const now = new Date();
      await utimes(file, now, now).catch(() => undefined);
      return found.payload;
    },
    async touch(kind, key) {
      const now = new Date();
      await utimes(entry(kind, key), now, now).catch(() => undefined);
    },
    async put(kind, key, bytes, reads = {}) {
      const file = entry(kind, key);
      try {
        // A file there that is not an entry of ours is left as it is, and this output not kept.
        const there = await firstBytes(file, MAGIC.length);
        if (there !== undefined && there !== MAGIC) return;
        await mkdir(path.dirname(file), { recursive: true });
        const header: EntryHeader = { key, sha256: sha256(bytes), size: bytes.length, reads };
        const part = `${file}.part-${process.pid}-${randomBytes(4).toString("hex")}`;
        await writeFile(part, Buffer.concat([Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`), bytes]), {
          flag: "wx",
        });
        await rename(part, file).catch(async (error) => {
          await rm(part, { force: true });
          throw error;
        });
      } catch {
        // The cache only saves time: a full disk or a read-only folder costs the next build that.
      }
    },
  };
}

/** An entry's description and its bytes, when the file is a whole entry of this format; else undefined. */
function parseEntry(bytes: Uint8Array): { header: EntryHeader; payload: Uint8Array } | undefined {
  if (Buffer.from(bytes.subarray(0, MAGIC.length)).toString("latin1") !== MAGIC) return undefined;
  const end = bytes.indexOf(0x0a, MAGIC.length);
  if (end < 0 || end > MAX_HEADER) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(bytes.subarray(MAGIC.length, end)).toString("utf8"));
  } catch {
    return undefined;
  }
  if (!isHeader(header)) return undefined;
  const payload = bytes.subarray(end + 1);
  if (payload.length !== header.size || sha256(payload) !== header.sha256) return undefined;
  return { header, payload };
}

/** Whether a parsed description has every field of an entry's, of the right type. */
function isHeader(value: unknown): value is EntryHeader {
  if (typeof value !== "object" || value === null) return false;
  // An object read from JSON: each field is checked below before it is trusted.
  const { key, sha256: sha, size, reads } = value as Record<string, unknown>;
  return (
    typeof key === "string" &&
    typeof sha === "string" &&
    typeof size === "number" &&
    typeof reads === "object" &&
    reads !== null &&
    Object.values(reads).every((read) => typeof read === "string")
  );
}

/** The first `count` bytes of a file as text; undefined when there is no file. */
async function firstBytes(file: string, count: number): Promise<string | undefined> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(file, "r");
  } catch {
    return undefined;
  }
  try {
    const buffer = Buffer.alloc(count);
    const { bytesRead } = await handle.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead).toString("latin1");
  } finally {
    await handle.close();
  }
}

/** The SHA-256 of some bytes, in hex. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** One key from many parts: each part's length, then the part, so no two lists of parts give one key. */
export function cacheKey(...parts: readonly (string | Uint8Array | undefined)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) {
    const bytes = part === undefined ? undefined : typeof part === "string" ? Buffer.from(part) : part;
    hash.update(bytes === undefined ? "-1:" : `${bytes.length}:`);
    if (bytes) hash.update(bytes);
  }
  return hash.digest("hex");
}

/**
 * What makes an output besides its data: the bytes of the project's files that make it (modules,
 * templates, under the repository; a folder's files, all of them) and the versions of the packages
 * it uses (their fonts and code are what npm installed under that version), as one key.
 */
export async function recipe(files: readonly string[], packages: readonly string[]): Promise<string> {
  const parts: string[] = [];
  for (const file of files) {
    for (const each of await filesUnder(path.join(REPO_ROOT, file))) {
      parts.push(path.relative(REPO_ROOT, each), sha256(await readFile(each)));
    }
  }
  for (const name of packages) {
    const manifest = await readFile(path.join(REPO_ROOT, "node_modules", name, "package.json"), "utf8").catch(
      () => "{}",
    );
    // JSON of any shape: the version is read as unknown and compared, never trusted.
    const version = (JSON.parse(manifest) as { version?: unknown }).version;
    parts.push(name, typeof version === "string" ? version : "none");
  }
  return cacheKey(...parts);
}

/** A file, or every file under a folder, in a fixed order. */
async function filesUnder(file: string): Promise<string[]> {
  const info = await stat(file);
  if (!info.isDirectory()) return [file];
  const entries = (await readdir(file)).sort();
  return (await Promise.all(entries.map((entry) => filesUnder(path.join(file, entry))))).flat();
}

/**
 * Removes entries this build did not use (last used before `since`), the longest unused first,
 * until they take no more room than the entries it used: the cache holds at most about two
 * builds' outputs. Files being written by a process that is gone (older than an hour) go too.
 * Only entries of ours are removed, in a folder that carries the marker.
 */
export async function pruneOutputCache(folder: string, since: number): Promise<void> {
  if (!(await isOurs(folder))) return;
  const used: number[] = [];
  const unused: { file: string; size: number; time: number }[] = [];
  for (const kind of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
    if (!kind.isDirectory() || !/^[a-z]+$/.test(kind.name)) continue;
    const dir = path.join(folder, kind.name);
    // A folder that cannot be read holds nothing to prune.
    for (const name of await readdir(dir).catch((): string[] => [])) {
      const file = path.join(dir, name);
      const info = await lstat(file).catch(() => undefined);
      if (!info?.isFile()) continue;
      if (PART_NAME.test(name)) {
        if (info.mtimeMs < Date.now() - 3_600_000) await rm(file, { force: true });
        continue;
      }
      if (!ENTRY_NAME.test(name) || !name.endsWith(`.${kind.name}`)) continue;
      if (info.mtimeMs >= since) used.push(info.size);
      else if ((await firstBytes(file, MAGIC.length)) === MAGIC)
        unused.push({ file, size: info.size, time: info.mtimeMs });
    }
  }
  let room = used.reduce((a, b) => a + b, 0);
  for (const entry of unused.sort((a, b) => b.time - a.time)) {
    if (entry.size <= room) room -= entry.size;
    else {
      room = 0;
      await rm(entry.file, { force: true });
    }
  }
}
