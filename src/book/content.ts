import { site } from "../site-settings.js";
import { runContentChecks, type Check, type ContentFacts } from "./checks.js";
import { assembleLibrary, type LibraryResult, type PageInput } from "./library.js";
import { pageFileReader, type PageFile, type PageRules } from "./page.js";

/** A content file's path (relative to the content root) and its text. */
export interface Source {
  file: string;
  text: string;
}

/** Options for turning sources into a library. */
export interface ContentOptions extends PageRules {
  /** Keep `draft: true` pages in the library (the dev server does; production does not). */
  drafts?: boolean;
  /** The checks to run; every content check by default. */
  checks?: readonly Check[];
}

/** The library, the problems of the content checks, and the facts they looked at. */
export interface ContentResult extends LibraryResult {
  facts: ContentFacts;
}

/** Reads every source, builds the library and runs the content checks: all problems, none thrown. */
export function readContent(sources: readonly Source[], options: ContentOptions = {}): ContentResult {
  const categories = options.categories ?? site.categories;
  const read = pageFileReader({ categories });
  const files: PageFile[] = sources.map(({ file, text }) => read(file, text));
  const pages: PageInput[] = files.flatMap(({ page }) =>
    page && (options.drafts || !page.data.draft) ? [page] : [],
  );
  const facts: ContentFacts = { files, pages, library: assembleLibrary(pages), categories };
  return { library: facts.library, problems: runContentChecks(facts, options.checks), facts };
}
