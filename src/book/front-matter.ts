import jsYaml from "js-yaml";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type YAMLError } from "yaml";
import { controlCharacters, describeCharacter, hasControlCharacter, placesInOrder } from "./characters.js";
import { sortProblems, type Problem } from "./problem.js";

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
  /**
   * 1-based column of each value, by the names `lines` uses: where a key's value starts when it
   * starts on the key's line, else where the key starts; where each list item starts.
   */
  columns: Record<string, number>;
  /** 1-based column of each top-level key itself. */
  keyColumns: Record<string, number>;
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
    return { problems: [{ file, line: 1, column: 1, message, fix }] };
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
          column: 1,
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
  const none = { lines: {}, columns: {}, keyColumns: {} };
  if (yaml.length > MAX_FRONT_MATTER_CHARS) {
    return {
      ...none,
      problems: [
        {
          file,
          line: firstLine,
          column: 1,
          message: `the front matter is ${yaml.length} characters long; at most ${MAX_FRONT_MATTER_CHARS} are read.`,
          fix: "keep the front matter to the keys of the reference in CONTRIBUTING.md; long text belongs in the page's body.",
        },
      ],
    };
  }
  const characters = controlCharacterProblems(file, yaml, firstLine);
  if (characters.length > 0) return { ...none, problems: characters };
  const quick = quickParse(yaml, firstLine);
  if (quick && !holdsControlCharacter(quick.data)) return quick;
  const counter = new LineCounter();
  const doc = parseDocument(yaml, { ...PARSE_OPTIONS, lineCounter: counter });
  const at = (offset: number) => {
    const { line, col } = counter.linePos(offset);
    return { line: line + firstLine - 1, column: col };
  };
  const indented = doc.errors.length > 0 ? indentedKeyProblems(file, yaml, firstLine) : [];
  const errors = doc.errors
    .filter((error) => indented.length === 0 || !INDENTATION_ERRORS.has(error.code))
    .map((error) => yamlProblem(file, doc, error, at));
  const aliases = aliasProblems(file, doc, at);
  const problems = sortProblems([...indented, ...errors, ...aliases]);
  // One problem a line: the parser's later complaints on a line follow from its first.
  if (problems.length > 0)
    return { ...none, problems: problems.filter((p, i) => problems.findIndex((q) => q.line === p.line) === i) };

  const data = doc.toJS({ maxAliasCount: 0 }) as unknown;
  if (data !== null && data !== undefined && (typeof data !== "object" || Array.isArray(data))) {
    return {
      ...none,
      problems: [
        {
          file,
          line: firstLine,
          column: 1,
          message: "the front matter is not a list of keys.",
          fix: 'write one "key: value" per line, such as "title: My chapter".',
        },
      ],
    };
  }
  const escaped = escapedControlProblems(file, doc, yaml, at);
  if (escaped.length > 0) return { ...none, problems: escaped };
  return { data: (data ?? {}) as Record<string, unknown>, ...keyPlaces(doc, at), problems: [] };
}

/** What a character that is not text is told, wherever it stands. */
export const NOT_TEXT =
  "which is not text: feed readers and e-readers refuse a page that holds it, as XML cannot hold it";

/**
 * The characters that are not text written into front matter, one problem a line at its place,
 * with the key it belongs to where one is seen. Time linear in the text.
 */
function controlCharacterProblems(file: string, yaml: string, firstLine: number): Problem[] {
  const found = controlCharacters(yaml);
  if (found.length === 0) return [];
  const place = placesInOrder(yaml, firstLine);
  // The top-level keys in order, to name the one each character belongs to in one pass.
  const keys = [...yaml.matchAll(/^([A-Za-z_][\w-]*)[ \t]*:/gm)].map((match) => ({ at: match.index, name: match[1] }));
  let key = -1;
  return found.map(({ index, code }) => {
    while (key + 1 < keys.length && keys[key + 1].at <= index) key++;
    const field = keys[key]?.name;
    return {
      file,
      ...place(index),
      ...(field ? { field } : {}),
      message: `holds the character ${describeCharacter(code)}, ${NOT_TEXT}.`,
      fix: "delete it; most editors do not show it, so delete and retype the text around this place.",
    };
  });
}

/** True when a value read from YAML, or a key or item inside it, holds a character that is not text. */
function holdsControlCharacter(value: unknown): boolean {
  if (typeof value === "string") return hasControlCharacter(value);
  if (Array.isArray(value)) return value.some(holdsControlCharacter);
  if (value !== null && typeof value === "object")
    return Object.entries(value).some(([key, item]) => hasControlCharacter(key) || holdsControlCharacter(item));
  return false;
}

/** What an escape of a double-quoted YAML string stands for, by the letter after its backslash. */
const YAML_ESCAPES: Readonly<Record<string, number>> = { "0": 0, a: 7, b: 8, v: 11, f: 12, e: 27, N: 0x85 };

/**
 * The escapes in double-quoted values (`"\a"`, `"\x07"`, `"\uD800"`) that stand for characters
 * that are not text, each at its place, with its key.
 */
function escapedControlProblems(file: string, doc: Document, yaml: string, at: Place): Problem[] {
  const problems: Problem[] = [];
  visit(doc, {
    Scalar(_, node, path) {
      if (typeof node.value !== "string" || !hasControlCharacter(node.value) || !node.range) return;
      const pair = path[2];
      const field = isPair(pair) && isScalar(pair.key) ? String(pair.key.value) : undefined;
      const source = yaml.slice(node.range[0], node.range[1]);
      const escapes = /\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g;
      let found: { index: number; written: string; code: number } | undefined;
      for (let match = escapes.exec(source); match && !found; match = escapes.exec(source)) {
        const written = match[0];
        const code = /^\\[xuU]/.test(written) ? Number.parseInt(written.slice(2), 16) : YAML_ESCAPES[written[1]];
        if (code !== undefined && code <= 0xffff && hasControlCharacter(String.fromCharCode(code)))
          found = { index: match.index, written, code };
      }
      const code = found?.code ?? controlCharacters(node.value)[0].code;
      problems.push({
        file,
        ...at(node.range[0] + (found?.index ?? 0)),
        ...(field ? { field } : {}),
        message: found
          ? `the escape "${found.written}" stands for the character ${describeCharacter(code)}, ${NOT_TEXT}.`
          : `holds the character ${describeCharacter(code)}, ${NOT_TEXT}.`,
        fix: found ? `remove "${found.written}" from the value.` : "write the value again without it.",
      });
    },
  });
  return problems;
}

/** Parser errors that a key indented by mistake causes, said better by `indentedKeyProblems`. */
const INDENTATION_ERRORS = new Set([
  "BLOCK_AS_IMPLICIT_KEY",
  "MULTILINE_IMPLICIT_KEY",
  "BAD_INDENT",
  "UNEXPECTED_TOKEN",
]);

/**
 * Keys indented by mistake, each at its own line: front matter holds no nested keys, so a line
 * `  key: value` outside a block text (`|` or `>`) or a list item is a key that lost its place.
 * Called only when the YAML does not read.
 */
function indentedKeyProblems(file: string, yaml: string, firstLine: number): Problem[] {
  const problems: Problem[] = [];
  let block = false;
  yaml.split("\n").forEach((line, i) => {
    if (/^\S/.test(line)) block = /:[ \t]*[|>][+-]?\d*[ \t]*(?:#.*)?$/.test(line);
    const key = /^( +)([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)/.exec(line);
    if (block || !key) return;
    const name = key[2];
    problems.push({
      file,
      line: firstLine + i,
      column: key[1].length + 1,
      message: `the front matter is not valid YAML: the key "${name}" is indented, so YAML reads it as part of the value above it.`,
      fix: `start "${name}:" at the beginning of the line, as the other keys are; if the line goes on with the value above, put that whole value in double quotes on one line.`,
    });
  });
  return problems;
}

/**
 * The common case, fast: front matter without anchors, aliases or tags (no `&`, `*` or `!`), and
 * without a list or map written inline as a value (`[...]`, `{...}`), read by js-yaml's YAML 1.2
 * core schema, which agrees with the full parser on such text. Undefined when the text needs the
 * full parser: it has those, or a mistake the full parser places exactly.
 */
function quickParse(yaml: string, firstLine: number): ParsedFrontMatter | undefined {
  if (/[&*!]/.test(yaml) || /^(?:[A-Za-z_][\w-]*[ \t]*:|[ \t]*-)[ \t]+[[{]/m.test(yaml)) return undefined;
  let data: unknown;
  try {
    data = jsYaml.load(yaml, { schema: jsYaml.CORE_SCHEMA });
  } catch {
    return undefined;
  }
  if (data !== null && data !== undefined && (typeof data !== "object" || Array.isArray(data))) return undefined;
  const lines: Record<string, number> = {};
  const columns: Record<string, number> = {};
  const keyColumns: Record<string, number> = {};
  let list: { key: string; items: number } | undefined;
  yaml.split("\n").forEach((line, i) => {
    const key = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*/.exec(line);
    const item = /^[ \t]*-[ \t]*/.exec(line);
    if (key !== null) {
      const name = key[1];
      if (lines[name] === undefined) {
        lines[name] = i + firstLine;
        keyColumns[name] = 1;
        columns[name] = key[0].length < line.length && line[key[0].length] !== "#" ? key[0].length + 1 : 1;
      }
      list = { key: name, items: 0 };
    } else if (list && item !== null) {
      const name = `${list.key}.${list.items++}`;
      lines[name] = i + firstLine;
      columns[name] = item[0].length + 1;
    }
  });
  return { data: (data ?? {}) as Record<string, unknown>, lines, columns, keyColumns, problems: [] };
}

type Place = (offset: number) => { line: number; column: number };

/**
 * The place of each top-level key, of its value and of each item of a list under it (as `key.0`,
 * `key.1`, ...): a value that starts on a later line than its key is placed at its key.
 */
function keyPlaces(doc: Document, at: Place): Pick<ParsedFrontMatter, "lines" | "columns" | "keyColumns"> {
  const lines: Record<string, number> = {};
  const columns: Record<string, number> = {};
  const keyColumns: Record<string, number> = {};
  if (!isMap(doc.contents)) return { lines, columns, keyColumns };
  for (const item of doc.contents.items) {
    if (!isPair(item) || !isScalar(item.key) || !item.key.range) continue;
    const key = String(item.key.value);
    if (lines[key] !== undefined) continue;
    const place = at(item.key.range[0]);
    const range = (item.value as { range?: [number, number, number] | null } | null)?.range;
    const value = range ? at(range[0]) : place;
    lines[key] = place.line;
    keyColumns[key] = place.column;
    columns[key] = value.line === place.line ? value.column : place.column;
    if (isSeq(item.value)) {
      item.value.items.forEach((entry, i) => {
        const itemRange = (entry as { range?: [number, number, number] | null }).range;
        if (!itemRange) return;
        const itemPlace = at(itemRange[0]);
        lines[`${key}.${i}`] ??= itemPlace.line;
        columns[`${key}.${i}`] ??= itemPlace.column;
      });
    }
  }
  return { lines, columns, keyColumns };
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
