import { buildLibrary, type LibraryResult, type PageInput } from "./library.js";
import { pageReader, type PageRules } from "./page.js";
import type { Problem } from "./problem.js";

/** A content file's path (relative to the content root) and its text. */
export interface Source {
  file: string;
  text: string;
}

/** Options for turning sources into a library. */
export interface ContentOptions extends PageRules {
  /** Keep `draft: true` pages in the library (the dev server does; production does not). */
  drafts?: boolean;
}

/** Reads every source, checks it, and builds the library: all problems, none thrown. */
export function readContent(sources: readonly Source[], options: ContentOptions = {}): LibraryResult {
  const problems: Problem[] = [];
  const pages: PageInput[] = [];
  const readPage = pageReader(options);
  for (const { file, text } of sources) {
    const result = readPage(file, text);
    problems.push(...result.problems);
    if (result.page && (options.drafts || !result.page.data.draft)) pages.push(result.page);
  }
  const built = buildLibrary(pages);
  return { library: built.library, problems: [...problems, ...built.problems] };
}
