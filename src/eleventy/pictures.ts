import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import Image, { type Metadata } from "@11ty/eleventy-img";
import sharp from "sharp";
import { isExternal } from "../book/links.js";
import { isInside } from "../content/boundary.js";

/** How a social card reads its picture: a drawing is rasterised sharp enough to fill the card. */
const SOCIAL_INPUT = { density: 192 } as const;

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
 * The pictures of one build: the responsive copies of local images and the social cards, each
 * measured and made once, and the pictures that could not be made, with why.
 */
export class Pictures {
  /** URL paths of the pictures this build generates. */
  readonly generated = new Set<string>();
  /** Pictures that could not be made into the site's copies, by site path, with why and what to do. */
  readonly failedPictures = new Map<string, PictureFailure>();
  /** Picture metadata by source file: each picture is measured and generated once per build. */
  private readonly pictures = new Map<string, Metadata>();
  /** Social pictures by source file, each made once per build. */
  private readonly socialImages = new Map<string, GeneratedImage>();
  private readonly jobs: Promise<unknown>[] = [];
  /** The picture file each site path names, worked out once per build: a page can show one a hundred thousand times. */
  private readonly localFiles = new Map<string, string | undefined>();
  /** Picture files this build looked for and did not find. */
  private readonly missing = new Set<string>();

  constructor(
    readonly inputDir: string,
    readonly outputDir: string,
    /** False for a build that writes no file: each picture is read as making it would, and nothing is made. */
    readonly writesFiles = true,
  ) {}

  /** The dev server's next build starts from the pictures this one wrote, and those it could not make. */
  carryOver(previous: Pictures): void {
    for (const url of previous.generated) this.generated.add(url);
    for (const [file, metadata] of previous.pictures) this.pictures.set(file, metadata);
    for (const [file, image] of previous.socialImages) this.socialImages.set(file, image);
    for (const [url, failure] of previous.failedPictures) this.failedPictures.set(url, failure);
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
      if (this.missing.has(file)) return undefined;
      if (!existsSync(file)) {
        this.missing.add(file);
        return undefined;
      }
      const options = imageOptions(this.outputDir);
      try {
        metadata = Image.statsSync(file, options);
      } catch (error) {
        this.jobs.push(this.failed(url, file, error));
        return undefined;
      }
      for (const entries of Object.values(metadata)) for (const entry of entries) this.generated.add(entry.url);
      const job = this.writesFiles ? Image(file, options) : readPicture(file);
      this.jobs.push(this.made(url, job, file, () => this.pictures.delete(file)));
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
      const job = this.writesFiles ? writeSocialImage(file, target) : readSocialPicture(file);
      this.jobs.push(this.made(url, job, file, () => this.socialImages.delete(file)));
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
    if (this.localFiles.has(url)) return this.localFiles.get(url);
    let local: string | undefined;
    if (!isExternal(url) && url.startsWith("/")) {
      const file = path.resolve(this.inputDir, `.${safeDecode(url.split(/[?#]/)[0])}`);
      if (isInside(path.resolve(this.inputDir, "images"), file)) local = file;
    }
    this.localFiles.set(url, local);
    return local;
  }

  /** Waits until every picture of the build is written. */
  async finished(): Promise<void> {
    await Promise.all(this.jobs);
  }
}

/**
 * Reads a picture as eleventy-img reads it to make its copies, without making any: a picture it
 * cannot read, or one over the pixel limit, fails the same way. An SVG is kept as it is, so only
 * its size is read.
 */
async function readPicture(file: string): Promise<void> {
  const image = sharp(file, { failOn: "none" });
  if ((await image.metadata()).format !== "svg") await image.raw().toBuffer();
}

/**
 * Reads a picture as the first step of its social card does, without making the card. A drawing is
 * read up to its size, where a drawing that does not parse or would be over the pixel limit fails
 * as it would, and is not drawn: at the card's sharpness that takes a quarter of a second.
 */
async function readSocialPicture(file: string): Promise<void> {
  const image = sharp(file, SOCIAL_INPUT);
  if ((await image.metadata()).format !== "svg") await image.stats();
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
  const { dominant } = await sharp(file, SOCIAL_INPUT).stats();
  const ground = await sharp(file, SOCIAL_INPUT)
    .flatten({ background: dominant })
    .resize(width, height, { fit: "cover" })
    .blur(60)
    .modulate({ brightness: 0.9 })
    .png()
    .toBuffer();
  const fitted = await sharp(file, SOCIAL_INPUT)
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

/** A URL path decoded, or as it is when it is not valid percent-encoding. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
