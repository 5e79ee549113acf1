import { createHash } from "node:crypto";
import path from "node:path";
import { strToU8, zipSync, type Zippable } from "fflate";
import nunjucks from "nunjucks";
import { REPO_ROOT } from "../repo.js";
import { bookImage, bookImageName, mediaTypeOf } from "./images.js";
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
  /** Site path of its header picture (`/images/x.svg`). */
  image?: string;
  imageAlt?: string;
}

/** A book and what the EPUB needs to know of the site it is published on. */
export interface EpubInput {
  book: {
    slug: string;
    url: string;
    title: string;
    description: string;
    /** Site path of the header picture, which becomes the cover. */
    image?: string;
    imageAlt?: string;
    chapters: readonly EpubChapter[];
  };
  site: { title: string; url: string; language: string };
  /** When the book last changed: the same for every build of one commit. */
  modified: Date;
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

/**
 * A book as an EPUB 3 file (with an NCX for older readers): its chapters in reading order as
 * XHTML, a navigation document from the chapters and their headings, the pictures packed inside,
 * the header picture as cover. The same input gives the same bytes.
 */
export async function writeEpub(input: EpubInput): Promise<Uint8Array> {
  const { book, site } = input;
  const env = templates();
  const bookUrl = new URL(book.url, site.url).href;
  const identifier = `urn:uuid:${nameUuid(bookUrl)}`;

  const files = new Map<string, string>();
  const chapterFiles = new Map<string, string>();
  for (const chapter of book.chapters) {
    chapterFiles.set(chapter.url, uniqueName(fileStem(chapter.url), ".xhtml", files));
    files.set(chapterFiles.get(chapter.url)!, chapter.url);
  }

  // Pictures by site path, each packed once, in the order the book shows them.
  const images = new Map<string, { file: string; pageUrl: string }>();
  const taken = new Set<string>();
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

  // The header picture is the cover, and the same file wherever a chapter shows it.
  const cover = book.image
    ? { id: "cover-image", file: imageFile(book.image, book.url), alt: book.imageAlt ?? book.title }
    : undefined;

  let order = 0;
  const chapters = book.chapters.map((chapter, index) => {
    const file = chapterFiles.get(chapter.url)!;
    const { body, headings } = toXhtml(chapter.html, {
      siteUrl: site.url,
      pageUrl: chapter.url,
      chapterFile: (url) => chapterFiles.get(url),
      imageFile: (sitePath) => imageFile(sitePath, chapter.url),
    });
    return {
      id: `chapter-${index + 1}`,
      file,
      position: chapter.position,
      title: chapter.title,
      description: chapter.description,
      image: chapter.image ? imageFile(chapter.image, chapter.url) : undefined,
      imageAlt: chapter.imageAlt ?? "",
      body,
      order: ++order,
      sections: nestHeadings(headings).map((section) => ({
        ...section,
        order: ++order,
        subsections: section.subsections.map((sub) => ({ ...sub, order: ++order })),
      })),
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
  const packed = await Promise.all(
    [...images].map(async ([sitePath, image], index) => ({
      id: image.file === cover?.file ? cover.id : `image-${index + 1}`,
      file: image.file,
      mediaType: mediaTypeOf(image.file),
      cover: image.file === cover?.file,
      bytes: await bookImage(sitePath, image.file, await read(sitePath, image.pageUrl)),
    })),
  );

  const data = {
    book,
    site,
    bookUrl,
    identifier,
    language: site.language,
    modified: input.modified.toISOString().replace(/\.\d{3}Z$/, "Z"),
    cover,
    chapters,
    images: packed,
    depth: chapters.some((c) => c.sections.some((s) => s.subsections.length))
      ? 3
      : chapters.some((c) => c.sections.length)
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
  for (const chapter of chapters) entries[`${PACKAGE_DIR}/${chapter.file}`] = text("chapter.xhtml.njk", { chapter });
  for (const image of packed) entries[`${PACKAGE_DIR}/${image.file}`] = [image.bytes, { level: 0 }];
  return zipSync(entries, { level: 9, mtime: ZIP_DATE });
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
