import path from "node:path";
import * as pagefind from "pagefind";

/** What indexing found: how many pages went into the index. */
export interface SearchIndexResult {
  pages: number;
}

/**
 * Builds the Pagefind index of a written site into `<outputDir>/pagefind/`.
 * Only pages marked `data-pagefind-body` are indexed, so drafts and the 404 page stay out.
 */
export async function indexSearch(outputDir: string): Promise<SearchIndexResult> {
  // The "#" link beside each heading is for copying, not for reading in an excerpt.
  const { index, errors } = await pagefind.createIndex({ excludeSelectors: [".heading-anchor"] });
  try {
    if (!index) throw new Error(`Search indexing failed to start: ${errors.join("; ")}`);
    const added = await index.addDirectory({ path: outputDir });
    if (added.errors.length > 0) throw new Error(`Search indexing failed: ${added.errors.join("; ")}`);
    const written = await index.writeFiles({ outputPath: path.join(outputDir, "pagefind") });
    if (written.errors.length > 0) throw new Error(`Writing the search index failed: ${written.errors.join("; ")}`);
    return { pages: added.page_count };
  } finally {
    await pagefind.close();
  }
}
