import { writeFile } from "node:fs/promises";
import path from "node:path";
import { formatProblem, sortProblems } from "../book/problem.js";
import { loadContent } from "../content/load.js";
import { planBook, planChapter } from "../content/scaffold.js";
import { site } from "../site-settings.js";

/** `npm run new -- chapter <book> "<Title>"` or `npm run new -- book <slug> "<Title>"`. */
const USAGE = `Usage:
  npm run new -- chapter <book> "<Title>"   add the next chapter to a book
  npm run new -- book <slug> "<Title>"      start a new book`;

const [kind, slug, title] = process.argv.slice(2);
if (!["chapter", "book"].includes(kind) || !slug || !title?.trim()) {
  console.error(USAGE);
  process.exit(2);
}

const root = process.cwd();
const { library, problems } = await loadContent(root, { categories: site.categories, drafts: true });
if (problems.length > 0 && kind === "chapter") {
  for (const problem of sortProblems(problems)) console.error(formatProblem(problem));
  console.error("\nFix these first: the new chapter's number depends on the book being valid.");
  process.exit(1);
}

const plan =
  kind === "chapter"
    ? planChapter(library, slug, title.trim())
    : planBook(library, slug, title.trim(), site.categories[0]);
if ("error" in plan) {
  console.error(plan.error);
  process.exit(1);
}

try {
  await writeFile(path.join(root, plan.file), plan.text, { flag: "wx" });
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
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
