import type { z } from "zod";
import { site } from "../site-settings.js";
import {
  type BadByte,
  controlCharacters,
  describeCharacter,
  type FoundCharacter,
  placesInOrder,
} from "./characters.js";
import { closest } from "./closest.js";
import { NOT_TEXT, parseFrontMatter, splitFrontMatter } from "./front-matter.js";
import { PAGES_DIR, bookSlugForFile, urlForFile, type PageInput } from "./library.js";
import { isExternal } from "./links.js";
import { isPlaceholderDescription } from "./placeholders.js";
import type { Place } from "./page-content.js";
import { valueLine, type Problem } from "./problem.js";
import { countWords } from "./reading-time.js";
import { siteOwnUrl } from "./site-urls.js";
import { KNOWN_KEYS, LAYOUTS, MAX_AUTHOR_LENGTH, MAX_TITLE_LENGTH, STATUSES, frontMatterSchema } from "./schema.js";

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
export interface PageFile {
  /** Path relative to the content root. */
  file: string;
  /** 1-based line of each top-level front matter key. */
  lines: Readonly<Record<string, number>>;
  /** 1-based column of each front matter value, by the names `lines` uses (see `ParsedFrontMatter`). */
  columns?: Readonly<Record<string, number>>;
  /** 1-based column of each top-level front matter key. */
  keyColumns?: Readonly<Record<string, number>>;
  /** The first character that is not text on each line of the body that has one, at its place. */
  bodyCharacters?: readonly (Required<Place> & Pick<FoundCharacter, "code">)[];
  /** The line of the closing "---" when nothing but white space and comments follows it. */
  blankBodyAfter?: number;
  /** The front matter as written, before validation; undefined when it could not be read. */
  found?: Readonly<Record<string, unknown>>;
  /** Why the front matter could not be read at all: no front matter, an empty file, invalid YAML. */
  unreadable?: readonly Problem[];
  /** What the front matter's problems keep from being checked, when anything. */
  skipped?: string;
  /** What the schema found wrong with `found`. */
  issues: readonly z.core.$ZodIssue[];
  /** The page, when its front matter is valid. */
  page?: PageInput;
}

/**
 * Reads one Markdown file's front matter and checks it against the schema.
 * Pure: takes the file's path and text, touches no disk.
 */
export function readPage(file: string, source: string, rules: PageRules = {}): PageResult {
  return pageReader(rules)(file, source);
}

/** A `readPage` for many files under one set of rules: the schema is built once. */
export function pageReader(rules: PageRules = {}): (file: string, source: string) => PageResult {
  const categories = rules.categories ?? site.categories;
  const read = pageFileReader(rules);
  return (file, source) => {
    const result = read(file, source);
    const problems = [
      ...frontMatterProblems(result, categories),
      ...homeLayoutProblems(result),
      ...authorPlaceProblems(result),
      ...placeholderDescriptionProblems(result),
      ...bodyCharacterProblems(result),
      ...emptyChapterProblems(result),
    ];
    return { page: result.page, problems, skipped: result.skipped };
  };
}

/** Reads content files under one set of rules, judging nothing: the schema is built once. */
export function pageFileReader(rules: PageRules = {}): (file: string, source: string) => PageFile {
  const schema = frontMatterSchema(rules.categories ?? site.categories);
  return (file, source) => {
    const text = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
    const split = splitFrontMatter(file, text);
    if (!split.block) return { file, lines: {}, unreadable: split.problems, skipped: split.skipped, issues: [] };
    const bodyIndex = nthLineStart(text, split.block.bodyStart);
    const body = text.slice(bodyIndex);
    const place = placesInOrder(body, split.block.bodyStart + 1);
    const characters = controlCharacters(body).map(({ index, code }) => ({ ...place(index), code }));
    const looks = {
      ...(characters.length > 0 ? { bodyCharacters: characters } : {}),
      ...(isBlank(body) ? { blankBodyAfter: split.block.bodyStart } : {}),
    };
    const parsedYaml = parseFrontMatter(file, split.block.yaml, split.block.firstLine);
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
      page: { file, url: urlForFile(file), data: parsed.data, lines, columns, words: countWords(body) },
    };
  };
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
  if (read.blankBodyAfter === undefined || read.found?.book === undefined || read.found.draft === true) return [];
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

/**
 * The front matter check: one problem per thing wrong with a file's front matter, naming the line,
 * the field, what was found, what is allowed and how to fix it.
 */
export function frontMatterProblems(read: PageFile, categories: readonly string[] = site.categories): Problem[] {
  if (read.unreadable) return [...read.unreadable];
  const found = read.found ?? {};
  return read.issues.flatMap((issue) => issueProblems(read, issue, found, categories));
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
  const { draft, description } = read.found ?? {};
  if (draft === true || typeof description !== "string" || !isPlaceholderDescription(description)) return [];
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

/** Keys the site generator acts on that would take a page out of the checks' sight. */
const GENERATOR_KEYS =
  /^(?:eleventy\w*|permalink|pagination|tags|templateEngineOverride|dynamicPermalink|permalinkBypassOutputDir|date|collections|page|pkg|site)$/;

/**
 * Front matter for Eleventy, which must never stop on bad input: read with the same limits as the
 * check, and stripped to the keys the schema knows (a layout only when it is one of ours), so no
 * key the schema does not see (`permalink`, `eleventyExcludeFromCollections`, ...) changes a page.
 * `values` are what `parseFrontMatter` read.
 */
export function siteFrontMatter(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const key of KNOWN_KEYS) if (Object.hasOwn(values, key)) kept[key] = values[key];
  if (!(LAYOUTS as readonly unknown[]).includes(kept.layout)) delete kept.layout;
  return kept;
}

/** What each field accepts, as the author should write it. */
function allowedValues(field: string, categories: readonly string[]): string {
  switch (field) {
    case "title":
    case "description":
      return "a line of text";
    case "status":
      return STATUSES.join(", ");
    case "category":
      return categories.join(", ");
    case "layout":
      return LAYOUTS.join(", ");
    case "book":
      return "a slug of lower-case letters, digits and dashes, such as okr";
    case "chapter":
      return "a finite number such as 2, 2.5 or -1, without quotes";
    case "draft":
    case "dimImages":
      return "true or false";
    case "prev":
    case "next":
      return "false to hide the button, or a text label";
    case "author":
      return `a name, or names, at most ${MAX_AUTHOR_LENGTH} characters, such as Ada Lovelace`;
    case "aliases":
      return "a list of old URLs of this page, each a path on the site such as /pages/old-name/ (or /old/page.html)";
    default:
      return "text";
  }
}

function issueProblems(
  read: PageFile,
  issue: z.core.$ZodIssue,
  data: Readonly<Record<string, unknown>>,
  categories: readonly string[],
): Problem[] {
  const { file, lines } = read;
  const columns = read.columns ?? {};
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const at = { file, line: lines[key], column: read.keyColumns?.[key], field: key };
      if (GENERATOR_KEYS.test(key)) {
        return {
          ...at,
          message: `is not a known front matter key: it would change where or whether the page is published, out of sight of the checks, so it is not read.`,
          fix: `remove it; a page is published at the URL of its file, and draft: true keeps it unpublished. Known keys are ${KNOWN_KEYS.join(", ")}.`,
        };
      }
      const guess = closest(key, KNOWN_KEYS);
      return {
        ...at,
        message: `is not a known front matter key.${guess ? ` Did you mean "${guess}"?` : ""}`,
        fix: guess ? `rename "${key}" to "${guess}".` : `remove it; known keys are ${KNOWN_KEYS.join(", ")}.`,
      };
    });
  }
  const field = String(issue.path[0] ?? "");
  if (issue.code === "custom") {
    return [
      {
        file,
        line: lines.image ?? 1,
        column: lines.image === undefined ? 1 : columns.image,
        field,
        message: issue.message,
        fix: `add a line "${field}: <what the picture shows>".`,
      },
    ];
  }
  if (issue.code === "too_big" && field === "title" && typeof data.title === "string") {
    return [
      {
        file,
        line: lines.title,
        column: columns.title,
        field,
        message: `is ${data.title.trim().length} characters long; at most ${MAX_TITLE_LENGTH} fit on buttons, in lists and in a browser tab.`,
        fix: "shorten the title and say the rest in the description.",
      },
    ];
  }
  const allowed = allowedValues(field, categories);
  if (!(field in data)) {
    return [
      {
        file,
        line: 1,
        column: 1,
        field,
        message: `is required and missing. Allowed: ${allowed}.`,
        fix: `add a line "${field}: ..." to the front matter.`,
      },
    ];
  }
  const item =
    issue.path.length > 1 ? (data[field] as Record<PropertyKey, unknown> | undefined)?.[issue.path[1]] : undefined;
  const value = issue.path.length > 1 ? item : data[field];
  return [
    {
      file,
      line: valueLine(lines, issue.path),
      column: valueLine(columns, issue.path),
      field,
      message: `found ${describe(value)}. Allowed: ${allowed}.`,
      fix: fixFor(field, value, issue.path.length > 1),
    },
  ];
}

function describe(value: unknown): string {
  if (typeof value === "string") return `"${value}"`;
  if (value === null) return "nothing";
  if (typeof value === "number" && !Number.isFinite(value)) return `${value} (not a finite number)`;
  return JSON.stringify(value) ?? String(value);
}

function fixFor(field: string, value: unknown, isItem = false): string {
  if (field === "book" && typeof value === "string") {
    const slug = value
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
    return `write book: ${slug || "my-book"} (and name its home page pages/${slug || "my-book"}.md).`;
  }
  if (field === "chapter" && typeof value === "string" && Number.isFinite(Number(value)) && value.trim()) {
    return `write chapter: ${Number(value)} without quotes.`;
  }
  if (field === "aliases") {
    const own = typeof value === "string" && isItem ? siteOwnUrl(value, []) : undefined;
    if (own) return `remove it: ${value} is ${own}, which the site writes itself.`;
    const alias = typeof value === "string" ? aliasLike(value) : "/pages/old-name/";
    return isItem ? `write the old URL as a path on the site: ${alias}.` : `write a list: aliases: [${alias}].`;
  }
  return `change "${field}" to one of the allowed values.`;
}

/** The nearest valid alias to what an author wrote: `pages/old` or `https://site/pages/old` is `/pages/old/`. */
function aliasLike(written: string): string {
  let text = written.trim();
  if (isExternal(text)) {
    try {
      text = new URL(text).pathname;
    } catch {
      // not a URL after all: keep the text as a path
    }
  }
  try {
    text = decodeURIComponent(text); // an address copied from a browser: /pages/caf%C3%A9/ is /pages/café/
  } catch {
    // a % that escapes nothing: keep the text as it is
  }
  const segments = text
    .replace(/[?#].*$/, "")
    .split("/")
    .filter((s) => s && s !== "." && s !== "..");
  if (segments.length === 0) return "/pages/old-name/";
  const last = segments.at(-1)!;
  return `/${segments.join("/")}${last.endsWith(".html") ? "" : "/"}`;
}
