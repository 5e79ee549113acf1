import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import Image, { type Metadata } from "@11ty/eleventy-img";
import type { MarkdownIt, StateBlock, StateInline, Token } from "markdown-it";
import { type Token as Html, Tokenizer } from "parse5";
import sharp from "sharp";
import {
  type Child,
  closesImplicitly,
  EMPTY_DETAILS,
  escapeAttribute,
  HTML_NESTING_LIMIT,
  type HtmlIssue,
  judgeCodeLanguage,
  judgePlace,
  MARKDOWN_TEXT,
  type MarkupFault,
} from "../book/html-policy.js";
import { isExternal, type PageLink } from "../book/links.js";
import type { HtmlElementFact, MarkdownFacts, Place } from "../book/page-content.js";
import { isPlaceholderText } from "../book/placeholders.js";
import { countWords } from "../book/reading-time.js";
import { judgeUrl } from "../book/url-policy.js";
import { resolveRelativeUrl } from "../book/urls.js";
import { isInside } from "../content/boundary.js";
import type { Heading } from "../view/page-view.js";
import { pageOfRender } from "./adapter.js";

/** What rendering a page's Markdown found out about it, once, while rendering. */
export interface PageFacts extends MarkdownFacts {
  links: PageLink[];
  html: HtmlElementFact[];
  markupFaults: (Place & { fault: MarkupFault })[];
  misplaced: (Place & HtmlIssue)[];
  fences: (Place & { language: string })[];
  titleHeadings: Place[];
  placeholders: (Place & { text: string })[];
  /** Every id a `#fragment` may name: headings and ids in the author's HTML. */
  ids: Set<string>;
  /** h2 and h3 headings, in order. */
  headings: Heading[];
  words: number;
}

/** Where generated pictures are published. */
export const GENERATED_IMAGES = "/img/";

/** The picture social networks show for a shared page: a PNG of this size. */
export const SOCIAL_IMAGE = { width: 1200, height: 630 } as const;

/** A generated picture: where it is published and its size. */
export interface GeneratedImage {
  url: string;
  width: number;
  height: number;
}

/** Options for the image pipeline: modern formats, several widths; SVG stays SVG. */
export function imageOptions(outputDir: string) {
  return {
    formats: ["avif", "webp", "auto"],
    widths: [480, 960, "auto"],
    svgShortCircuit: true,
    urlPath: GENERATED_IMAGES,
    outputDir: path.join(outputDir, GENERATED_IMAGES),
  };
}

/**
 * The facts of every page of one build, gathered while Markdown renders: links as written and as
 * resolved, ids, headings, word counts, and the pictures to generate. Nothing parses HTML afterwards.
 */
export class BuildFacts {
  readonly pages = new Map<string, PageFacts>();
  /** Each page's Markdown as HTML, by URL, as it stands inside the page. */
  readonly html = new Map<string, string>();
  /** URL paths of the pictures this build generates. */
  readonly generated = new Set<string>();
  /** Drafts left out of this build: their URL and file, so links to them can say so. */
  readonly drafts = new Map<string, string>();
  /** Pictures that could not be made into the site's copies, by site path, with why and what to do. */
  readonly failedPictures = new Map<string, PictureFailure>();
  /** 0-based line of each content file's body, by file relative to the content root. */
  readonly bodyStarts = new Map<string, number>();
  /** Picture metadata by source file: each picture is measured and generated once per build. */
  private readonly pictures = new Map<string, Metadata>();
  /** Social pictures by source file, each made once per build. */
  private readonly socialImages = new Map<string, GeneratedImage>();
  private readonly jobs: Promise<unknown>[] = [];

  constructor(
    readonly inputDir: string,
    readonly outputDir: string,
  ) {}

  /**
   * The dev server's next build, which renders only some pages: it starts from these facts, the
   * pages it renders replacing theirs, and the pictures already written kept.
   */
  carryOver(previous: BuildFacts): void {
    for (const [url, facts] of previous.pages) this.pages.set(url, facts);
    for (const [url, html] of previous.html) this.html.set(url, html);
    for (const url of previous.generated) this.generated.add(url);
    for (const [file, metadata] of previous.pictures) this.pictures.set(file, metadata);
    for (const [file, image] of previous.socialImages) this.socialImages.set(file, image);
    for (const [url, failure] of previous.failedPictures) this.failedPictures.set(url, failure);
  }

  /** Forgets the pages whose URLs `keep` does not pick (pages deleted or renamed since). */
  keepPages(keep: (url: string) => boolean): void {
    for (const url of this.pages.keys()) {
      if (!keep(url)) {
        this.pages.delete(url);
        this.html.delete(url);
      }
    }
  }

  /** Fresh facts for the page at a URL, whose Markdown is rendering now; they replace any it had. */
  page(url: string, file: string): PageFacts {
    const facts: PageFacts = {
      file,
      draft: false,
      links: [],
      html: [],
      markupFaults: [],
      misplaced: [],
      fences: [],
      titleHeadings: [],
      placeholders: [],
      ids: new Set(),
      headings: [],
      words: 0,
    };
    this.pages.set(url, facts);
    return facts;
  }

  /**
   * Resolves a URL written in a page against its file, records it for the link check, and
   * returns it resolved.
   */
  link(facts: PageFacts, written: string, tag: string, place: Place & { alt?: string } = {}): string {
    // A refused address is never written into a page; the check reports it as written.
    const url = judgeUrl(written).ok ? resolveRelativeUrl(written, facts.file) : "about:invalid";
    facts.links.push({ url, written, tag, ...place });
    return url;
  }

  /** 0-based line of a file's body: the line after its front matter. */
  bodyStart(file: string): number {
    let start = this.bodyStarts.get(file);
    if (start === undefined) {
      // A page rendered without a file (as in a test) has its body from the first line.
      const text = existsSync(path.join(this.inputDir, file))
        ? readFileSync(path.join(this.inputDir, file), "utf8")
        : "";
      start = bodyStartOf(text);
      this.bodyStarts.set(file, start);
    }
    return start;
  }

  /**
   * Picture markup for a local image that exists, in several formats and widths, with its size set;
   * the files are written before the build ends. Undefined when there is no such file.
   */
  picture(url: string, attributes: Record<string, string>): string | undefined {
    const file = this.localFile(url);
    if (!file) return undefined;
    let metadata = this.pictures.get(file);
    if (!metadata) {
      if (!existsSync(file)) return undefined;
      const options = imageOptions(this.outputDir);
      try {
        metadata = Image.statsSync(file, options);
      } catch (error) {
        this.jobs.push(this.failed(url, file, error));
        return undefined;
      }
      for (const entries of Object.values(metadata)) for (const entry of entries) this.generated.add(entry.url);
      this.jobs.push(this.made(url, Image(file, options), file, () => this.pictures.delete(file)));
      this.pictures.set(file, metadata);
    }
    return Image.generateHTML(metadata, attributes);
  }

  /** Waits for a picture to be made; when it cannot be, notes why, for the picture check, and calls `undo`. */
  private async made(url: string, job: Promise<unknown>, file: string, undo: () => void): Promise<void> {
    try {
      await job;
    } catch (error) {
      undo();
      await this.failed(url, file, error);
    }
  }

  /** Notes why a picture could not be made, in words an author can act on. */
  private async failed(url: string, file: string, error: unknown): Promise<void> {
    this.failedPictures.set(pathOf(url), await pictureFailure(file, error));
  }

  /**
   * The social picture of a local image that exists: a 1200x630 PNG card of the whole picture, written
   * before the build ends. Undefined when there is no such file.
   */
  socialImage(url: string): GeneratedImage | undefined {
    const file = this.localFile(url);
    if (!file) return undefined;
    let image = this.socialImages.get(file);
    if (!image) {
      if (!existsSync(file)) return undefined;
      // The card's look is part of the name, so a changed look is fetched again by who shared it.
      const hash = createHash("sha256").update("card:").update(readFileSync(file)).digest("hex").slice(0, 10);
      const name = `${path.basename(file, path.extname(file))}-${hash}-social.png`;
      image = { url: `${GENERATED_IMAGES}${name}`, ...SOCIAL_IMAGE };
      const target = path.join(this.outputDir, GENERATED_IMAGES, name);
      this.jobs.push(this.made(url, writeSocialImage(file, target), file, () => this.socialImages.delete(file)));
      this.generated.add(image.url);
      this.socialImages.set(file, image);
    }
    return image;
  }

  /**
   * The picture file a site path names in the content's images/ folder, or undefined for an address
   * elsewhere: `%2e%2e/` decodes to `../`, so a picture is read from images/ or not at all (and a path
   * to any other file is left to the link check, which finds the site serves no such file).
   */
  private localFile(url: string): string | undefined {
    if (isExternal(url) || !url.startsWith("/")) return undefined;
    const file = path.resolve(this.inputDir, `.${safeDecode(url.split(/[?#]/)[0])}`);
    return isInside(path.resolve(this.inputDir, "images"), file) ? file : undefined;
  }

  /** Waits until every picture of the build is written. */
  async finished(): Promise<void> {
    await Promise.all(this.jobs);
  }
}

/**
 * Writes the whole picture as a card: scaled to fit inside the frame's margins, its corners rounded,
 * with a soft shadow, on a ground of the picture itself, spread over the frame and blurred. Nothing of
 * the picture is cut off whatever its shape, and its edges are the card's, never a line where the
 * picture stops against a flat colour. Drawings are rasterised sharp enough to fill the frame.
 */
async function writeSocialImage(file: string, target: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const { width, height } = SOCIAL_IMAGE;
  const margin = 56;
  const radius = 20;
  const { dominant } = await sharp(file, { density: 192 }).stats();
  const ground = await sharp(file, { density: 192 })
    .flatten({ background: dominant })
    .resize(width, height, { fit: "cover" })
    .blur(60)
    .modulate({ brightness: 0.9 })
    .png()
    .toBuffer();
  const fitted = await sharp(file, { density: 192 })
    .flatten({ background: dominant })
    .resize(width - 2 * margin, height - 2 * margin, { fit: "inside" })
    .png()
    .toBuffer({ resolveWithObject: true });
  const { width: w, height: h } = fitted.info;
  const left = Math.round((width - w) / 2);
  const top = Math.round((height - h) / 2);
  const rounded = await sharp(fitted.data)
    .ensureAlpha()
    .composite([{ input: svg(w, h, `<rect width="${w}" height="${h}" rx="${radius}"/>`), blend: "dest-in" }])
    .png()
    .toBuffer();
  const shadow = await sharp(
    svg(
      width,
      height,
      `<rect x="${left}" y="${top + 6}" width="${w}" height="${h}" rx="${radius}" fill-opacity="0.35"/>`,
    ),
  )
    .blur(14)
    .png()
    .toBuffer();
  await sharp(ground)
    .composite([{ input: shadow }, { input: rounded, left, top }])
    .flatten({ background: dominant })
    .png()
    .toFile(target);
}

/** Why a picture could not be made into the site's copies, and what to do about it. */
export interface PictureFailure {
  /** What is wrong, said after the picture's path. */
  message: string;
  fix: string;
}

/** The most pixels a picture may have: sharp's limit, 16383 × 16383, which keeps a build's memory bounded. */
export const PIXEL_LIMIT = 0x3fff * 0x3fff;

/** What went wrong with a picture, from the error of the image library, in an author's terms. */
async function pictureFailure(file: string, error: unknown): Promise<PictureFailure> {
  const reason = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(reason)) {
    const { width = 0, height = 0 } = await sharp(file, { limitInputPixels: false })
      .metadata()
      .catch(() => ({ width: 0, height: 0 }));
    const count = (n: number) => n.toLocaleString("en-US");
    return {
      message: `is ${count(width)} × ${count(height)} pixels, ${count(width * height)} in all: more than the ${count(PIXEL_LIMIT)} (16,383 × 16,383) a picture may have, so its copies for the page cannot be made.`,
      fix: "scale the picture down in an image editor (a page shows it at most 2,000 or so pixels wide) and save it again.",
    };
  }
  const what = /unsupported (?:file type|image format)/i.test(reason)
    ? "its bytes are not those of a PNG, JPEG, WebP, AVIF, GIF or SVG file"
    : reason.replace(/\s*\(file: [^)]*\)/, "").replace(/\.$/, "");
  return {
    message: `cannot be read as a picture: ${what}.`,
    fix: "open it in an image editor and save it again as PNG, JPEG, WebP, AVIF or GIF.",
  };
}

/** The site path of a picture's URL, as the picture check compares it: decoded, without query or fragment. */
export function pathOf(url: string): string {
  return safeDecode(url.split(/[?#]/)[0]);
}

/** An SVG of a size holding the given shapes, as sharp reads one. */
function svg(width: number, height: number, shapes: string): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes}</svg>`);
}

/** 0-based line of the body of a file's text, as the front matter reader splits it. */
export function bodyStartOf(text: string): number {
  if (!text.startsWith("---")) return 0;
  const close = text.indexOf("\n---", 3);
  if (close === -1) return text.split("\n").length;
  return text.slice(0, close + 1).split("\n").length;
}

/** A URL path decoded, or as it is when it is not valid percent-encoding. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The inline rules whose tokens are checked, and the token each pushes first. */
const TRACKED_RULES = { link: "link_open", image: "image", autolink: "link_open", html_inline: "html_inline" } as const;

/**
 * A markdown-it plugin that, for each page, resolves relative links and images against the
 * Markdown file (as GitHub does), turns local images into responsive pictures, and records links,
 * raw HTML, ids, headings and words in the build's facts, each at its line and column in the file.
 * `facts()` gives the current build's store.
 */
export function pageFactsPlugin(md: MarkdownIt, facts: () => BuildFacts): void {
  // Every link becomes a token, so the checks see and refuse unsafe ones instead of markdown-it
  // quietly leaving them as text; a refused URL is never written into the page.
  md.validateLink = () => true;

  // Where in its inline text each link, image and piece of HTML starts: markdown-it gives inline
  // tokens no position, so each of these rules is wrapped (markdown-it offers no public way to reach
  // a rule's function) to note where it started when it made its token.
  const starts = new WeakMap<Token, number>();
  for (const [name, type] of Object.entries(TRACKED_RULES)) {
    const rule = md.inline.ruler.__rules__[md.inline.ruler.__find__(name)]?.fn;
    if (!rule) continue;
    md.inline.ruler.at(name, (state: StateInline, silent: boolean) => {
      const start = state.pos;
      const before = state.tokens.length;
      const ok = rule(state, silent);
      if (ok && !silent) {
        for (let i = before; i < state.tokens.length; i++) {
          const token = state.tokens[i];
          if (token.type === type && !starts.has(token)) {
            starts.set(token, start);
            break;
          }
        }
      }
      return ok;
    });
  }

  // Markdown nested deeper than markdown-it reads is dropped from the page; note where it starts.
  const tooDeep = new WeakMap<object, number>();
  const tokenize = md.block.tokenize.bind(md.block);
  md.block.tokenize = (state: StateBlock, startLine: number, endLine: number) => {
    if (state.level >= state.md.options.maxNesting! && !tooDeep.has(state.env)) {
      const line = state.skipEmptyLines(startLine);
      if (line < endLine && state.sCount[line] >= state.blkIndent) tooDeep.set(state.env, line);
    }
    tokenize(state, startLine, endLine);
  };

  // markdown-it percent-encodes link targets; the checks and their messages use them as written.
  const asWritten = (url: string | number | null) => md.normalizeLinkText(String(url ?? ""));

  md.core.ruler.push("minibooks_page_facts", (state) => {
    const build = facts();
    const page = pageOfRender(state.env, build.inputDir);
    if (!page) return;
    const record = build.page(page.url, page.file);
    record.draft = page.draft === true;
    const offset = build.bodyStart(page.file);
    const source = state.src.split("\n");
    const lineAt = (index: number): Place => ({ line: offset + index + 1, column: leadingSpace(source[index]) + 1 });
    const tokens = state.tokens;
    const deep = tooDeep.get(state.env);
    if (deep !== undefined) record.tooDeep = lineAt(deep);
    const nesting: Nesting = { depth: 0, holders: [], markdownDepth: 0 };
    tokens.forEach((token, i) => {
      // Each block of Markdown stands in the raw HTML open around it, when that was opened at its depth.
      if (token.block && token.nesting === -1) nesting.markdownDepth--;
      else if (token.block && token.type !== "html_block" && token.type !== "inline") {
        const top = nesting.holders.at(-1);
        if (top && top.markdownDepth === nesting.markdownDepth && token.map)
          placeChild(
            nesting,
            record,
            { markdown: token.type === "fence" || token.type === "code_block" ? "pre" : token.tag },
            lineAt(token.map[0]),
          );
        if (token.nesting === 1) nesting.markdownDepth++;
      }
      if (token.type === "heading_open") {
        const id = String(token.attrGet("id") ?? "");
        const level = Number(token.tag.slice(1));
        const text = plainText(tokens[i + 1]);
        if (level === 1 && token.map) record.titleHeadings.push(lineAt(token.map[0]));
        if (isPlaceholderText(text) && token.map) record.placeholders.push({ ...lineAt(token.map[0]), text });
        if (id) {
          record.ids.add(id);
          if (level === 2 || level === 3) record.headings.push({ level, id, text });
        }
      } else if (token.type === "fence") {
        // The language is written into the page's class names; one that is not a plain name is
        // reported and never written.
        const language = md.utils.unescapeAll(token.info).trim().split(/\s+/)[0];
        if (token.map) record.fences.push({ ...lineAt(token.map[0]), language });
        if (judgeCodeLanguage(language)) token.info = "";
      } else if (token.type === "paragraph_open") {
        const inline = tokens[i + 1];
        if (inline?.map && isPlaceholderText(inline.content))
          record.placeholders.push({ ...lineAt(inline.map[0]), text: inline.content.trim() });
      } else if (token.type === "html_block" && token.map) {
        // Only HTML of the file: the wrappers of heading links are the site's own.
        const place = placer(token.content, token.map[0], source, offset);
        token.content = authoredHtml(token.content, build, record, place, nesting);
      } else if (token.type === "inline") {
        // Raw HTML inside a paragraph, heading or cell stands in a line of text, and ends with it.
        const around = nesting.holders.length;
        nesting.holders.push({ tag: MARKDOWN_TEXT, markdownDepth: Number.NaN, children: 0 });
        const place = token.map ? placer(token.content, token.map[0], source, offset) : () => ({});
        const placeOf = (child: Token): Place => {
          const start = starts.get(child);
          return start === undefined ? {} : place(start);
        };
        const texts: string[] = [];
        for (const child of token.children ?? []) {
          if (child.type === "text") texts.push(child.content);
          else if (child.type === "link_open")
            child.attrSet(
              "href",
              md.normalizeLink(build.link(record, asWritten(child.attrGet("href")), "a", placeOf(child))),
            );
          else if (child.type === "image") {
            const at = { ...placeOf(child), alt: child.content };
            child.attrSet("src", md.normalizeLink(build.link(record, asWritten(child.attrGet("src")), "img", at)));
          } else if (child.type === "html_inline") {
            const at = placeOf(child);
            const start = starts.get(child);
            child.content = authoredHtml(
              child.content,
              build,
              record,
              (index) => (start === undefined ? at : place(start + index)),
              nesting,
            );
          }
        }
        // Counted once a paragraph: each text apart, so no word runs across markup.
        if (texts.length > 0) record.words += countWords(texts.join(" "));
        nesting.holders.length = around;
      }
    });
  });

  // Each page's HTML is kept for the whole-book outputs.
  const render = md.render.bind(md);
  md.render = (source: string, env?: Parameters<MarkdownIt["render"]>[1]) => {
    const html = render(source, env);
    const url = pageOfRender(env, facts().inputDir)?.url;
    if (url && facts().pages.has(url)) facts().html.set(url, html);
    return html;
  };

  // Local images become pictures in modern formats and several widths; others stay as they are.
  const renderImage = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, i, options, env, self) => {
    const token = tokens[i];
    const alt = self.renderInlineAsText(token.children ?? [], options, env);
    const url = pageOfRender(env, facts().inputDir)?.url;
    const picture =
      url && facts().pages.has(url)
        ? facts().picture(String(token.attrGet("src") ?? ""), {
            alt,
            sizes: "(min-width: 48rem) 42rem, 100vw",
            loading: "lazy",
            decoding: "async",
          })
        : undefined;
    return picture ?? renderImage(tokens, i, options, env, self);
  };
}

/** Number of spaces, tabs and `>` quote markers a source line starts with. */
function leadingSpace(line: string | undefined): number {
  return /^[\s>]*/.exec(line ?? "")?.[0].length ?? 0;
}

/**
 * The file line and column of each position in a token's text. `text` is the token's content, whose
 * first line is source line `first` (0-based, in the body); markdown-it strips indentation and
 * quote markers from each line, so each line is found again in its source line for the column, once
 * a line however many positions are asked for: a token's places cost time in proportion to its text.
 */
function placer(text: string, first: number, source: readonly string[], offset: number): (index: number) => Place {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  const shifts = new Map<number, number>();
  return (index) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= index) low = middle;
      else high = middle - 1;
    }
    let shift = shifts.get(low);
    if (shift === undefined) {
      const textLine = text.slice(starts[low], low + 1 < starts.length ? starts[low + 1] - 1 : text.length);
      const sourceLine = source[first + low] ?? "";
      const indent = textLine.length - textLine.trimStart().length;
      shift = Math.max(0, sourceLine.indexOf(textLine.trim() === "" ? textLine : textLine.trimStart()) - indent);
      shifts.set(low, shift);
    }
    return { line: offset + first + low + 1, column: shift + index - starts[low] + 1 };
  };
}

/** The text of an inline token, without its Markdown: `**Bold** title` is `Bold title`. */
function plainText(token: { children: { type: string; content: string }[] | null } | undefined): string {
  return (token?.children ?? [])
    .filter((child) => child.type === "text" || child.type === "code_inline")
    .map((child) => child.content)
    .join("");
}

/** An attribute as written in raw HTML: its name, value and where it stands in the HTML. */
interface WrittenAttribute {
  name: string;
  value: string;
  start: number;
  end: number;
}

/** A tag of raw HTML, as a browser's tokenizer reads it, and where it starts in the HTML. */
type WrittenTag =
  | { kind: "start"; tag: string; start: number; attributes: WrittenAttribute[] }
  | { kind: "end"; tag: string; start: number }
  | { kind: "text"; start: number };

/** parse5's tokenizer, which also says what it is in the middle of when the HTML ends. */
class PlacedTokenizer extends Tokenizer {
  /** The tag or comment being read, and the attribute being read. */
  get open(): { token: Html.Token | null; attributeStart: number | undefined } {
    return { token: this.currentToken, attributeStart: this.currentLocation?.startOffset };
  }
}

/**
 * Every tag of a piece of HTML, read by the HTML standard's tokenizer as browsers read it, and
 * the markup in it that does not read as it looks: bogus comments (`<![CDATA[`, `<?`), a tag or
 * comment the piece ends inside, an attribute written twice. The piece is read from the tokenizer's
 * data state, where every piece before it left the page (any piece that does not is refused).
 */
function scanHtml(html: string): { tags: WrittenTag[]; faults: { start: number; fault: MarkupFault }[] } {
  const tags: WrittenTag[] = [];
  const faults: { start: number; fault: MarkupFault }[] = [];
  const written = (start: number) => html.slice(start, start + 12).split(/\s/)[0];
  const tokenizer: PlacedTokenizer = new PlacedTokenizer(
    { sourceCodeLocationInfo: true },
    {
      onStartTag(token) {
        const start = token.location?.startOffset ?? 0;
        const attributes = token.attrs.map(({ name, value }) => {
          const at = token.location?.attrs?.[name];
          return { name, value, start: at?.startOffset ?? start, end: at?.endOffset ?? start };
        });
        tags.push({ kind: "start", tag: token.tagName, start, attributes });
      },
      onEndTag(token) {
        tags.push({ kind: "end", tag: token.tagName, start: token.location?.startOffset ?? 0 });
      },
      onComment(token) {
        const start = token.location?.startOffset ?? 0;
        if (!html.startsWith("<!--", start))
          faults.push({ start, fault: { kind: "bogus-comment", written: written(start) } });
      },
      onParseError(error) {
        const { token, attributeStart } = tokenizer.open;
        const start = token?.location?.startOffset ?? error.startOffset;
        if (error.code === "eof-in-tag" && token && "tagName" in token)
          faults.push({ start, fault: { kind: "unfinished-tag", tag: token.tagName } });
        else if (error.code === "eof-in-comment") faults.push({ start, fault: { kind: "unfinished-comment" } });
        else if (error.code.startsWith("eof-"))
          faults.push({ start, fault: { kind: "unfinished-markup", written: written(start) } });
        else if (error.code === "duplicate-attribute" && token && "tagName" in token) {
          const at = attributeStart ?? error.startOffset;
          const attribute = /^[^\s=/>]+/.exec(html.slice(at))?.[0].toLowerCase() ?? "";
          faults.push({ start: at, fault: { kind: "duplicate-attribute", tag: token.tagName, attribute } });
        }
      },
      onDoctype() {},
      onCharacter(token) {
        // Text other than white space, once after each tag: where it starts is all the structure check needs.
        if (tags.at(-1)?.kind !== "text") tags.push({ kind: "text", start: token.location?.startOffset ?? 0 });
      },
      onNullCharacter() {},
      onWhitespaceCharacter() {},
      onEof() {},
    },
  );
  tokenizer.write(html, true);
  return { tags, faults };
}

/**
 * Closes the innermost open element of a tag, and those inside it, as browsers do; an end tag with no
 * such element open (or only outside the current line of text) closes nothing. A `<details>` closed
 * without a child is told it has no `<summary>`.
 */
function closeHolder(nesting: Nesting, record: PageFacts, tag: string, place: Place): void {
  const { holders } = nesting;
  for (let i = holders.length - 1; i >= 0 && holders[i].tag !== MARKDOWN_TEXT; i--) {
    if (holders[i].tag !== tag) continue;
    if (tag === "details" && holders[i].children === 0 && !nesting.tooDeep)
      record.misplaced.push({ ...place, ...EMPTY_DETAILS });
    holders.length = i;
    return;
  }
}

/** Elements that are never open: they have no content and no end tag. */
const VOID_ELEMENTS = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);

/** How deep a page's raw HTML is at the current piece, and where it first went too deep. */
interface Nesting {
  depth: number;
  tooDeep?: boolean;
  /** The elements open around the current place, innermost last: raw HTML, and Markdown text around it. */
  holders: Holder[];
  /** How many Markdown blocks are open around the current place. */
  markdownDepth: number;
}

/** An element open around raw HTML, as the structure check follows it. */
interface Holder {
  tag: string;
  /** The Markdown depth it was opened at: a Markdown block at that depth stands directly inside it. */
  markdownDepth: number;
  /** How many children it has had so far. */
  children: number;
}

/** Judges where a child stands in the open elements, records any problem at `place`, and counts the child. */
function placeChild(nesting: Nesting, record: PageFacts, child: Child, place: Place): void {
  if (nesting.tooDeep) return;
  const top = nesting.holders.at(-1);
  const issue = judgePlace(
    nesting.holders.map((h) => h.tag),
    child,
    (top?.children ?? 0) === 0,
  );
  if (issue) record.misplaced.push({ ...place, ...issue });
  if (top) top.children++;
}

/**
 * Records the elements, ids, URLs and faults of a piece of HTML the author wrote, each at its place,
 * and returns the HTML with every `href` and `src` resolved as Markdown links are, whatever its
 * quoting. From the piece that opens more elements than a page may nest on, the page's raw HTML is
 * left out, so nothing that reads the page afterwards meets that depth.
 */
function authoredHtml(
  html: string,
  build: BuildFacts,
  record: PageFacts,
  placeOf: (index: number) => Place,
  nesting: Nesting,
): string {
  const replacements: { start: number; end: number; text: string }[] = [];
  const { tags, faults } = scanHtml(html);
  for (const { start, fault } of faults) record.markupFaults.push({ ...placeOf(start), fault });
  for (const written of tags) {
    if (written.kind === "text") {
      placeChild(nesting, record, { text: true }, placeOf(written.start));
      continue;
    }
    if (written.kind === "end") {
      nesting.depth = Math.max(0, nesting.depth - 1);
      closeHolder(nesting, record, written.tag, placeOf(written.start));
      continue;
    }
    const { tag, start, attributes } = written;
    const { holders } = nesting;
    while (holders.length > 0 && closesImplicitly(holders[holders.length - 1].tag, tag)) holders.pop();
    placeChild(nesting, record, { element: tag }, placeOf(start));
    if (!VOID_ELEMENTS.has(tag)) {
      nesting.depth++;
      nesting.holders.push({ tag, markdownDepth: nesting.markdownDepth, children: 0 });
    }
    if (nesting.depth > HTML_NESTING_LIMIT && !nesting.tooDeep) {
      nesting.tooDeep = true;
      record.htmlTooDeep = placeOf(start);
    }
    record.html.push({
      tag,
      ...placeOf(start),
      attributes: attributes.map((a) => ({ name: a.name, value: a.value, ...placeOf(a.start) })),
    });
    for (const attribute of attributes) {
      if (attribute.name === "id" || (attribute.name === "name" && tag === "a")) record.ids.add(attribute.value);
      if (attribute.name !== "href" && attribute.name !== "src") continue;
      const kind = attribute.name === "src" ? "img" : "a";
      const url = build.link(record, attribute.value, kind, placeOf(attribute.start));
      replacements.push({
        start: attribute.start,
        end: attribute.end,
        text: `${attribute.name}="${escapeAttribute(url)}"`,
      });
    }
  }
  if (nesting.tooDeep) return "";
  const parts: string[] = [];
  let from = 0;
  for (const { start, end, text } of replacements) {
    parts.push(html.slice(from, start), text);
    from = end;
  }
  parts.push(html.slice(from));
  return parts.join("");
}
