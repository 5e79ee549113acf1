import type { z } from "zod";
import { site } from "../site-settings.js";
import { closest } from "./closest.js";
import { isExternal } from "./links.js";
import { valueLine, type Problem } from "./problem.js";
import { siteOwnUrl } from "./site-urls.js";
import { KNOWN_KEYS, LAYOUTS, MAX_AUTHOR_LENGTH, MAX_TITLE_LENGTH, STATUSES } from "./schema.js";

/** A file's front matter as read and judged by the schema: what the front matter check explains. */
export interface FrontMatterRead {
  /** Path relative to the content root. */
  file: string;
  /** 1-based line of each top-level front matter key. */
  lines: Readonly<Record<string, number>>;
  /** 1-based column of each front matter value, by the names `lines` uses (see `ParsedFrontMatter`). */
  columns?: Readonly<Record<string, number>>;
  /** 1-based column of each top-level front matter key. */
  keyColumns?: Readonly<Record<string, number>>;
  /** The front matter as written, before validation; undefined when it could not be read. */
  found?: Readonly<Record<string, unknown>>;
  /** Why the front matter could not be read at all: no front matter, an empty file, invalid YAML. */
  unreadable?: readonly Problem[];
  /** What the schema found wrong with `found`. */
  issues: readonly z.core.$ZodIssue[];
}

/**
 * The front matter check: one problem per thing wrong with a file's front matter, naming the line,
 * the field, what was found, what is allowed and how to fix it.
 */
export function frontMatterProblems(read: FrontMatterRead, categories: readonly string[] = site.categories): Problem[] {
  if (read.unreadable) return [...read.unreadable];
  const found = read.found ?? {};
  return read.issues.flatMap((issue) => issueProblems(read, issue, found, categories));
}

/** Keys the site generator acts on that would take a page out of the checks' sight. */
const GENERATOR_KEYS =
  /^(?:eleventy\w*|permalink|pagination|tags|templateEngineOverride|dynamicPermalink|permalinkBypassOutputDir|date|collections|page|pkg|site)$/;

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
  read: FrontMatterRead,
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
  const item = issue.path.length > 1 ? itemOf(data[field], issue.path[1]) : undefined;
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

/** The item of a list or object value at a key, as the schema's issue names it. */
function itemOf(value: unknown, key: PropertyKey): unknown {
  return typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined;
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
  const last = segments[segments.length - 1];
  return `/${segments.join("/")}${last.endsWith(".html") ? "" : "/"}`;
}
