/** A run of text and what it is set in: the pieces a paragraph, a heading or a cell is made of. */
export type Inline =
  | { type: "text"; value: string }
  | { type: TextStyle; children: Inline[] }
  | { type: "code"; value: string }
  /** A link as written, resolved against the page: the book's own pages are told apart later. */
  | { type: "link"; href: string; children: Inline[] }
  /** A link to a place in the document, by its label. */
  | { type: "ref"; target: string; children: Inline[] }
  /** A footnote's first mention, with its text; `label` names it for later mentions. */
  | { type: "footnote"; label: string; children: Block[] }
  /** A later mention of a footnote already given. */
  | { type: "footnote-again"; label: string }
  | ImageNode
  | { type: "break" };

/** The ways a run of text may be set apart. */
export type TextStyle =
  | "strong"
  | "emphasis"
  | "strike"
  | "underline"
  | "highlight"
  | "superscript"
  | "subscript"
  | "small";

/** A picture: its path on the site, and what it shows. */
export interface ImageNode {
  type: "image";
  src: string;
  alt: string;
}

/** A table cell: its text, and how many columns and rows it spans. */
export interface Cell {
  children: Inline[];
  colspan?: number;
  rowspan?: number;
}

/** How a column's cells are aligned; `null` leaves it to the template. */
export type Align = "left" | "center" | "right" | null;

/** GitHub's alert kinds. */
export type AlertKind = "note" | "tip" | "important" | "warning" | "caution";

/** A block of a page: the pieces a chapter is a sequence of. */
export type Block =
  | { type: "heading"; level: number; label?: string; children: Inline[] }
  | { type: "paragraph"; children: Inline[] }
  | { type: "list"; ordered: boolean; start: number; tight: boolean; items: Block[][] }
  | { type: "code-block"; language: string; value: string }
  | { type: "quote"; children: Block[] }
  | { type: "alert"; kind: AlertKind; title: string; children: Block[] }
  | { type: "table"; columns: number; align: Align[]; header: Cell[][]; rows: Cell[][] }
  | { type: "figure"; children: Block[]; caption: Inline[] }
  | { type: "details"; summary: Inline[]; children: Block[] }
  | { type: "definitions"; items: { term: Inline[]; details: Block[] }[] }
  | ImageNode
  | { type: "rule" };

/** A page's content as a tree, and the ids of its headings, each now a label. */
export interface PageTree {
  blocks: Block[];
  /** Heading ids of the page, in order. */
  ids: string[];
}

/** What a page's tree needs to know: where its links start from, and how its labels begin. */
export interface TreeOptions {
  /** The page's full URL (`https://books.example.org/pages/a/`), which its relative links start from. */
  pageUrl: string;
  /** Put before each id to make it a label unique in the whole book (`c3-`). */
  labelPrefix: string;
}
