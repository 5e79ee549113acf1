import { isUtf8 } from "node:buffer";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { firstBadByte } from "../book/characters.js";
import { readContent, type ContentOptions, type ContentResult, type Source } from "../book/content.js";
import { PAGES_DIR } from "../book/library.js";

/** Every content file under a root (`index.md` and Markdown under pages/), relative to it, sorted. */
export async function listContentFiles(root: string): Promise<string[]> {
  const pages = await readdir(path.join(root, PAGES_DIR), { recursive: true }).catch(() => []);
  const files = pages
    .filter((file) => file.endsWith(".md"))
    .map((file) => `${PAGES_DIR}/${file.split(path.sep).join("/")}`);
  const home = await readdir(root).then((names) => names.includes("index.md"));
  return (home ? ["index.md", ...files] : files).sort();
}

/** Reads the text of content files under a root, and where a file stops being UTF-8, if it does. */
export async function readSources(root: string, files: readonly string[]): Promise<Source[]> {
  return Promise.all(files.map(async (file) => sourceOf(file, await readFile(path.join(root, file)))));
}

/** A content file's text from its bytes, with its first byte that is not UTF-8 when it has one. */
export function sourceOf(file: string, bytes: Buffer): Source {
  const text = bytes.toString("utf8");
  const badByte = isUtf8(bytes) ? undefined : firstBadByte(bytes);
  return badByte ? { file, text, badByte } : { file, text };
}

/** Reads, checks and builds a site's content from disk. */
export async function loadContent(root: string, options: ContentOptions = {}): Promise<ContentResult> {
  return readContent(await readSources(root, await listContentFiles(root)), options);
}
