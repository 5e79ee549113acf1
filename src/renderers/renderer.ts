import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Book, Chapter, Library } from "../book/library.js";
import { entryOf } from "../book/map-entry.js";
import type { Heading } from "../book/page-record.js";
import type { SiteSettings } from "../site-settings.js";
import { sha256 } from "./output-cache.js";

/** A chapter as renderers see it: plain data, its book named by slug. */
export type ChapterData = Omit<Chapter, "book"> & { book: string };

/** A book as renderers see it: plain data, its chapters in reading order. */
export type BookData = Omit<Book, "chapters"> & { chapters: ChapterData[] };

/** The finished library as plain data: no functions, no cycles, safe to serialise. */
export interface LibraryData {
  /** Books in title order. */
  books: BookData[];
}

/** The library as plain data. */
export function libraryData(library: Library): LibraryData {
  return {
    books: library.books.map(({ chapters, ...book }) => ({
      ...book,
      chapters: chapters.map((chapter) => ({ ...chapter, book: book.slug })),
    })),
  };
}

/** Everything a renderer is handed, once per build, after every page is written. */
export interface RenderContext {
  /** The finished library. */
  library: LibraryData;
  /**
   * The HTML of each page's Markdown, by page URL, as it stands inside the page: links resolved,
   * pictures made, heading ids set. Chapters and book homes are all here.
   */
  html: Readonly<Record<string, string>>;
  /**
   * The h2 and h3 headings of each page's Markdown, by page URL, in order, as its Markdown gave
   * them ids: a book's sections, without reading them again from the HTML.
   */
  headings: Readonly<Record<string, readonly Heading[]>>;
  /** The site's settings. */
  site: SiteSettings;
  /** `build` for a production build; the dev server's builds are `serve` or `watch`. */
  runMode: "build" | "serve" | "watch";
  /** When each content file last changed (its last commit, else its modification time), ISO 8601, by file. */
  updated: Readonly<Record<string, string>>;
  /** When each content file was first published (its first commit, else when it last changed), ISO 8601, by file. */
  published: Readonly<Record<string, string>>;
  /** The folder the site is written to, which already holds its pages, pictures and copied files. */
  outputDir: string;
  /**
   * The folder where production builds keep whole-book outputs to reuse them (`output-cache.ts`);
   * none for the dev server's builds and for renderers that are handed no cache.
   */
  cacheDir?: string;
}

/** A file a renderer makes: its URL path on the site (`/pages/okr/okr.epub`) and its content. */
export interface OutputFile {
  path: string;
  content: string | Uint8Array;
}

/**
 * A whole-book output beside the HTML site (a print page, an EPUB, ...). It takes the finished
 * library and hands on each file it makes; the build writes them into the site, and the link check
 * counts them as files of the site.
 */
export interface Renderer {
  /** Short name, used in error messages, and the extension of the file it makes of a book (`epub`). */
  name: string;
  /**
   * Makes the files of this output, handing each to `write` as soon as it is made and waiting for
   * it, so a large library's files are written as they come instead of held until the last; throwing
   * fails the build with the error's message.
   */
  render(context: RenderContext, write: (file: OutputFile) => Promise<void>): Promise<void>;
  /**
   * The URL paths `render` writes, found without making the files: what a build that checks the
   * content and makes no whole-book output (`npm run check`) counts as files of the site. A renderer
   * without it is run by such a build too.
   */
  paths?(context: RenderContext): string[];
}

/**
 * Runs every renderer once, side by side (one renderer's work in processes of its own, the PDFs',
 * goes on while another's is done here), and writes each file into `outputDir` as it comes. A path
 * a renderer declares (`paths`) outside the site, already a file of the site (`taken`) or declared
 * by two renderers fails the build before anything is written; a file found so only once made
 * fails it then. Each renderer is waited for, whichever fails first. Returns the URL paths written,
 * renderer by renderer.
 */
export async function runRenderers(
  renderers: readonly Renderer[],
  context: RenderContext,
  outputDir: string,
  taken: ReadonlySet<string>,
): Promise<string[]> {
  const owners = new Map<string, string>();
  const claim = (renderer: string, where: string) => {
    const owner = owners.get(where);
    if (taken.has(where) || (owner !== undefined && owner !== renderer)) {
      throw new Error(
        `minibooks renderer "${renderer}": ${where} is already a file of the site; give it another path.`,
      );
    }
    owners.set(where, renderer);
  };
  for (const renderer of renderers)
    for (const file of renderer.paths?.(context) ?? []) claim(renderer.name, outputPath(renderer.name, file));
  const made = new Set<string>();
  const written = renderers.map(() => [] as string[]);
  const settled = await Promise.allSettled(
    renderers.map((renderer, index) =>
      renderer.render(context, async (file) => {
        const where = outputPath(renderer.name, file.path);
        claim(renderer.name, where);
        if (made.has(where)) throw new Error(`minibooks renderer "${renderer.name}": it made ${where} twice.`);
        made.add(where);
        written[index].push(where);
        const target = path.join(outputDir, where);
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, file.content);
      }),
    ),
  );
  for (const result of settled) if (result.status === "rejected") throw result.reason;
  return written.flat();
}

/** Every file a renderer makes, in its order, held: for a caller that wants one of them. */
export async function renderAll(renderer: Renderer, context: RenderContext): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  await renderer.render(context, async (file) => {
    files.push(file);
  });
  return files;
}

/** A renderer's file path, checked: site-absolute, a file, inside the site. */
function outputPath(renderer: string, file: string): string {
  const normal = path.posix.normalize(file);
  if (!file.startsWith("/") || file.endsWith("/") || normal !== file || file.includes("\0")) {
    throw new Error(
      `minibooks renderer "${renderer}": "${file}" is not a file path on the site; write it as /folder/name.ext, without "..".`,
    );
  }
  return normal;
}

/** The site's files as a renderer reads them in one build. */
export interface SiteFiles {
  /** A file's bytes, read once however often asked; undefined when the site has no such file. */
  read(urlPath: string): Promise<Uint8Array | undefined>;
  /** The SHA-256 of a file's bytes, worked out once; `none` when the site has no such file. */
  hash(urlPath: string): Promise<string>;
}

/** The files of the site in `outputDir`, each read and hashed once, whichever books show it. */
export function siteFiles(outputDir: string): SiteFiles {
  const reads = new Map<string, Promise<Uint8Array | undefined>>();
  const hashes = new Map<string, Promise<string>>();
  const read = (urlPath: string) => entryOf(reads, urlPath, () => readSiteFile(outputDir, urlPath));
  const hash = (urlPath: string) =>
    entryOf(hashes, urlPath, () => read(urlPath).then((bytes) => (bytes ? sha256(bytes) : "none")));
  return { read, hash };
}

/** A file the site has, by its URL path (`/img/x.png`); undefined when there is none or the path leaves the site. */
export async function readSiteFile(outputDir: string, urlPath: string): Promise<Uint8Array | undefined> {
  const file = path.join(outputDir, path.posix.normalize(`/${urlPath}`));
  if (path.relative(outputDir, file).startsWith("..")) return undefined;
  return readFile(file).then(
    (bytes) => new Uint8Array(bytes),
    () => undefined,
  );
}
