import jsYaml from "js-yaml";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type YAMLError } from "yaml";
import type { Problem } from "./problem.js";

/** The most front matter a page may have, in characters: far more than any page needs. */
export const MAX_FRONT_MATTER_CHARS = 16 * 1024;

/** Front matter as read from a file: its values, the line of each key, and where the body starts. */
export interface FrontMatterText {
  /** The YAML between the two `---` lines. */
  yaml: string;
  /** 1-based file line of the YAML's first line (the line after the opening `---`). */
  firstLine: number;
  /** 0-based index of the body's first line in the file. */
  bodyStart: number;
}

/** The parsed front matter, or the problems that kept it from being parsed. */
export interface ParsedFrontMatter {
  data?: Record<string, unknown>;
  /** 1-based file line of each top-level key, and of each item of a list under a key as `key.0`, `key.1`, ... */
  lines: Record<string, number>;
  problems: Problem[];
}

/** Options every front matter parse uses: YAML 1.2, unique keys, no custom tags. */
const PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true, version: "1.2" } as const;

/**
 * Finds the front matter of a file's text (BOM and CRLF already removed): the lines between an
 * opening `---` on line 1 and the next `---` line. Problems when there is none or it never closes.
 */
export function splitFrontMatter(
  file: string,
  text: string,
): { block?: FrontMatterText; problems: Problem[]; skipped?: string } {
  const lines = text.split("\n");
  const first = lines[0]?.trimEnd() ?? "";
  if (first !== "---") {
    const language = /^---\s*([A-Za-z]\w*)$/.exec(first)?.[1];
    const message = language
      ? `opens its front matter with "---${language}"; only YAML front matter opened by "---" alone is read, and no other kind is run.`
      : text.trim() === ""
        ? "the file is empty."
        : "has no front matter.";
    const fix = language
      ? `write the opening line as "---" alone and the keys as YAML ("title: ...").`
      : 'start the file with front matter between two "---" lines, with at least title and description.';
    return { problems: [{ file, line: 1, message, fix }] };
  }
  const end = lines.findIndex((line, i) => i > 0 && line.trimEnd() === "---");
  if (end === -1) {
    // The keys most likely end at the first line that is not YAML-looking: a blank line or a heading.
    let last = 1;
    while (last < lines.length && /^(\s|[^\s#][^:]*:|-\s|#\s*\S*$)/.test(lines[last]) && !/^#{1,6}\s/.test(lines[last]))
      last++;
    return {
      problems: [
        {
          file,
          line: 1,
          message: 'the front matter opened on line 1 is never closed: no line with "---" follows.',
          fix: `add a line with only "---" after the last key${last > 1 ? ` (after line ${last})` : ""}.`,
        },
      ],
      skipped: `${file}: nothing else in it was checked, as all of it reads as front matter until the front matter is closed.`,
    };
  }
  return { block: { yaml: lines.slice(1, end).join("\n"), firstLine: 2, bodyStart: end + 1 }, problems: [] };
}

/**
 * Parses front matter YAML with limits: at most MAX_FRONT_MATTER_CHARS, no aliases (`*name`),
 * unique keys. Every problem names the file line it is on and how to fix that kind of mistake.
 * `firstLine` is the 1-based file line of the YAML's first line.
 */
export function parseFrontMatter(file: string, yaml: string, firstLine: number): ParsedFrontMatter {
  if (yaml.length > MAX_FRONT_MATTER_CHARS) {
    return {
      lines: {},
      problems: [
        {
          file,
          line: firstLine,
          message: `the front matter is ${yaml.length} characters long; at most ${MAX_FRONT_MATTER_CHARS} are read.`,
          fix: "keep the front matter to the keys of the reference in CONTRIBUTING.md; long text belongs in the page's body.",
        },
      ],
    };
  }
  const quick = quickParse(yaml, firstLine);
  if (quick) return quick;
  const counter = new LineCounter();
  const doc = parseDocument(yaml, { ...PARSE_OPTIONS, lineCounter: counter });
  const at = (offset: number) => {
    const { line, col } = counter.linePos(offset);
    return { line: line + firstLine - 1, column: col };
  };
  const errors = doc.errors.map((error) => yamlProblem(file, doc, error, at));
  const aliases = aliasProblems(file, doc, at);
  const problems = [...errors, ...aliases];
  // One problem a line: the parser's later complaints on a line follow from its first.
  if (problems.length > 0)
    return { lines: {}, problems: problems.filter((p, i) => problems.findIndex((q) => q.line === p.line) === i) };

  const data = doc.toJS({ maxAliasCount: 0 }) as unknown;
  if (data !== null && data !== undefined && (typeof data !== "object" || Array.isArray(data))) {
    return {
      lines: {},
      problems: [
        {
          file,
          line: firstLine,
          message: "the front matter is not a list of keys.",
          fix: 'write one "key: value" per line, such as "title: My chapter".',
        },
      ],
    };
  }
  return { data: (data ?? {}) as Record<string, unknown>, lines: keyLines(doc, at), problems: [] };
}

/**
 * The common case, fast: front matter without anchors, aliases or tags (no `&`, `*` or `!`) read by
 * js-yaml's YAML 1.2 core schema, which agrees with the full parser on such text. Undefined when the
 * text needs the full parser: it has those characters, or a mistake the full parser places exactly.
 */
function quickParse(yaml: string, firstLine: number): ParsedFrontMatter | undefined {
  if (/[&*!]/.test(yaml)) return undefined;
  let data: unknown;
  try {
    data = jsYaml.load(yaml, { schema: jsYaml.CORE_SCHEMA });
  } catch {
    return undefined;
  }
  if (data !== null && data !== undefined && (typeof data !== "object" || Array.isArray(data))) return undefined;
  const lines: Record<string, number> = {};
  let list: { key: string; items: number } | undefined;
  yaml.split("\n").forEach((line, i) => {
    const key = /^([A-Za-z_][\w-]*)\s*:/.exec(line)?.[1];
    if (key !== undefined) {
      lines[key] ??= i + firstLine;
      list = { key, items: 0 };
    } else if (list && /^\s*-(\s|$)/.test(line)) {
      lines[`${list.key}.${list.items++}`] = i + firstLine;
    }
  });
  return { data: (data ?? {}) as Record<string, unknown>, lines, problems: [] };
}

type Place = (offset: number) => { line: number; column: number };

/** 1-based file line of each top-level key, and of each item of a list under a key as `key.0`, `key.1`, ... */
function keyLines(doc: Document, at: Place): Record<string, number> {
  const lines: Record<string, number> = {};
  if (!isMap(doc.contents)) return lines;
  for (const item of doc.contents.items) {
    if (isPair(item) && isScalar(item.key) && item.key.range) {
      const key = String(item.key.value);
      lines[key] ??= at(item.key.range[0]).line;
      if (isSeq(item.value)) {
        item.value.items.forEach((entry, i) => {
          const range = (entry as { range?: [number, number, number] | null }).range;
          if (range) lines[`${key}.${i}`] ??= at(range[0]).line;
        });
      }
    }
  }
  return lines;
}

function aliasProblems(file: string, doc: Document, at: Place): Problem[] {
  const problems: Problem[] = [];
  visit(doc, {
    Alias(_, node) {
      if (problems.length > 0 || !node.range) return;
      problems.push({
        file,
        ...at(node.range[0]),
        message: `the front matter uses the YAML alias *${node.source}; aliases are not read in front matter.`,
        fix: "write the value out in full where the alias stands, and remove the anchor (&name) it refers to.",
      });
    },
  });
  return problems;
}

/** A YAML error at the line the parser stopped on, with a fix for that kind of mistake. */
function yamlProblem(file: string, doc: Document, error: YAMLError, at: Place): Problem {
  let offset = error.pos[0];
  let fix = 'write one "key: value" per line; put values that contain ": " or start with a quote in double quotes.';
  let what = error.message.split(" at line ")[0].replace(/:\s*$/, "");
  switch (error.code) {
    case "TAB_AS_INDENT":
      what = "a tab is used for indentation";
      fix = "indent with spaces; YAML does not allow tabs at the start of a line.";
      break;
    case "DUPLICATE_KEY":
      what = "a key is written twice";
      fix = "keep one line for the key and remove the other.";
      break;
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      what = 'a value contains ": ", which YAML reads as a second key';
      fix = 'put the whole value in double quotes, like title: "Setup: the basics".';
      break;
    case "MISSING_CHAR":
    case "BAD_SCALAR_START": {
      const quoted = openQuoteAt(doc, offset);
      if (quoted !== undefined) {
        offset = quoted.offset;
        what = `a ${quoted.quote === '"' ? "double" : "single"} quote is opened and never closed`;
        fix = `end the value with ${quoted.quote} on the same line, or remove the opening quote.`;
      }
      break;
    }
    default:
      break;
  }
  return { file, ...at(offset), message: `the front matter is not valid YAML: ${what}.`, fix };
}

/** The quoted scalar an unclosed-quote error belongs to: where its quote opens. */
function openQuoteAt(doc: Document, offset: number): { offset: number; quote: string } | undefined {
  let found: { offset: number; quote: string } | undefined;
  visit(doc, {
    Scalar(_, node) {
      if (!node.range || (node.type !== "QUOTE_DOUBLE" && node.type !== "QUOTE_SINGLE")) return;
      if (node.range[0] <= offset && offset <= node.range[2]) {
        found = { offset: node.range[0], quote: node.type === "QUOTE_DOUBLE" ? '"' : "'" };
      }
    },
  });
  return found;
}
