import path from "node:path";
import sharp from "sharp";

/** Media types of the image formats every EPUB 3 reading system shows, by extension. */
const CORE_TYPES: Readonly<Record<string, string>> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
};

/** Widest picture a book carries: wide enough for any reader's screen, small enough to carry. */
const MAX_WIDTH = 1600;

/**
 * The name a picture gets inside the book, from its path on the site: `/img/a-960.webp` is
 * `images/img-a-960.png`. Formats reading systems may not show (SVG, WebP, AVIF) become PNG.
 */
export function bookImageName(sitePath: string): string {
  const extension = path.posix.extname(sitePath).toLowerCase();
  const stem = sitePath.slice(1, sitePath.length - extension.length).replace(/[^A-Za-z0-9_-]+/g, "-");
  return `images/${stem}${CORE_TYPES[extension] ? extension : ".png"}`;
}

/** The media type of a picture inside the book, from its name. */
export function mediaTypeOf(name: string): string {
  return CORE_TYPES[path.posix.extname(name).toLowerCase()] ?? "image/png";
}

/**
 * A picture's bytes (`source` is its path on the site) as the book carries them under `name`:
 * PNG, JPEG and GIF as they are; anything else (an SVG, which could hold scripts or load other
 * files, a WebP, an AVIF) drawn as a PNG, at twice its size for sharp screens, at most 1600 pixels
 * wide. The SVG is read from memory, so it reaches no other file. The same bytes are drawn once,
 * however many books show them.
 */
export async function bookImage(source: string, name: string, bytes: Uint8Array): Promise<Uint8Array> {
  if (path.posix.extname(source).toLowerCase() === path.posix.extname(name).toLowerCase()) return bytes;
  let png = drawn.get(bytes);
  if (!png) {
    png = drawPng(bytes);
    drawn.set(bytes, png);
  }
  return png;
}

/** Pictures drawn as PNG, by the bytes they were drawn from; kept as long as those bytes are. */
const drawn = new WeakMap<Uint8Array, Promise<Uint8Array>>();

async function drawPng(bytes: Uint8Array): Promise<Uint8Array> {
  const png = await sharp(bytes, { density: 144, limitInputPixels: 64_000_000 })
    .resize({ width: MAX_WIDTH, withoutEnlargement: true })
    .png({ compressionLevel: 9 })
    .toBuffer();
  return new Uint8Array(png);
}

/** Whether a picture moves: a GIF (the only moving format a book carries as it is) of more than one frame. */
export async function isAnimated(bytes: Uint8Array): Promise<boolean> {
  if (Buffer.from(bytes.subarray(0, 4)).toString("latin1") !== "GIF8") return false;
  const { pages = 1 } = await sharp(bytes, { limitInputPixels: 64_000_000 }).metadata();
  return pages > 1;
}
