import { slug } from "github-slugger";
import { between, pick, seededRandom, type Random } from "./random.js";

/** A chapter of the synthetic library: where it lives and what its page will hold. */
export interface PlannedChapter {
  /** File name without `.md`, unique in `pages/` (`book-003-chapter-2-5`). */
  name: string;
  book: string;
  number: number;
  title: string;
  /** `##` headings, unique within the page. */
  headings: string[];
}

/** A book of the synthetic library: its home page and its chapters in reading order. */
export interface PlannedBook {
  slug: string;
  title: string;
  chapters: PlannedChapter[];
}

/** The whole synthetic library, before any file is written. */
export interface LibraryPlan {
  seed: number;
  books: PlannedBook[];
}

/** Chapters per book, about. */
export const BOOK_SIZE = 20;

const VERBS = [
  "Setting",
  "Scoring",
  "Reviewing",
  "Planning",
  "Measuring",
  "Sharing",
  "Choosing",
  "Writing",
  "Tracking",
  "Closing",
];
const NOUNS = [
  "Objectives",
  "Key Results",
  "Budgets",
  "Incidents",
  "Dashboards",
  "Roadmaps",
  "Reviews",
  "Alerts",
  "Backlogs",
  "Targets",
  "Retrospectives",
  "Services",
  "Teams",
  "Quarters",
  "Experiments",
  "Metrics",
];
const QUALIFIERS = ["Up", "Well", "Together", "Early", "Honestly", "in Practice", "at Scale", "Again"];
const TOPICS = ["Reliability", "Latency", "Capacity", "On-Call", "Onboarding", "Storage", "Networks", "Releases"];

/** Chapter numbers of a book of `count` chapters: -1 and 0 first, integers after, some halves between. */
export function chapterNumbers(count: number, random: Random): number[] {
  const numbers: number[] = [];
  for (let next = -1; numbers.length < count; next++) {
    numbers.push(next);
    const half = next === 2 || (next > 2 && random() < 0.15);
    if (half && numbers.length < count) numbers.push(next + 0.5);
  }
  return numbers;
}

/** The file name a chapter number gives: `-1` is `minus-1`, `2.5` is `2-5`. */
export function chapterName(book: string, number: number): string {
  const label = `${number < 0 ? "minus-" : ""}${Math.abs(number)}`.replace(".", "-");
  return `${book}-chapter-${label}`;
}

/** The id a heading gets on its page, as the site's Markdown setup writes it. */
export function headingId(text: string): string {
  return slug(text);
}

/** Plans `chapters` chapters in books of about twenty, the same for the same seed. */
export function planLibrary(chapters: number, seed = 1): LibraryPlan {
  const random = seededRandom(seed);
  const bookCount = Math.max(1, Math.round(chapters / BOOK_SIZE));
  const books: PlannedBook[] = [];
  for (let b = 0; b < bookCount; b++) {
    const slug = `book-${String(b + 1).padStart(4, "0")}`;
    // Spread the chapters evenly: the first books take one more when it does not divide.
    const count = Math.floor(chapters / bookCount) + (b < chapters % bookCount ? 1 : 0);
    const title = `${pick(random, TOPICS)} ${pick(random, NOUNS)}, Book ${b + 1}`;
    const planned = chapterNumbers(count, random).map((number) => ({
      name: chapterName(slug, number),
      book: slug,
      number,
      title: `${pick(random, VERBS)} ${pick(random, NOUNS)} ${pick(random, QUALIFIERS)}`,
      headings: headings(random, between(random, 3, 4)),
    }));
    books.push({ slug, title, chapters: planned });
  }
  return { seed, books };
}

function headings(random: Random, count: number): string[] {
  const chosen = new Set<string>();
  while (chosen.size < count) {
    const text = `${pick(random, VERBS)} the ${pick(random, NOUNS)}`;
    if (![...chosen].some((taken) => headingId(taken) === headingId(text))) chosen.add(text);
  }
  return [...chosen];
}
