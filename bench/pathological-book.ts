import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pick, seededRandom } from "./random.js";

/**
 * One chapter body of the time benchmark: `unit` repeated to the size asked for, or, for a mix, units
 * drawn at random from `MIX_UNITS` with a seed.
 */
export interface PathologicalCase {
  name: string;
  unit?: string;
  mix?: number;
}

/**
 * Markup a chapter may hold in bulk that a scan restarting at each occurrence would read to its end:
 * openings never closed (`<`, `](`, `[`, `<!--`), marks Markdown pairs up (`*`, `_`, backticks),
 * entities, tags, links and blocks by the hundred thousand, and text the checks refuse.
 */
export const MIX_UNITS: readonly string[] = [
  "<",
  ">",
  "](",
  "[",
  "]",
  "(",
  ")",
  "`",
  "*",
  "_",
  "&",
  "!",
  "#",
  "\\",
  '"',
  "'",
  "|",
  "~",
  "-",
  "=",
  ":",
  "\n",
  "\n\n",
  " ",
  "\t",
  "<!--",
  "-->",
  "<a>",
  "</a>",
  '<a href="x">',
  "<div>",
  "</div>",
  "[a](b)",
  "![a](b.png)",
  "[^1]",
  "&amp;",
  "&#",
  "word ",
  "https://example.org ",
];

/** Every case the benchmark times: each unit of `MIX_UNITS` alone, some pairs of them, and random mixes. */
export const PATHOLOGICAL_CASES: readonly PathologicalCase[] = [
  ...MIX_UNITS.map((unit) => ({ name: JSON.stringify(unit), unit })),
  ...[
    "![",
    "[<",
    "[`",
    "<x",
    "</",
    "<?",
    "<![CDATA[",
    "*a",
    "**a*",
    "`a",
    "> ",
    "- ",
    "1. ",
    "# x\n",
    "## x\n",
    "|\n",
    "```\n",
    "[a](#x) ",
    '<a href="#x">a</a> ',
    "<details>",
  ].map((unit) => ({ name: JSON.stringify(unit), unit })),
  { name: "a table", unit: "a|b\n-|-\n" },
  { name: "reference definitions", unit: "[a]: b\n" },
  { name: "footnote definitions", unit: "[^1]: x\n" },
  { name: "mix, seed 1", mix: 1 },
  { name: "mix, seed 2", mix: 2 },
  { name: "mix, seed 3", mix: 3 },
];

/** A chapter body of about `bytes` bytes for a case. */
export function pathologicalBody(which: PathologicalCase, bytes: number): string {
  if (which.unit !== undefined) return which.unit.repeat(Math.ceil(bytes / which.unit.length));
  const random = seededRandom(which.mix ?? 1);
  const parts: string[] = [];
  for (let length = 0; length < bytes; ) {
    const unit = pick(random, MIX_UNITS);
    parts.push(unit);
    length += unit.length;
  }
  return parts.join("");
}

/**
 * Writes a book of one chapter into `dir` (emptied first): the home page, the book's page and
 * `pages/patho-chapter-1.md` with `body` after its front matter.
 */
export async function writePathologicalBook(dir: string, body: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, "pages"), { recursive: true });
  await writeFile(
    path.join(dir, "index.md"),
    "---\nlayout: home\ntitle: Time benchmark\ndescription: One book with one large chapter.\n---\n",
  );
  await writeFile(
    path.join(dir, "pages", "patho.md"),
    "---\ntitle: Pathological\ndescription: A book whose chapter is one kind of markup, many times over.\n---\n\nThe chapter.\n",
  );
  await writeFile(
    path.join(dir, "pages", "patho-chapter-1.md"),
    `---\ntitle: Large\ndescription: One kind of markup, many times over.\nbook: patho\nchapter: 1\n---\n\n${body}\n`,
  );
}
