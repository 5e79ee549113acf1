import path from "node:path";
import { pageTree, type Block, type ImageNode, type Inline } from "./tree.js";

/** A page of the book as the site published it: its URL and the HTML of its Markdown. */
export interface PdfPage {
  url: string;
  html: string;
}

/** A chapter of the book as the site published it. */
export interface PdfChapter extends PdfPage {
  title: string;
  description: string;
  /** Site path of its header picture (`/images/x.svg`). */
  image?: string;
  imageAlt?: string;
}

/** A book and what its PDF says of where and when it is published. */
export interface PdfBookSource {
  book: {
    url: string;
    title: string;
    description: string;
    /** Site path of the book's header picture, shown on the cover. */
    image?: string;
    imageAlt?: string;
    /** The book's home page: its own text is the introduction. */
    home: PdfPage;
    chapters: readonly PdfChapter[];
  };
  site: { url: string; language: string };
  author: string;
  /** When the book last changed: the same for every build of one commit. */
  date: Date;
}

/** A picture the template reads: the name it has in the compiler's files, and its path on the site. */
export interface PdfImage {
  file: string;
  sitePath: string;
}

/** A picture as the template shows it: `src` is its name among the compiler's files. */
export type PictureData = Omit<ImageNode, "type">;

/** A chapter as the template typesets it. */
export interface ChapterData {
  /** 1-based place in the book. */
  number: number;
  label: string;
  title: string;
  description: string;
  image?: PictureData;
  blocks: Block[];
}

/** Everything the template typesets, as plain data. */
export interface BookData {
  title: string;
  description: string;
  author: string;
  /** The language of the text (`en`), and its region when the site names one (`GB` of `en-GB`). */
  language: string;
  region: string | null;
  /** The book's address on the web. */
  address: string;
  /** The date, for the document's metadata and, as `text`, for the title page. */
  date: { year: number; month: number; day: number; hour: number; minute: number; second: number; text: string };
  cover?: PictureData;
  introduction: { label: string; blocks: Block[] };
  chapters: ChapterData[];
}

/** The book's document: the data for the template, and the pictures it names. */
export interface PdfBookDocument {
  data: BookData;
  images: PdfImage[];
}

/** The labels of the title page (layouts/pdf/book.typ sets it) and the introduction; a chapter's is `c` and its place (`c3`). */
const COVER = "cover";
const INTRODUCTION = "intro";

/** Picture formats the typesetter reads as they are; any other is drawn as PNG first. */
export const TYPESET_FORMATS = new Set([".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"]);

/**
 * A book as the data its PDF is typeset from: the introduction (the book home's own text) and
 * every chapter in reading order, each as a tree of blocks. Links to pages of the book lead to
 * their place in the document, to a section when they name one; links elsewhere on the site
 * become full addresses. Pictures get file names of our making, whatever their path on the site.
 */
export function bookDocument(source: PdfBookSource): PdfBookDocument {
  const { book, site } = source;
  const pageUrl = (url: string) => new URL(url, site.url).href;
  const pages = [
    { ...book.home, label: INTRODUCTION },
    ...book.chapters.map((chapter, index) => ({ ...chapter, label: `c${index + 1}` })),
  ].map((page) => ({ ...page, ...pageTree(page.html, { pageUrl: pageUrl(page.url), labelPrefix: `${page.label}-` }) }));

  // Where each page of the book is in the document: its label, and the labels of its sections. A
  // book home without text of its own has no introduction: links to it lead to the title page.
  const places = new Map(
    pages.map((page) => [
      pageUrl(page.url),
      { label: page.label === INTRODUCTION && page.blocks.length === 0 ? COVER : page.label, ids: new Set(page.ids) },
    ]),
  );
  const origin = new URL(site.url).origin;

  const images = new Map<string, PdfImage>();
  const picture = (node: PictureData): PictureData => {
    let image = images.get(node.src);
    if (!image) {
      const extension = path.posix.extname(node.src).toLowerCase();
      const file = `images/${images.size + 1}${TYPESET_FORMATS.has(extension) ? extension : ".png"}`;
      image = { file, sitePath: node.src };
      images.set(node.src, image);
    }
    return { src: image.file, alt: node.alt };
  };

  const inline = (node: Inline): Inline[] => {
    switch (node.type) {
      case "link": {
        const children = node.children.flatMap(inline);
        const url = new URL(node.href);
        const hash = decodeURIComponent(url.hash.slice(1));
        url.hash = "";
        const place = url.origin === origin && !url.search ? places.get(url.href) : undefined;
        if (place)
          return [{ type: "ref", target: place.ids.has(hash) ? `${place.label}-${hash}` : place.label, children }];
        if (/^(https?|mailto|tel):$/.test(url.protocol)) return [{ type: "link", href: node.href, children }];
        return children;
      }
      case "image":
        return [{ type: "image", ...picture(node) }];
      case "footnote":
        return [{ ...node, children: node.children.flatMap(block) }];
      case "strong":
      case "emphasis":
      case "strike":
      case "underline":
      case "highlight":
      case "superscript":
      case "subscript":
      case "small":
      case "ref":
        return [{ ...node, children: node.children.flatMap(inline) }];
      default:
        return [node];
    }
  };
  const block = (node: Block): Block[] => {
    switch (node.type) {
      case "heading":
      case "paragraph":
        return [{ ...node, children: node.children.flatMap(inline) }];
      case "image":
        return [{ type: "image", ...picture(node) }];
      case "list":
        return [{ ...node, items: node.items.map((item) => item.flatMap(block)) }];
      case "quote":
      case "alert":
        return [{ ...node, children: node.children.flatMap(block) }];
      case "figure":
        return [{ ...node, children: node.children.flatMap(block), caption: node.caption.flatMap(inline) }];
      case "details":
        return [{ ...node, children: node.children.flatMap(block), summary: node.summary.flatMap(inline) }];
      case "definitions":
        return [
          {
            ...node,
            items: node.items.map((item) => ({
              term: item.term.flatMap(inline),
              details: item.details.flatMap(block),
            })),
          },
        ];
      case "table": {
        const cells = (row: { children: Inline[] }[]) =>
          row.map((cell) => ({ ...cell, children: cell.children.flatMap(inline) }));
        return [{ ...node, header: node.header.map(cells), rows: node.rows.map(cells) }];
      }
      default:
        return [node];
    }
  };

  const [home, ...chapters] = pages;
  const date = source.date;
  const data: BookData = {
    title: book.title,
    description: book.description,
    author: source.author,
    language: site.language.split("-")[0].toLowerCase(),
    region: /^[a-z]{2,3}-([a-z]{2})\b/i.exec(site.language)?.[1]?.toUpperCase() ?? null,
    address: pageUrl(book.url),
    date: {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
      text: new Intl.DateTimeFormat(site.language, { dateStyle: "long", timeZone: "UTC" }).format(date),
    },
    cover: book.image ? picture({ src: book.image, alt: book.imageAlt ?? "" }) : undefined,
    introduction: { label: home.label, blocks: home.blocks.flatMap(block) },
    chapters: chapters.map((chapter, index) => {
      const { image, imageAlt } = book.chapters[index];
      return {
        number: index + 1,
        label: chapter.label,
        title: book.chapters[index].title,
        description: book.chapters[index].description,
        image: image ? picture({ src: image, alt: imageAlt ?? "" }) : undefined,
        blocks: chapter.blocks.flatMap(block),
      };
    }),
  };
  return { data, images: [...images.values()] };
}
