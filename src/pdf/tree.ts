import { Element, Text, type ChildNode } from "domhandler";
import { textContent } from "domutils";
import { parseDocument } from "htmlparser2";
import { UNREAD_ELEMENTS } from "../renderers/unread-elements.js";

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

/** Elements whose content is nothing to read in print: those no whole-book output reads, and ruby's fallback parentheses, line-break hints and column groups. */
const DROPPED: ReadonlySet<string> = new Set([...UNREAD_ELEMENTS, "rp", "wbr", "colgroup", "col"]);

/** Elements that make a block of their own; everything else is read as running text. */
const BLOCKS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "details",
  "div",
  "dl",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "ul",
]);

/** Inline elements and the style each gives its text. */
const STYLES: Readonly<Record<string, TextStyle>> = {
  strong: "strong",
  b: "strong",
  em: "emphasis",
  i: "emphasis",
  cite: "emphasis",
  dfn: "emphasis",
  var: "emphasis",
  s: "strike",
  del: "strike",
  u: "underline",
  ins: "underline",
  mark: "highlight",
  sup: "superscript",
  sub: "subscript",
  small: "small",
};

const ALERTS: readonly AlertKind[] = ["note", "tip", "important", "warning", "caution"];

/**
 * A page's HTML, as the site renders it from Markdown, as a plain tree of blocks and runs of text
 * for the PDF's template to typeset. Text stays text: nothing in it is ever read as markup. Links
 * are resolved against the page; the section links beside headings, scripts and icons go;
 * footnotes move from the list at the end to where they are mentioned; a responsive picture
 * becomes its widest image.
 */
export function pageTree(html: string, options: TreeOptions): PageTree {
  const document = parseDocument(html);
  const converter = new Converter(options, footnotesOf(document.children));
  const blocks = converter.blocks(document.children);
  return { blocks, ids: converter.ids };
}

/** The footnotes of a page by their id (`fn1`), each its content without the links back. */
function footnotesOf(nodes: ChildNode[]): Map<string, ChildNode[]> {
  const notes = new Map<string, ChildNode[]>();
  for (const section of findElements(nodes, (node) => node.name === "section" && hasClass(node, "footnotes"))) {
    for (const item of findElements(section.children, (node) => node.name === "li" && hasClass(node, "footnote-item")))
      if (item.attribs.id) notes.set(item.attribs.id, item.children);
  }
  return notes;
}

class Converter {
  readonly ids: string[] = [];
  /** Footnotes already given, by id. */
  private readonly given = new Set<string>();
  /** The level of the last heading; the page's title, above its text, is level 1. */
  private level = 1;

  constructor(
    private readonly options: TreeOptions,
    private readonly footnotes: Map<string, ChildNode[]>,
  ) {}

  /** Nodes read as blocks: running text between blocks becomes a paragraph of its own. */
  blocks(nodes: readonly ChildNode[]): Block[] {
    const blocks: Block[] = [];
    let run: ChildNode[] = [];
    const flush = () => {
      const children = trimmed(this.inlines(run));
      if (children.length > 0) blocks.push(paragraphOrImage(children));
      run = [];
    };
    for (const node of nodes) {
      if (node instanceof Element && BLOCKS.has(node.name.toLowerCase()) && !this.skipped(node)) {
        flush();
        blocks.push(...this.block(node));
      } else run.push(node);
    }
    flush();
    return blocks;
  }

  /** A block element as blocks: itself, what it holds, or nothing. */
  private block(node: Element): Block[] {
    const name = node.name.toLowerCase();
    if (/^h[1-6]$/.test(name)) {
      // Levels go down one step at a time, as a document's outline does (PDF/UA requires it): a
      // heading that skips a level (## then ####) takes the next one down.
      const level = Math.min(Number(name[1]), this.level + 1);
      this.level = level;
      // An id written twice (raw HTML may) labels its first heading only.
      const id = node.attribs.id && !this.ids.includes(node.attribs.id) ? node.attribs.id : undefined;
      const label = id ? `${this.options.labelPrefix}${id}` : undefined;
      if (id) this.ids.push(id);
      return [{ type: "heading", level, label, children: trimmed(this.inlines(node.children)) }];
    }
    if (name === "p") {
      const children = trimmed(this.inlines(node.children));
      return children.length > 0 ? [paragraphOrImage(children)] : [];
    }
    if (name === "ul" || name === "ol") return [this.list(node, name === "ol")];
    if (name === "pre") return [codeBlock(node)];
    if (name === "blockquote") return [{ type: "quote", children: this.blocks(node.children) }];
    if (name === "hr") return [{ type: "rule" }];
    if (name === "table") return [this.table(node)];
    if (name === "dl") return [this.definitions(node)];
    if (name === "details") {
      const summary = node.children.find(
        (child): child is Element => child instanceof Element && child.name === "summary",
      );
      return [
        {
          type: "details",
          summary: trimmed(this.inlines(summary?.children ?? [])),
          children: this.blocks(node.children.filter((child) => child !== summary)),
        },
      ];
    }
    if (name === "figure") {
      const caption = node.children.find(
        (child): child is Element => child instanceof Element && child.name === "figcaption",
      );
      return [
        {
          type: "figure",
          children: this.blocks(node.children.filter((child) => child !== caption)),
          caption: trimmed(this.inlines(caption?.children ?? [])),
        },
      ];
    }
    const alert = ALERTS.find((kind) => hasClass(node, `markdown-alert-${kind}`));
    if (name === "div" && alert && hasClass(node, "markdown-alert")) {
      const title = node.children.find((child) => child instanceof Element && hasClass(child, "markdown-alert-title"));
      return [
        {
          type: "alert",
          kind: alert,
          title: title ? normalSpace(textContent(withoutDropped(title))).trim() : "",
          children: this.blocks(node.children.filter((child) => child !== title)),
        },
      ];
    }
    // Wrappers (a heading with its section link, a table's scroll region, a section) give way to what they hold.
    return this.blocks(node.children);
  }

  /** Nodes read as running text; a block inside running text gives its text. */
  inlines(nodes: readonly ChildNode[]): Inline[] {
    return nodes.flatMap((node) => this.inline(node));
  }

  private inline(node: ChildNode): Inline[] {
    if (node instanceof Text) return node.data ? [{ type: "text", value: normalSpace(node.data) }] : [];
    if (!(node instanceof Element) || this.skipped(node)) return [];
    const name = node.name.toLowerCase();
    if (name === "br") return [{ type: "break" }];
    if (name === "img") return image(node);
    if (name === "picture") {
      const img = node.children.find((child): child is Element => child instanceof Element && child.name === "img");
      return img ? image(img) : [];
    }
    if (name === "code" || name === "kbd" || name === "samp") return [{ type: "code", value: textContent(node) }];
    if (name === "sup" && hasClass(node, "footnote-ref")) return this.footnote(node);
    if (name === "a") return this.link(node);
    if (name === "q")
      return [{ type: "text", value: "“" }, ...this.inlines(node.children), { type: "text", value: "”" }];
    const style = STYLES[name];
    if (style) return [{ type: style, children: this.inlines(node.children) }];
    return this.inlines(node.children);
  }

  /** A footnote mark, as the footnote itself the first time, as a mention of it after. */
  private footnote(node: Element): Inline[] {
    const anchor = node.children.find((child): child is Element => child instanceof Element && child.name === "a");
    const id = anchor?.attribs.href?.startsWith("#") ? anchor.attribs.href.slice(1) : undefined;
    const content = id ? this.footnotes.get(id) : undefined;
    if (!id || !content) return [];
    const label = `${this.options.labelPrefix}${id}`;
    if (this.given.has(id)) return [{ type: "footnote-again", label }];
    this.given.add(id);
    return [{ type: "footnote", label, children: this.blocks(content) }];
  }

  /** A link with a place to go becomes a link; one without, its text. */
  private link(node: Element): Inline[] {
    const children = this.inlines(node.children);
    const href = node.attribs.href;
    if (href === undefined || !URL.canParse(href, this.options.pageUrl)) return children;
    return [{ type: "link", href: new URL(href, this.options.pageUrl).href, children }];
  }

  private list(node: Element, ordered: boolean): Block {
    const items = node.children.filter((child): child is Element => child instanceof Element && child.name === "li");
    const start = Number.parseInt(node.attribs.start ?? "1", 10);
    return {
      type: "list",
      ordered,
      // HTML lets a list start below zero; on paper it starts at zero, the lowest number the typesetter counts from.
      start: Number.isFinite(start) ? Math.max(0, start) : 1,
      // A list is tight when no item holds a paragraph: Markdown's "loose" lists put each in one.
      tight: !items.some((item) => item.children.some((child) => child instanceof Element && child.name === "p")),
      items: items.map((item) => this.blocks(item.children)),
    };
  }

  private table(node: Element): Block {
    const rows = findElements(
      node.children,
      (child) => child.name === "tr",
      (child) => child.name !== "table",
    );
    const cellsOf = (row: Element) =>
      row.children.filter(
        (child): child is Element => child instanceof Element && (child.name === "td" || child.name === "th"),
      );
    // The header is the rows of <thead>, or else the first rows that hold only header cells.
    let headerRows = rows.filter((row) => row.parent instanceof Element && row.parent.name === "thead");
    if (headerRows.length === 0) {
      const leading = rows.findIndex((row) => !cellsOf(row).every((child) => child.name === "th"));
      headerRows = rows.slice(0, leading === -1 ? 0 : leading);
    }
    const bodyRows = rows.filter((row) => !headerRows.includes(row));
    const cell = (element: Element): Cell => {
      const colspan = Number.parseInt(element.attribs.colspan ?? "1", 10);
      const rowspan = Number.parseInt(element.attribs.rowspan ?? "1", 10);
      return {
        children: trimmed(this.inlines(element.children)),
        ...(colspan > 1 ? { colspan: Math.min(colspan, 100) } : {}),
        ...(rowspan > 1 ? { rowspan: Math.min(rowspan, 1000) } : {}),
      };
    };
    const widths = rows.map((row) => cellsOf(row).reduce((sum, c) => sum + (cell(c).colspan ?? 1), 0));
    const columns = Math.max(1, ...widths);
    const first = rows[0] ? cellsOf(rows[0]) : [];
    const align: Align[] = [];
    for (const element of first) {
      const span = cell(element).colspan ?? 1;
      for (let i = 0; i < span; i++) align.push(alignmentOf(element));
    }
    while (align.length < columns) align.push(null);
    return {
      type: "table",
      columns,
      align,
      header: headerRows.map((row) => cellsOf(row).map(cell)),
      rows: bodyRows.map((row) => cellsOf(row).map(cell)),
    };
  }

  private definitions(node: Element): Block {
    const items: { term: Inline[]; details: Block[] }[] = [];
    for (const child of node.children) {
      if (!(child instanceof Element)) continue;
      if (child.name === "dt") items.push({ term: trimmed(this.inlines(child.children)), details: [] });
      else if (child.name === "dd") {
        if (items.length === 0) items.push({ term: [], details: [] });
        items.at(-1)!.details.push(...this.blocks(child.children));
      }
    }
    return { type: "definitions", items };
  }

  /** Nodes that carry nothing for a reader of the PDF: section links, footnote lists, icons, scripts. */
  private skipped(node: Element): boolean {
    const name = node.name.toLowerCase();
    return (
      DROPPED.has(name) ||
      (name === "a" && (hasClass(node, "heading-anchor") || hasClass(node, "footnote-backref"))) ||
      (name === "section" && hasClass(node, "footnotes")) ||
      (name === "hr" && hasClass(node, "footnotes-sep"))
    );
  }
}

/** A code block's language (from `language-js`) and its text, without the last line's end. */
function codeBlock(node: Element): Block {
  const code = node.children.find((child): child is Element => child instanceof Element && child.name === "code");
  const classes = `${node.attribs.class ?? ""} ${code?.attribs.class ?? ""}`;
  const language = /(?:^|\s)language-([A-Za-z0-9_+#.-]+)/.exec(classes)?.[1] ?? "";
  return { type: "code-block", language, value: textContent(node).replace(/\n$/, "") };
}

/** A picture with a site path, the widest of its candidates; a picture from elsewhere, its description. */
function image(img: Element): Inline[] {
  const src = widestCandidate(img) ?? img.attribs.src ?? "";
  const alt = normalSpace(img.attribs.alt ?? "").trim();
  if (!src.startsWith("/") || src.startsWith("//")) return alt ? [{ type: "text", value: alt }] : [];
  return [{ type: "image", src: decodeURI(src.split(/[?#]/)[0]), alt }];
}

/** The widest picture of an image's `srcset`, the one print should get. */
function widestCandidate(img: Element): string | undefined {
  const candidates = (img.attribs.srcset ?? "")
    .split(",")
    .map((entry) => entry.trim().split(/\s+/))
    .filter(([url]) => url)
    .map(([url, width = "0w"]) => ({ url, width: Number.parseInt(width, 10) || 0 }));
  return candidates.sort((a, b) => b.width - a.width)[0]?.url;
}

/** A paragraph that holds one picture alone is that picture, as a block. */
function paragraphOrImage(children: Inline[]): Block {
  const only = children.length === 1 ? children[0] : undefined;
  return only?.type === "image" ? only : { type: "paragraph", children };
}

/** Runs of text joined where they meet, one space between words, none at the two ends. */
function trimmed(inlines: Inline[]): Inline[] {
  const result: Inline[] = [];
  for (const inline of inlines) {
    const last = result.at(-1);
    if (inline.type === "text" && last?.type === "text")
      result[result.length - 1] = { type: "text", value: `${last.value}${inline.value}`.replace(/ {2,}/g, " ") };
    else if (inline.type !== "text" || inline.value !== "") result.push(inline);
  }
  const first = result[0];
  if (first?.type === "text") result[0] = { type: "text", value: first.value.trimStart() };
  const last = result.at(-1);
  if (last?.type === "text") result[result.length - 1] = { type: "text", value: last.value.trimEnd() };
  return result.filter((inline) => inline.type !== "text" || inline.value !== "");
}

/** Spaces, tabs and line ends as one space, as HTML shows them. */
function normalSpace(text: string): string {
  return text.replace(/[ \t\n\r\f]+/g, " ");
}

function alignmentOf(cell: Element): Align {
  const classes = cell.attribs.class ?? "";
  const style = /text-align:\s*(left|center|right)/.exec(cell.attribs.style ?? "")?.[1];
  const named = /(?:^|\s)align-(left|center|right)(?:\s|$)/.exec(classes)?.[1];
  return ((named ?? style) as Align | undefined) ?? null;
}

/** A copy of an element without the parts nobody reads (an alert's icon). */
function withoutDropped(node: ChildNode): ChildNode[] {
  if (!(node instanceof Element)) return [node];
  return node.children.filter((child) => !(child instanceof Element && DROPPED.has(child.name)));
}

function hasClass(node: ChildNode, name: string): boolean {
  return node instanceof Element && (node.attribs.class ?? "").split(/\s+/).includes(name);
}

/** Elements under `nodes` that match, looking inside only those `descend` allows. */
function findElements(
  nodes: readonly ChildNode[],
  match: (node: Element) => boolean,
  descend: (node: Element) => boolean = () => true,
): Element[] {
  const found: Element[] = [];
  for (const node of nodes) {
    if (!(node instanceof Element)) continue;
    if (match(node)) found.push(node);
    else if (descend(node)) found.push(...findElements(node.children, match, descend));
  }
  return found;
}
