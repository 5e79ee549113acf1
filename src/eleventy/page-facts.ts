import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import Image, { type Metadata } from "@11ty/eleventy-img";
import sharp from "sharp";
import type { MarkdownIt } from "markdown-it";
import { isExternal, isWellFormedExternal, type PageLink } from "../book/links.js";
import type { Heading } from "../view/page-view.js";
import { pageOfRender } from "./adapter.js";
import { resolveRelativeUrl } from "../book/urls.js";
import { isInside } from "../content/boundary.js";
import { countWords } from "../book/reading-time.js";


/** What rendering a page's Markdown found out about it, once, while rendering. */
export interface PageFacts {
  /** The page's source file, relative to the content root. */
  file: string;
  links: PageLink[];
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
  /** Picture metadata by source file: each picture is measured and generated once per build. */
  private readonly pictures = new Map<string, Metadata>();
  /** Social pictures by source file, each made once per build. */
  private readonly socialImages = new Map<string, GeneratedImage>();
  private readonly jobs: Promise<unknown>[] = [];

  constructor(
    readonly inputDir: string,
    readonly outputDir: string,
  ) {}

  /** The facts of the page at a URL, created on first use. */
  page(url: string, file: string): PageFacts {
    let facts = this.pages.get(url);
    if (!facts) {
      facts = { file, links: [], ids: new Set(), headings: [], words: 0 };
      this.pages.set(url, facts);
    }
    return facts;
  }

  /**
   * Resolves a URL written in a page against its file, records it for the link check, and
   * returns it resolved.
   */
  link(facts: PageFacts, written: string, tag: string): string {
    // A malformed address would break the feed's URL rewriting; the check reports it as written.
    const url = isExternal(written) && !isWellFormedExternal(written) ? "about:invalid" : resolveRelativeUrl(written, facts.file);
    facts.links.push({ url, written, tag });
    return url;
  }

  /**
   * Picture markup for a local image that exists, in several formats and widths, with its size set;
   * the files are written before the build ends. Undefined when there is no such file.
   */
  picture(url: string, attributes: Record<string, string>): string | undefined {
    if (isExternal(url) || !url.startsWith("/")) return undefined;
    const file = path.resolve(this.inputDir, `.${safeDecode(url.split(/[?#]/)[0])}`);
    // `%2e%2e/` decodes to `../`: a picture is read from inside the content root or not at all.
    if (!isInside(path.resolve(this.inputDir), file)) return undefined;
    let metadata = this.pictures.get(file);
    if (!metadata) {
      if (!existsSync(file)) return undefined;
      const options = imageOptions(this.outputDir);
      metadata = Image.statsSync(file, options);
      for (const entries of Object.values(metadata)) for (const entry of entries) this.generated.add(entry.url);
      this.jobs.push(Image(file, options));
      this.pictures.set(file, metadata);
    }
    return Image.generateHTML(metadata, attributes);
  }

  /**
   * The social picture of a local image that exists: a 1200x630 PNG cut from its middle, written
   * before the build ends. Undefined when there is no such file.
   */
  socialImage(url: string): GeneratedImage | undefined {
    if (isExternal(url) || !url.startsWith("/")) return undefined;
    const file = path.join(this.inputDir, decodeURI(url.split(/[?#]/)[0]));
    let image = this.socialImages.get(file);
    if (!image) {
      if (!existsSync(file)) return undefined;
      const hash = createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 10);
      const name = `${path.basename(file, path.extname(file))}-${hash}-social.png`;
      image = { url: `${GENERATED_IMAGES}${name}`, ...SOCIAL_IMAGE };
      const target = path.join(this.outputDir, GENERATED_IMAGES, name);
      this.jobs.push(writeSocialImage(file, target));
      this.generated.add(image.url);
      this.socialImages.set(file, image);
    }
    return image;
  }

  /** Waits until every picture of the build is written. */
  async finished(): Promise<void> {
    await Promise.all(this.jobs);
  }
}

/**
 * Writes the whole picture, scaled to fit 1200x630, on a ground of its own dominant colour, so
 * nothing of it is cut off whatever its shape. Drawings are rasterised sharp enough to fill the frame.
 */
async function writeSocialImage(file: string, target: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const { dominant } = await sharp(file, { density: 192 }).stats();
  await sharp(file, { density: 192 })
    .resize(SOCIAL_IMAGE.width, SOCIAL_IMAGE.height, { fit: "contain", background: { ...dominant, alpha: 1 } })
    .flatten({ background: dominant })
    .png()
    .toFile(target);
}

/** Attributes that hold URLs, in HTML the author wrote inside Markdown. */
const HTML_URL = /\b(href|src)\s*=\s*"([^"]*)"/gi;
const HTML_ID = /\b(?:id|name)\s*=\s*"([^"]*)"/gi;

/** A URL path decoded, or as it is when it is not valid percent-encoding. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A markdown-it plugin that, for each page, resolves relative links and images against the
 * Markdown file (as GitHub does), turns local images into responsive pictures, and records links,
 * ids, headings and words in the build's facts. `facts()` gives the current build's store.
 */
export function pageFactsPlugin(md: MarkdownIt, facts: () => BuildFacts): void {
  md.core.ruler.push("minibooks_page_facts", (state) => {
    const build = facts();
    const page = pageOfRender(state.env, build.inputDir);
    if (!page) return;
    const record = build.page(page.url, page.file);
    const tokens = state.tokens;
    tokens.forEach((token, i) => {
      if (token.type === "heading_open") {
        const id = String(token.attrGet("id") ?? "");
        if (id) {
          record.ids.add(id);
          const level = Number(token.tag.slice(1));
          if (level === 2 || level === 3) record.headings.push({ level, id, text: plainText(tokens[i + 1]) });
        }
      } else if (token.type === "html_block") {
        token.content = authoredHtml(token.content, build, record);
      } else if (token.type === "inline") {
        for (const child of token.children ?? []) {
          if (child.type === "text") record.words += countWords(child.content);
          else if (child.type === "link_open") child.attrSet("href", build.link(record, String(child.attrGet("href") ?? ""), "a"));
          else if (child.type === "image") child.attrSet("src", build.link(record, String(child.attrGet("src") ?? ""), "img"));
          else if (child.type === "html_inline") child.content = authoredHtml(child.content, build, record);
        }
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
    const picture = url && facts().pages.has(url)
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

/** The text of an inline token, without its Markdown: `**Bold** title` is `Bold title`. */
function plainText(token: { children: { type: string; content: string }[] | null } | undefined): string {
  return (token?.children ?? [])
    .filter((child) => child.type === "text" || child.type === "code_inline")
    .map((child) => child.content)
    .join("");
}

/** Resolves and records the URLs and ids in a piece of HTML the author wrote. */
function authoredHtml(html: string, build: BuildFacts, record: PageFacts): string {
  for (const [, id] of html.matchAll(HTML_ID)) record.ids.add(id);
  return html.replace(HTML_URL, (_, attribute: string, url: string) => {
    const tag = attribute.toLowerCase() === "src" ? "img" : "a";
    return `${attribute}="${build.link(record, url, tag)}"`;
  });
}
