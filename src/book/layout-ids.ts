/**
 * The ids the layouts give their own elements (`layouts/`, the EPUB's included): skip links,
 * `aria-controls` and the search name them, so no heading or raw HTML of a page may take one.
 * A test keeps this list and the layouts' `id="..."` in step.
 */
export const LAYOUT_IDS: readonly string[] = [
  "book-downloads-heading",
  "book-creator",
  "book-end-heading",
  "book-id",
  "book-title",
  "books-heading",
  "chapters-heading",
  "cover",
  "filter-category",
  "filter-status",
  "filter-text",
  "landmarks",
  "main",
  "nav",
  "ncx",
  "print-toc-heading",
  "search-input",
  "search-result",
  "search-results",
  "search-status",
  "sidebar",
  "style",
  "title-page",
  "toc",
  "toc-heading",
  "whats-new-heading",
];
