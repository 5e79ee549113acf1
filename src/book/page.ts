import { site } from "../site-settings.js";
import {
  type BadByte,
  controlCharacters,
  describeCharacter,
  type FoundCharacter,
  placesInOrder,
} from "./characters.js";
import { NOT_TEXT, parseFrontMatter, splitFrontMatter } from "./front-matter.js";
import type { FrontMatterRecord } from "./front-matter-record.js";
import { frontMatterProblems, type FrontMatterRead } from "./front-matter-problems.js";
import { PAGES_DIR, bookSlugForFile, urlForFile, type PageInput } from "./library.js";
import { isPlaceholderDescription } from "./placeholders.js";
import type { Place } from "./page-content.js";
import type { Problem } from "./problem.js";
import { countWords } from "./reading-time.js";
import { KNOWN_KEYS, LAYOUTS, frontMatterSchema } from "./schema.js";

/** Settings that decide what front matter is valid. */
export interface PageRules {
  /** Categories the site allows. */
  categories?: readonly string[];
}

/** A page read from its source, or the problems that kept it from being read. */
export interface PageResult {
  page?: PageInput;
  problems: Problem[];
  /** What the problems kept from being checked, when anything was. */
  skipped?: string;
}

/**
 * A content file as read, before anything is judged: where its front matter keys are, what it says,
 * and, when the front matter is valid, the page. The front matter check turns the rest into problems.
 */
export interface PageFile extends FrontMatterRead {
  /** The first character that is not text on each line of the body that has one, at its place. */
  bodyCharacters?: readonly (Required<Place> & Pick<FoundCharacter, "code">)[];
  /** The line of the closing "---" when nothing but white space and comments follows it. */
  blankBodyAfter?: number;
  /** What the front matter's problems keep from being checked, when anything. */
  skipped?: string;
  /** The page, when its front matter is valid. */
  page?: PageInput;
}

/** Reads a content file: its path, its text, and its front matter when it was read already. */
export type PageFileReader = (file: string, source: string, frontMatter?: FrontMatterRecord) => PageFile;

/**
 * Reads one Markdown file's front matter and checks it against the schema.
 * Pure: takes the file's path and text, touches no disk.
 */
export function readPage(file: string, source: string, rules: JudgeRules = {}): PageResult {
  return pageReader(rules)(file, source);
}

/** A check of one content file by itself, as read, named as the build's check that runs it over every file. */
export interface FileCheck {
  /** The name of the build's check (`CHECKS` in src/book/checks.ts) that runs it. */
  name: string;
  run(read: PageFile, categories: readonly string[]): Problem[];
}

/** Every check that judges one content file by itself: its front matter and its text. */
export const FILE_CHECKS: readonly FileCheck[] = [
  { name: "front-matter", run: (read, categories) => frontMatterProblems(read, categories) },
  { name: "home-layout", run: (read) => homeLayoutProblems(read) },
  { name: "author", run: (read) => authorPlaceProblems(read) },
  { name: "placeholders", run: (read) => placeholderDescriptionProblems(read) },
  { name: "characters", run: (read) => bodyCharacterProblems(read) },
  { name: "empty-chapters", run: (read) => emptyChapterProblems(read) },
];

/** The rules one file is judged by: the categories allowed, and the build's checks, whose file checks run. */
export interface JudgeRules extends PageRules {
  /** The build's checks; a file check runs when one of them has its name. Every file check by default. */
  checks?: readonly { readonly name: string }[];
}

/** A `readPage` for many files under one set of rules: the schema is built once. */
export function pageReader(rules: JudgeRules = {}): (file: string, source: string) => PageResult {
  const categories = rules.categories ?? site.categories;
  const read = pageFileReader(rules);
  const names = rules.checks && new Set(rules.checks.map((check) => check.name));
  const checks = FILE_CHECKS.filter((check) => !names || names.has(check.name));
  return (file, source) => {
    const result = read(file, source);
    const problems = checks.flatMap((check) => check.run(result, categories));
    return { page: result.page, problems, skipped: result.skipped };
  };
}

/** Reads content files under one set of rules, judging nothing: the schema is built once. */
export function pageFileReader(rules: PageRules = {}): PageFileReader {
  const schema = frontMatterSchema(rules.categories ?? site.categories);
  return (file, source, frontMatter) => {
    const text = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
    const split = frontMatter
      ? { block: frontMatter.block, problems: [], skipped: undefined }
      : splitFrontMatter(file, text);
    if (!split.block) return { file, lines: {}, unreadable: split.problems, skipped: split.skipped, issues: [] };
    const bodyIndex = nthLineStart(text, split.block.bodyStart);
    const body = text.slice(bodyIndex);
    const place = placesInOrder(body, split.block.bodyStart + 1);
    const characters = controlCharacters(body).map(({ index, code }) => ({ code, ...place(index) }));
    const looks = {
      ...(characters.length > 0 ? { bodyCharacters: characters } : {}),
      ...(isBlank(body) ? { blankBodyAfter: split.block.bodyStart } : {}),
    };
    // Front matter is parsed once a build: by Eleventy's reading of the file, when it read it.
    const parsedYaml = frontMatter?.parsed ?? parseFrontMatter(file, split.block.yaml, split.block.firstLine);
    const { data: found, lines, columns, keyColumns, problems } = parsedYaml;
    const where = { file, lines, columns, keyColumns, ...looks };
    if (!found) {
      const skipped = `${file}: its front matter keys, and its place in a book, were not checked until the YAML reads; its links, images and text were.`;
      return { ...where, unreadable: problems, skipped, issues: [] };
    }
    const parsed = schema.safeParse(found);
    if (!parsed.success) {
      const book = typeof found.book === "string" ? found.book : undefined;
      const placed = parsed.error.issues.some((issue) => issue.path[0] === "book" || issue.path[0] === "chapter");
      const skipped =
        book && !placed
          ? `${file}: its place in book "${book}" (chapter number, order, neighbours) was not checked until its front matter is fixed.`
          : undefined;
      return { ...where, found, skipped, issues: parsed.error.issues };
    }
    return {
      ...where,
      found,
      issues: [],
      page: {
        file,
        url: urlForFile(file),
        data: parsed.data,
        lines,
        columns,
        words: countWords(body),
      },
    };
  };
}

/** The draft rule: a page whose front matter says `draft: true` is a draft, published by no build. */
export function isDraft(values: { readonly draft?: unknown } | undefined): boolean {
  return values?.draft === true;
}

/** Whether a build shows a page: every page but drafts, and drafts too where a build previews them (the dev server). */
export function isShown(values: { readonly draft?: unknown } | undefined, previewDrafts: boolean): boolean {
  return previewDrafts || !isDraft(values);
}

/** The index in a text where its 0-based line `line` starts (the text's length when it has fewer). */
function nthLineStart(text: string, line: number): number {
  let index = 0;
  for (let i = 0; i < line; i++) {
    const end = text.indexOf("\n", index);
    if (end === -1) return text.length;
    index = end + 1;
  }
  return index;
}

/** True for a body with nothing in it but white space and HTML comments. */
function isBlank(body: string): boolean {
  return body.replace(/<!--[\s\S]*?(?:-->|$)/g, "").trim() === "";
}

/** The text check: no character that is not text in a page's body (front matter: see `parseFrontMatter`). */
export function bodyCharacterProblems(read: PageFile): Problem[] {
  return (read.bodyCharacters ?? []).map(({ line, column, code }) => ({
    file: read.file,
    line,
    column,
    field: "text",
    message: `holds the character ${describeCharacter(code)}, ${NOT_TEXT}.`,
    fix: "delete it; most editors do not show it, so delete and retype the text around this place.",
  }));
}

/** The empty chapter check: a published chapter has text after its front matter. */
export function emptyChapterProblems(read: PageFile): Problem[] {
  if (read.blankBodyAfter === undefined || read.found?.book === undefined || isDraft(read.found)) return [];
  return [
    {
      file: read.file,
      line: read.blankBodyAfter,
      column: 1,
      field: "text",
      message: "the chapter has no text after its front matter, so readers would find an empty page.",
      fix: 'write the chapter\'s text below this "---" line, or mark it "draft: true" until it has some.',
    },
  ];
}

/** The encoding check: a content file is UTF-8 text. */
export function badByteProblem(file: string, bad: BadByte): Problem {
  const byte = `0x${bad.byte.toString(16).toUpperCase().padStart(2, "0")}`;
  return {
    file,
    line: bad.line,
    column: bad.column,
    field: "encoding",
    message: `the file is not UTF-8: the byte ${byte} here is not UTF-8 text, so the page would show "\uFFFD" in its place.`,
    fix: 'save the file as UTF-8 ("Save with Encoding" in most editors), then check that its accented letters still read right.',
  };
}

/** The only file that may use the home layout. */
const HOME_FILE = "index.md";

/** The home layout check: only `index.md` lays out the list of every book. */
export function homeLayoutProblems(read: PageFile): Problem[] {
  if (read.found?.layout !== "home" || read.file === HOME_FILE) return [];
  return [
    {
      file: read.file,
      line: read.lines.layout,
      column: read.columns?.layout,
      field: "layout",
      message: `is "home", which only ${HOME_FILE} may use: it lays out the list of every book.`,
      fix: 'remove the "layout" line; pages and chapters use the default layout.',
    },
  ];
}

/** The author check: `author` names who wrote a whole book, so only a book's home page says it. */
export function authorPlaceProblems(read: PageFile): Problem[] {
  const found = read.found ?? {};
  if (found.author === undefined) return [];
  const slug = bookSlugForFile(read.file);
  if (slug !== undefined && found.book === undefined) return [];
  const home =
    typeof found.book === "string" ? `${PAGES_DIR}/${found.book}.md` : `the book's home page (${PAGES_DIR}/<slug>.md)`;
  return [
    {
      file: read.file,
      line: read.lines.author,
      column: read.keyColumns?.author,
      field: "author",
      message:
        "is set on a page that is not a book's home page: it names who wrote a whole book, on its cover and in its EPUB.",
      fix: `remove the "author" line here and set it in ${home}.`,
    },
  ];
}

/** The placeholder check, for front matter: a published page's description is not the one `npm run new` wrote. */
export function placeholderDescriptionProblems(read: PageFile): Problem[] {
  const description = read.found?.description;
  if (isDraft(read.found) || typeof description !== "string" || !isPlaceholderDescription(description)) return [];
  return [
    {
      file: read.file,
      line: read.lines.description,
      column: read.columns?.description,
      field: "description",
      message: "is still the placeholder npm run new wrote, and the page is no longer a draft.",
      fix: "write one sentence that tells readers what the page gives them, or put back draft: true.",
    },
  ];
}

/**
 * Front matter for Eleventy, which must never stop on bad input: read with the same limits as the
 * check, and stripped to the keys the schema knows (a layout only when it is one of ours), so no
 * key the schema does not see (`permalink`, `eleventyExcludeFromCollections`, ...) changes a page.
 * `values` are what `parseFrontMatter` read.
 */
export function siteFrontMatter(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const key of KNOWN_KEYS) if (Object.hasOwn(values, key)) kept[key] = values[key];
  if (!LAYOUTS.some((layout) => layout === kept.layout)) delete kept.layout;
  return kept;
}
