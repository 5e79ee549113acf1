import { createHash } from "node:crypto";
import path from "node:path";
import { strToU8, zipSync, type Zippable } from "fflate";
import nunjucks from "nunjucks";
import { REPO_ROOT } from "../repo.js";
import { bookImage, bookImageName, isAnimated, mediaTypeOf } from "./images.js";
import { toXhtml, type XhtmlHeading } from "./xhtml.js";

/** A chapter as the site published it. */
export interface EpubChapter {
  url: string;
  title: string;
  description: string;
  /** 1-based place in the book. */
  position: number;
  /** The chapter's content as the site renders it, without the page around it. */
  html: string;
  /** Its header picture: its path on the site (`/images/x.svg`) and what it shows. */
  image?: { url: string; alt: string };
}

/** A book and what the EPUB needs to know of the site it is published on. */
export interface EpubInput {
  book: {
    slug: string;
    url: string;
    title: string;
    description: string;
    /** Who wrote it. */
    author: string;
    /** The text of the book's home page as the site renders it: the introduction, after the title page. */
    introduction?: string;
    chapters: readonly EpubChapter[];
  };
  /** The cover: a PNG, and what it shows for readers who cannot see it. */
  cover?: { png: Uint8Array; alt: string };
  site: { title: string; url: string; language: string };
  /** When the book last changed: the same for every build of one commit. */
  modified: Date;
  /** When the book was first published: the same for every build of one commit. */
  published: Date;
  /** The bytes of a file the site publishes, by its path (`/img/x.png`), or undefined when there is none. */
  readFile(sitePath: string): Promise<Uint8Array | undefined>;
}

/** A book's EPUB could not be made: a file it needs is missing. */
export class EpubError extends Error {
  constructor(
    message: string,
    /** The site path of the file that is missing. */
    readonly sitePath: string,
    /** The URL of the page that needs it. */
    readonly pageUrl: string,
  ) {
    super(message);
    this.name = "EpubError";
  }
}

/** Where the package lives inside the EPUB, beside META-INF. */
const PACKAGE_DIR = "EPUB";
const TEMPLATES = path.join(REPO_ROOT, "layouts/epub");

/** Names the package gives its own documents, which no chapter takes. */
const OWN_FILES = ["cover.xhtml", "title.xhtml", "introduction.xhtml", "nav.xhtml"];

/** The name of the cover picture inside the package. */
const COVER_FILE = "images/cover.png";

/**
 * A book as an EPUB 3 file (with an NCX for older readers): a cover, a title page, the book's
 * introduction, then its chapters in reading order as XHTML, a navigation document from them and
 * their headings, the pictures packed inside, and metadata reading apps show: author, dates, and
 * what the book offers readers with disabilities (EPUB Accessibility 1.1). The same input gives
 * the same bytes.
 */
export async function writeEpub(input: EpubInput): Promise<Uint8Array> {
  const { book, site } = input;
  const env = templates();
  const bookUrl = new URL(book.url, site.url).href;
  const identifier = `urn:uuid:${nameUuid(bookUrl)}`;

  const files = new Set(OWN_FILES);
  const chapterFiles = new Map<string, string>();
  for (const chapter of book.chapters) {
    const file = uniqueName(fileStem(chapter.url), ".xhtml", files);
    chapterFiles.set(chapter.url, file);
    files.add(file);
  }
  // Links to the book's home page lead to its introduction, when the book carries one.
  const introduction = book.introduction?.trim() ? "introduction.xhtml" : undefined;
  const documentOf = (url: string) => chapterFiles.get(url) ?? (url === book.url ? introduction : undefined);

  // Pictures by site path, each packed once, in the order the book shows them.
  const images = new Map<string, { file: string; pageUrl: string }>();
  const taken = new Set(input.cover ? [COVER_FILE] : []);
  const imageFile = (sitePath: string, pageUrl: string) => {
    let image = images.get(sitePath);
    if (!image) {
      const name = bookImageName(sitePath);
      const extension = name.slice(name.lastIndexOf("."));
      image = { file: uniqueName(name.slice(0, -extension.length), extension, taken), pageUrl };
      taken.add(image.file);
      images.set(sitePath, image);
    }
    return image.file;
  };
  const xhtml = (html: string, pageUrl: string) =>
    toXhtml(html, {
      siteUrl: site.url,
      pageUrl,
      chapterFile: documentOf,
      imageFile: (sitePath) => imageFile(sitePath, pageUrl),
    });

  let order = 0;
  const withSections = (headings: readonly XhtmlHeading[]) =>
    nestHeadings(headings).map((section) => ({
      ...section,
      order: ++order,
      subsections: section.subsections.map((sub) => ({ ...sub, order: ++order })),
    }));
  const intro = introduction
    ? (() => {
        const { body, headings } = xhtml(book.introduction!, book.url);
        return {
          id: "introduction",
          file: introduction,
          title: "Introduction",
          body,
          order: ++order,
          sections: withSections(headings),
        };
      })()
    : undefined;
  const chapters = book.chapters.map((chapter, index) => {
    const { body, headings } = xhtml(chapter.html, chapter.url);
    const image = chapter.image && isSitePath(chapter.image.url) ? chapter.image : undefined;
    return {
      id: `chapter-${index + 1}`,
      file: chapterFiles.get(chapter.url)!,
      position: chapter.position,
      title: chapter.title,
      description: chapter.description,
      image: image ? imageFile(image.url, chapter.url) : undefined,
      imageAlt: image?.alt ?? "",
      body,
      order: ++order,
      sections: withSections(headings),
    };
  });

  const read = async (sitePath: string, pageUrl: string) => {
    const bytes = await input.readFile(sitePath);
    if (!bytes)
      throw new EpubError(
        `the EPUB of "${book.title}" needs ${sitePath}, which the site does not have.`,
        sitePath,
        pageUrl,
      );
    return bytes;
  };
  const pictures = await Promise.all(
    [...images].map(async ([sitePath, image], index) => {
      const bytes = await bookImage(sitePath, image.file, await read(sitePath, image.pageUrl));
      return {
        id: `image-${index + 1}`,
        file: image.file,
        mediaType: mediaTypeOf(image.file),
        cover: false,
        bytes,
        moving: await isAnimated(bytes),
      };
    }),
  );
  const cover = input.cover
    ? {
        id: "cover-image",
        file: COVER_FILE,
        mediaType: "image/png",
        cover: true,
        bytes: input.cover.png,
        moving: false,
      }
    : undefined;
  const packed = cover ? [cover, ...pictures] : pictures;
  const contents = intro ? [intro, ...chapters] : chapters;

  const data = {
    book,
    site,
    bookUrl,
    identifier,
    language: site.language,
    modified: w3cDate(input.modified),
    published: w3cDate(input.published),
    publishedText: readableDate(input.published, site.language),
    modifiedText: readableDate(input.modified, site.language),
    cover: cover && { ...cover, alt: input.cover!.alt },
    intro,
    chapters,
    contents,
    images: packed,
    accessibility: {
      pictures: packed.length,
      moving: packed.some((image) => image.moving),
    },
    depth: contents.some((c) => c.sections.some((s) => s.subsections.length))
      ? 3
      : contents.some((c) => c.sections.length)
        ? 2
        : 1,
    packagePath: `${PACKAGE_DIR}/package.opf`,
  };
  const text = (template: string, extra: object = {}) => strToU8(env.render(template, { ...data, ...extra }));

  // The mimetype comes first and is stored as it is, as the OCF container requires; every entry
  // has one fixed date so two builds of one commit give the same bytes.
  const entries: Zippable = {
    mimetype: [strToU8("application/epub+zip"), { level: 0 }],
    "META-INF/container.xml": text("container.xml.njk"),
    [`${PACKAGE_DIR}/package.opf`]: text("package.opf.njk"),
    [`${PACKAGE_DIR}/nav.xhtml`]: text("nav.xhtml.njk"),
    [`${PACKAGE_DIR}/toc.ncx`]: text("toc.ncx.njk"),
    [`${PACKAGE_DIR}/style.css`]: strToU8(env.getTemplate("style.css").render({})),
    [`${PACKAGE_DIR}/title.xhtml`]: text("title.xhtml.njk"),
  };
  if (cover) entries[`${PACKAGE_DIR}/cover.xhtml`] = text("cover.xhtml.njk");
  if (intro) entries[`${PACKAGE_DIR}/${intro.file}`] = text("introduction.xhtml.njk");
  for (const chapter of chapters) entries[`${PACKAGE_DIR}/${chapter.file}`] = text("chapter.xhtml.njk", { chapter });
  for (const image of packed) entries[`${PACKAGE_DIR}/${image.file}`] = [image.bytes, { level: 0 }];
  return zipSync(entries, { level: 9, mtime: ZIP_DATE });
}

/** A path of the site (`/images/x.svg`), not an address elsewhere. */
function isSitePath(url: string): boolean {
  return url.startsWith("/") && !url.startsWith("//");
}

/** A date as EPUB metadata writes it: UTC, to the second (`2026-03-04T05:06:07Z`). */
function w3cDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A date as readers read it, in the book's language: `4 March 2026`. */
function readableDate(date: Date, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(date);
}

/**
 * The EPUB's templates, compiled once per process and shared by every book: they are the
 * product's own files, not content.
 */
let environment: nunjucks.Environment | undefined;
function templates(): nunjucks.Environment {
  environment ??= new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATES), {
    autoescape: true,
    throwOnUndefined: false,
  });
  return environment;
}

/**
 * The date on every entry of the archive: the first a ZIP can hold. Built from local fields, as
 * ZIP dates are, so it is the same in every time zone.
 */
const ZIP_DATE = new Date(1980, 0, 1, 0, 0, 0);

/** h2 headings with the h3s that follow each; an h3 before any h2 stands alone. */
function nestHeadings(headings: readonly XhtmlHeading[]) {
  const sections: (XhtmlHeading & { subsections: XhtmlHeading[] })[] = [];
  for (const heading of headings) {
    const last = sections.at(-1);
    if (heading.level > 2 && last) last.subsections.push(heading);
    else sections.push({ ...heading, subsections: [] });
  }
  return sections;
}

/** A file name from the last part of a page's URL: `/pages/okr-chapter-1/` is `okr-chapter-1`. */
function fileStem(url: string): string {
  const last = url.split("/").filter(Boolean).at(-1) ?? "chapter";
  return last.replace(/[^A-Za-z0-9_-]+/g, "-") || "chapter";
}

/** `stem + extension`, or with `-2`, `-3`... when that name is taken. */
function uniqueName(stem: string, extension: string, taken: { has(name: string): boolean }): string {
  let name = `${stem}${extension}`;
  for (let n = 2; taken.has(name); n++) name = `${stem}-${n}${extension}`;
  return name;
}

/** A name-based UUID (version 5, URL namespace): the same URL always gives the same identifier. */
function nameUuid(url: string): string {
  const namespace = Buffer.from("6ba7b8119dad11d180b400c04fd430c8", "hex");
  const hash = createHash("sha1").update(namespace).update(url).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
