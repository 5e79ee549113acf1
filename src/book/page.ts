import matter from "gray-matter";
import yaml from "js-yaml";
import type { z } from "zod";
import { closest } from "./closest.js";
import { countWords } from "./reading-time.js";
import { isExternal } from "./links.js";
import { urlForFile, type PageInput } from "./library.js";
import { valueLine, type Problem } from "./problem.js";
import { site } from "../site-settings.js";
import { KNOWN_KEYS, LAYOUTS, STATUSES, frontMatterSchema } from "./schema.js";

/** Settings that decide what front matter is valid. */
export interface PageRules {
  /** Categories the site allows. */
  categories?: readonly string[];
}

/** A page read from its source, or the problems that kept it from being read. */
export interface PageResult {
  page?: PageInput;
  problems: Problem[];
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
  /** The front matter as written, before validation; undefined when it could not be read. */
  found?: Readonly<Record<string, unknown>>;
  /** Why the front matter could not be read at all: no front matter, an empty file, invalid YAML. */
  unreadable?: Problem;
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
  const categories = rules.categories ?? site.categories;
  const read = pageFileReader(rules)(file, source);
  return { page: read.page, problems: frontMatterProblems(read, categories) };
}

/** A `readPage` for many files under one set of rules: the schema is built once. */
export function pageReader(rules: PageRules = {}): (file: string, source: string) => PageResult {
  const categories = rules.categories ?? site.categories;
  const read = pageFileReader(rules);
  return (file, source) => {
    const result = read(file, source);
    return { page: result.page, problems: frontMatterProblems(result, categories) };
  };
}

/** Reads content files under one set of rules, judging nothing: the schema is built once. */
export function pageFileReader(rules: PageRules = {}): (file: string, source: string) => PageFile {
  const schema = frontMatterSchema(rules.categories ?? site.categories);
  return (file, source) => {
    const text = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
    const opening = frontMatterBlock(text);
    if (opening === undefined) {
      const unreadable: Problem = {
        file,
        line: 1,
        message: text.trim() === "" ? "the file is empty." : "has no front matter.",
        fix: 'start the file with front matter between two "---" lines, with at least title and description.',
      };
      return { file, lines: {}, unreadable, issues: [] };
    }

    let data: unknown;
    let body = "";
    try {
      ({ data, content: body } = matter(text, FRONT_MATTER_OPTIONS));
    } catch (error) {
      return { file, lines: {}, unreadable: yamlProblem(file, error), issues: [] };
    }

    const lines = keyLines(opening);
    const found = (data ?? {}) as Record<string, unknown>;
    const parsed = schema.safeParse(found);
    if (!parsed.success) return { file, lines, found, issues: parsed.error.issues };
    return { file, lines, found, issues: [], page: { file, url: urlForFile(file), data: parsed.data, lines, words: countWords(body) } };
  };
}

/**
 * The front matter check: one problem per thing wrong with a file's front matter, naming the line,
 * the field, what was found, what is allowed and how to fix it.
 */
export function frontMatterProblems(read: PageFile, categories: readonly string[] = site.categories): Problem[] {
  if (read.unreadable) return [read.unreadable];
  const found = read.found ?? {};
  return read.issues.flatMap((issue) => issueProblems(read.file, issue, found, read.lines, categories));
}

/** YAML read the way Eleventy reads it (js-yaml 4), so a value means the same to both. */
const FRONT_MATTER_OPTIONS = { language: "yaml", engines: { yaml: (text: string) => yaml.load(text) as object } };

/** YAML for Eleventy that never throws: a page that is not valid YAML reaches `readPage`, which reports it with its line. */
export function lenientYaml(text: string): object {
  try {
    return (yaml.load(text) as object | undefined) ?? {};
  } catch {
    return {};
  }
}

/** The front matter lines between the opening and closing `---`, or undefined when there are none. */
function frontMatterBlock(text: string): string[] | undefined {
  const lines = text.split("\n");
  if (lines[0]?.trimEnd() !== "---") return undefined;
  const end = lines.findIndex((line, i) => i > 0 && line.trimEnd() === "---");
  return end === -1 ? lines.slice(1) : lines.slice(1, end);
}

/**
 * 1-based file line of each top-level key (the opening `---` is line 1), and of each item of a
 * block list under a key, as `key.0`, `key.1`, ...
 */
function keyLines(block: readonly string[]): Record<string, number> {
  const lines: Record<string, number> = {};
  let list: { key: string; items: number } | undefined;
  block.forEach((line, i) => {
    const key = /^([^\s#:-][^:]*?)\s*:/.exec(line)?.[1];
    if (key !== undefined) {
      if (lines[key] === undefined) lines[key] = i + 2;
      list = { key, items: 0 };
    } else if (list && /^\s*-(\s|$)/.test(line)) {
      lines[`${list.key}.${list.items++}`] = i + 2;
    }
  });
  return lines;
}


function yamlProblem(file: string, error: unknown): Problem {
  const mark = (error as { mark?: { line: number; column: number } }).mark;
  const reason = (error as { reason?: string }).reason ?? String(error);
  return {
    file,
    line: mark ? mark.line + 2 : undefined,
    column: mark ? mark.column + 1 : undefined,
    message: `the front matter is not valid YAML: ${reason}.`,
    fix: 'write one "key: value" per line; put values that contain ":" or start with a quote in double quotes.',
  };
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
    case "aliases":
      return "a list of old URLs of this page, each a path on the site such as /pages/old-name/ (or /old/page.html)";
    default:
      return "text";
  }
}

function issueProblems(
  file: string,
  issue: z.core.$ZodIssue,
  data: Readonly<Record<string, unknown>>,
  lines: Readonly<Record<string, number>>,
  categories: readonly string[],
): Problem[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const guess = closest(key, KNOWN_KEYS);
      return {
        file,
        line: lines[key],
        field: key,
        message: `is not a known front matter key.${guess ? ` Did you mean "${guess}"?` : ""}`,
        fix: guess
          ? `rename "${key}" to "${guess}".`
          : `remove it; known keys are ${KNOWN_KEYS.join(", ")}.`,
      };
    });
  }
  const field = String(issue.path[0] ?? "");
  if (issue.code === "custom") {
    return [{ file, line: lines.image ?? 1, field, message: issue.message, fix: `add a line "${field}: <what the picture shows>".` }];
  }
  const allowed = allowedValues(field, categories);
  if (!(field in data)) {
    return [
      {
        file,
        line: 1,
        field,
        message: `is required and missing. Allowed: ${allowed}.`,
        fix: `add a line "${field}: ..." to the front matter.`,
      },
    ];
  }
  const item = issue.path.length > 1 ? (data[field] as Record<PropertyKey, unknown> | undefined)?.[issue.path[1]] : undefined;
  const value = issue.path.length > 1 ? item : data[field];
  return [
    {
      file,
      line: valueLine(lines, issue.path),
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
    const slug = value.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    return `write book: ${slug || "my-book"} (and name its home page pages/${slug || "my-book"}.md).`;
  }
  if (field === "chapter" && typeof value === "string" && Number.isFinite(Number(value)) && value.trim()) {
    return `write chapter: ${Number(value)} without quotes.`;
  }
  if (field === "aliases") {
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
  const segments = text.replace(/[?#].*$/, "").split("/").filter((s) => s && s !== "." && s !== "..");
  if (segments.length === 0) return "/pages/old-name/";
  const last = segments.at(-1)!;
  return `/${segments.join("/")}${last.endsWith(".html") ? "" : "/"}`;
}
