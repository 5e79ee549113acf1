import { writeFile } from "node:fs/promises";
import path from "node:path";
import { formatProblem, sortProblems } from "../book/problem.js";
import { loadContent } from "../content/load.js";
import { planBook, planChapter } from "../content/scaffold.js";
import { site } from "../site-settings.js";
import { commandOptions } from "../cli-options.js";
import { errorCode } from "../book/error-code.js";

/**
 * `npm run new -- chapter <book> "<Title>" [--after <n>]` or `npm run new -- book <slug> "<Title>"`.
 */
const USAGE = `Usage:
  npm run new -- chapter <book> "<Title>"               add a chapter after the book's last one
  npm run new -- chapter <book> "<Title>" --after <n>   add a chapter between chapter <n> and the next
  npm run new -- book <slug> "<Title>"                  start a new book`;

const { values, positionals } = commandOptions("new", USAGE, {
  options: { after: { type: "string" } },
  allowPositionals: true,
});
const [kind, slug, title] = positionals;
const wrong = argumentsProblem();
if (wrong) {
  console.error(`new: ${wrong}\n\n${USAGE}`);
  process.exit(2);
}
const after = values.after === undefined ? undefined : Number(values.after);

const root = process.cwd();
const { library, problems } = await loadContent(root, { categories: site.categories, drafts: true });
if (problems.length > 0 && kind === "chapter") {
  for (const problem of sortProblems(problems)) console.error(formatProblem(problem));
  console.error("\nFix these first: the new chapter's number depends on the book being valid.");
  process.exit(1);
}

const plan =
  kind === "chapter"
    ? planChapter(library, slug, title.trim(), after)
    : planBook(library, slug, title.trim(), site.categories[0]);
if ("error" in plan) {
  console.error(plan.error);
  process.exit(1);
}

try {
  await writeFile(path.join(root, plan.file), plan.text, { flag: "wx" });
} catch (error) {
  if (errorCode(error) !== "EEXIST") throw error;
  console.error(`${plan.file} already exists; nothing was written.`);
  process.exit(1);
}
console.log(`Wrote ${plan.file}.`);
if (kind === "chapter") {
  console.log('It starts as a draft: preview it with npm start, and remove "draft: true" when it is ready to publish.');
} else {
  console.log('The book starts as a draft: remove "draft: true" from its home page when it is ready to publish.');
  console.log(`Add chapters with: npm run new -- chapter ${slug} "<Title>"`);
}

/** What is wrong with the arguments, in one sentence, or undefined when they make sense. */
function argumentsProblem(): string | undefined {
  if (kind !== "chapter" && kind !== "book") {
    return kind === undefined
      ? "say what to start: chapter or book."
      : `"${kind}" is not something it starts: say chapter or book.`;
  }
  if (!slug) return kind === "chapter" ? "name the book the chapter is for." : "give the book's slug.";
  if (!title?.trim()) return `give the ${kind}'s title, in quotes.`;
  if (positionals.length > 3) return `unexpected argument "${positionals[3]}": put a title of several words in quotes.`;
  if (values.after === undefined) return undefined;
  if (kind === "book") return "--after places a chapter in its book; a book takes no --after.";
  if (!/^\s*-?(\d+(\.\d*)?|\.\d+)\s*$/.test(values.after)) {
    return `--after takes the number of a chapter, such as 2, not "${values.after}".`;
  }
  return undefined;
}
