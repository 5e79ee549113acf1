import { Element, Text, type ChildNode } from "domhandler";
import { textContent } from "domutils";
import { parseDocument } from "htmlparser2";
import { UNREAD_ELEMENTS } from "../renderers/unread-elements.js";
import type { Align, AlertKind, Block, Cell, Inline, PageTree, TextStyle, TreeOptions } from "./tree-data.js";
import {
  alignmentOf,
  codeBlock,
  findElements,
  hasClass,
  image,
  normalSpace,
  paragraphOrImage,
  trimmed,
} from "./tree-html.js";

/** The plain data a page becomes, declared in tree-data.ts. */
export type {
  Inline,
  TextStyle,
  ImageNode,
  Cell,
  Align,
  AlertKind,
  Block,
  PageTree,
  TreeOptions,
} from "./tree-data.js";

/** Elements whose content is nothing to read in print: those no whole-book output reads, and ruby's fallback parentheses, line-break hints and column groups. */
const DROPPED: ReadonlySet<string> = new Set([...UNREAD_ELEMENTS, "rp", "wbr", "colgroup", "col"]);

/** Elements that make a block of their own; everything else is read as running text. */
const BLOCKS: ReadonlySet<string> = new Set([
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
        // Details before any term belong to a term of their own, left empty.
        const last = items.at(-1) ?? { term: [], details: [] };
        if (items.length === 0) items.push(last);
        last.details.push(...this.blocks(child.children));
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

/** A copy of an element without the parts nobody reads (an alert's icon). */
function withoutDropped(node: ChildNode): ChildNode[] {
  if (!(node instanceof Element)) return [node];
  return node.children.filter((child) => !(child instanceof Element && DROPPED.has(child.name)));
}
