import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { headingId, planLibrary, type LibraryPlan, type PlannedBook, type PlannedChapter } from "./plan-library.js";
import { between, pick, seededRandom, type Random } from "./random.js";

const STATUSES = ["green", "yellow", "orange", "red"] as const;
const CATEGORIES = ["optimization", "educational", "self-help", "mentoring", "theory", "meta"] as const;
const WORDS = (
  "team service budget error latency review quarter target owner metric alert incident deploy rollback " +
  "capacity queue request storage network release customer promise page cost risk plan goal result " +
  "measure score track share agree decide write change learn improve reduce keep start stop ask " +
  "every each most some clear small large early late honest simple careful steady shared weekly"
).split(" ");

/** A small picture the chapters show, so images are copied and checked as in a real book. */
const DIAGRAM = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20" width="40" height="20"><rect width="40" height="20" fill="#48a"/></svg>\n`;

/** Writes a synthetic library of `chapters` chapters into `dir` (index.md, pages/, images/); returns its plan. */
export async function writeLibrary(dir: string, chapters: number, seed = 1): Promise<LibraryPlan> {
  const plan = planLibrary(chapters, seed);
  const random = seededRandom(seed ^ 0x5eed);
  await mkdir(path.join(dir, "pages"), { recursive: true });
  await mkdir(path.join(dir, "images"), { recursive: true });
  await writeFile(path.join(dir, "images", "diagram.svg"), DIAGRAM);
  await writeFile(path.join(dir, "index.md"), homePage(plan));
  const files: [string, string][] = [];
  for (const book of plan.books) {
    files.push([`${book.slug}.md`, bookPage(book, random)]);
    for (const [i, chapter] of book.chapters.entries())
      files.push([`${chapter.name}.md`, chapterPage(plan, book, i, random)]);
  }
  for (const [name, text] of files) await writeFile(path.join(dir, "pages", name), text);
  return plan;
}

/** Number of Markdown pages a plan writes: the home page, one per book and one per chapter. */
export function pageCount(plan: LibraryPlan): number {
  return 1 + plan.books.reduce((sum, book) => sum + 1 + book.chapters.length, 0);
}

function frontMatter(fields: Record<string, string | number>): string {
  const lines = Object.entries(fields).map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join("\n")}\n---\n`;
}

function homePage(plan: LibraryPlan): string {
  return `${frontMatter({
    layout: "home",
    title: "Synthetic library",
    description: "A generated library for the build benchmark.",
  })}\n${plan.books.length} generated books, the same for seed ${plan.seed}.\n`;
}

function bookPage(book: PlannedBook, random: Random): string {
  const first = book.chapters[0];
  const start = first ? `Start with [${first.title}](./${first.name}.md).\n` : "";
  return `${frontMatter({
    title: book.title,
    description: `A generated book of ${book.chapters.length} chapters.`,
    status: pick(random, STATUSES),
    category: pick(random, CATEGORIES),
  })}\n${paragraph(random)}\n\n${start}`;
}

function chapterPage(plan: LibraryPlan, book: PlannedBook, index: number, random: Random): string {
  const chapter = book.chapters[index];
  const previous = book.chapters[index - 1];
  const elsewhere = pick(random, pick(random, plan.books).chapters);
  const sections = chapter.headings.map((heading, i) => section(heading, i, random));
  const links = [
    `Back to [the book's home](./${book.slug}.md).`,
    previous ? `This follows [${previous.title}](./${previous.name}.md).` : "This is where the book begins.",
    elsewhere ? `Compare [${elsewhere.title}](${sectionUrl(elsewhere, random)}).` : "",
  ].filter(Boolean);
  return `${[
    frontMatter({
      title: chapter.title,
      description: `${capitalised(sentenceWords(random, 8))}.`,
      status: pick(random, STATUSES),
      category: pick(random, CATEGORIES),
      book: chapter.book,
      chapter: chapter.number,
    }),
    paragraph(random),
    links.join(" "),
    ...sections,
  ].join("\n\n")}\n`;
}

function sectionUrl(chapter: PlannedChapter, random: Random): string {
  return `/pages/${chapter.name}/#${headingId(pick(random, chapter.headings))}`;
}

function section(heading: string, index: number, random: Random): string {
  const parts = [`## ${heading}`, paragraph(random), paragraph(random)];
  if (index === 0) parts.push("### Checklist", list(random, "-"), list(random, "1."));
  if (index === 1) parts.push("### A worked example", codeBlock(random), "![A small diagram](../images/diagram.svg)");
  return parts.join("\n\n");
}

function list(random: Random, marker: string): string {
  return Array.from(
    { length: between(random, 3, 5) },
    () => `${marker} ${capitalised(sentenceWords(random, 6))}.`,
  ).join("\n");
}

function codeBlock(random: Random): string {
  const target = between(random, 90, 999) / 10;
  return [
    "```ts",
    `const target = ${target};`,
    "export function score(done: number, planned: number): number {",
    "  return Math.min(1, done / planned) * target;",
    "}",
    "```",
  ].join("\n");
}

function paragraph(random: Random): string {
  return Array.from(
    { length: between(random, 3, 5) },
    () => `${capitalised(sentenceWords(random, between(random, 8, 16)))}.`,
  ).join(" ");
}

function sentenceWords(random: Random, count: number): string {
  return Array.from({ length: count }, () => pick(random, WORDS)).join(" ");
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
