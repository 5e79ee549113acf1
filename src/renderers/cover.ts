import sharp from "sharp";
import { isExternal } from "../book/links.js";
import { startHelperProcess, type HelperProcess } from "../processes/helper-process.js";
import { type CoverFonts, coverFonts, fitText } from "./cover-text.js";

/** What a book's cover shows. */
export interface CoverInput {
  title: string;
  description: string;
  author: string;
  /**
   * The book's header picture, as its file's bytes (SVG, PNG, JPEG, WebP, AVIF or GIF), drawn
   * across the cover; without it the cover is plain.
   */
  art?: Uint8Array;
}

/**
 * The book's header picture as a path on the site (`/images/headers/okr-guide.svg`), whose bytes a
 * cover draws; a picture from elsewhere is left out.
 */
export function artOf(book: { image?: { url: string } }): string | undefined {
  const url = book.image?.url;
  return url && !isExternal(url) && url.startsWith("/") ? url : undefined;
}

/** What makes a cover besides its data: this module and its lettering, and the packages that draw it and its letters. */
export const COVER_RECIPE: readonly [readonly string[], readonly string[]] = [
  ["src/renderers/cover.ts", "src/renderers/cover-text.ts", "src/book/urls.ts", "src/book/links.ts"],
  ["sharp", "fontkit", "@fontsource/ibm-plex-sans"],
];

/** A cover's size in pixels: 2:3 portrait, as reading apps and bookshops show books. */
export const COVER_SIZE = { width: 1600, height: 2400 } as const;

/**
 * Starts a process that draws covers (`cover-process.ts` beside this module), one at a time, with
 * `bookCover`. A library's covers are drawn there: each leaves large pictures behind in the C heap
 * of the process that drew it, which only that process's end gives back.
 */
export function startCoverProcess(): Promise<HelperProcess<CoverInput, Uint8Array>> {
  return startHelperProcess(new URL("./cover-process", import.meta.url), {
    name: "the process that draws the covers",
    failure: (message) => new Error(message),
  });
}

/**
 * A book's cover as a PNG: its title, description and author set in IBM Plex Sans above its header
 * picture, on the picture's own main colour, in black or white, whichever reads better on it.
 *
 * The text is drawn as outlines from the font files the package `@fontsource/ibm-plex-sans` ships,
 * not left to the system's fonts, so every machine draws the same letters; the same input gives
 * the same bytes. Letters outside the font's alphabets (Latin, Greek, Cyrillic, Vietnamese) show
 * as the font's empty box.
 */
export async function bookCover(input: CoverInput, fonts: CoverFonts = coverFonts()): Promise<Uint8Array> {
  const { width, height } = COVER_SIZE;
  const art = input.art ? await prepareArt(input.art) : undefined;
  const background = art?.colour ?? PLAIN_BACKGROUND;
  const ink = readableInk(background);

  const textWidth = width - 2 * MARGIN;
  const title = fitText(input.title, fonts.face(700), textWidth, { size: 150, smallest: 88, lines: 5, leading: 1.1 });
  const description = fitText(input.description, fonts.face(400), textWidth, {
    size: 62,
    smallest: 44,
    lines: 6,
    leading: 1.35,
  });
  const author = fitText(input.author, fonts.face(600), textWidth, { size: 66, smallest: 44, lines: 2, leading: 1.2 });

  const titleTop = TOP;
  const descriptionTop = titleTop + title.height + GAP;
  const textBottom = descriptionTop + description.height;
  const authorTop = height - BOTTOM - author.height;

  // The whole cover is one drawing, drawn once: its ground, the picture, the text and a short rule
  // above the author's name.
  const parts = [`<rect width="${width}" height="${height}" fill="${hex(background)}"/>`];
  if (art) {
    // The picture, full width, in the middle of the room the text leaves.
    const room = authorTop - textBottom - 2 * GAP;
    const artHeight = Math.max(0, Math.round(Math.min(art.height, room)));
    const top = Math.round(textBottom + GAP + (room - artHeight) / 2);
    if (artHeight > 0) {
      parts.push(
        `<image x="0" y="${top}" width="${width}" height="${artHeight}" preserveAspectRatio="xMidYMid slice" xlink:href="${art.href}"/>`,
      );
    }
  }
  parts.push(
    `<g fill="${ink}">`,
    title.paths(MARGIN, titleTop),
    description.paths(MARGIN, descriptionTop),
    `<rect x="${MARGIN}" y="${Math.round(authorTop - 56)}" width="160" height="8"/>`,
    author.paths(MARGIN, authorTop),
    "</g>",
  );
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}">` +
    `${parts.join("")}</svg>`;
  const png = await sharp(Buffer.from(svg), LIMITS)
    .removeAlpha()
    // zlib's default level: the strongest makes the file 7% smaller and takes ten times as long.
    .png({ compressionLevel: 6 })
    .toBuffer();
  return new Uint8Array(png);
}

/** Space around the text, and between its parts, in pixels. */
const MARGIN = 140;
const TOP = 210;
const BOTTOM = 190;
const GAP = 72;

/** The tallest band the header picture takes on the cover. */
const MAX_ART_HEIGHT = 900;

/** How wide the small drawing of the picture is, whose edges give the cover's ground. */
const SAMPLE_WIDTH = 200;

/** What sharp may read: a picture larger than this is refused rather than drawn. */
const LIMITS = { limitInputPixels: 64_000_000 };

/** A deep blue for a book without a header picture. */
const PLAIN_BACKGROUND = { r: 0x1f, g: 0x3a, b: 0x5f };

type Colour = { r: number; g: number; b: number };

/** A colour as SVG writes it: `#1f3a5f`. */
function hex({ r, g, b }: Colour): string {
  return `#${[r, g, b].map((value) => value.toString(16).padStart(2, "0")).join("")}`;
}

/**
 * The picture as the cover draws it: a `data:` address (an SVG as it is, so its lines stay sharp at
 * any size; any other picture as a PNG as wide as the cover), its height across the cover, and the
 * colour of its ground.
 */
async function prepareArt(bytes: Uint8Array): Promise<{ href: string; height: number; colour: Colour } | undefined> {
  const { width } = COVER_SIZE;
  const meta = await sharp(bytes, LIMITS).metadata();
  if (!meta.width || !meta.height) return undefined;
  const svg = meta.format === "svg";
  const height = Math.min(Math.round((width * meta.height) / meta.width), MAX_ART_HEIGHT);
  const picture = svg
    ? Buffer.from(bytes)
    : await sharp(bytes, LIMITS).resize({ width, height, fit: "cover" }).png().toBuffer();
  // The ground is found on the picture at its own size, made small: an SVG drawn at another scale
  // blends its edges with the transparent canvas around it, which would give another colour.
  const sample = await sharp(bytes, LIMITS)
    // Nearest neighbour: every pixel keeps a colour of the picture, none is a blend of two.
    .resize({
      width: SAMPLE_WIDTH,
      height: Math.max(1, Math.round((SAMPLE_WIDTH * height) / width)),
      fit: "cover",
      kernel: "nearest",
    })
    .flatten({ background: "#ffffff" })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    href: `data:image/${svg ? "svg+xml" : "png"};base64,${picture.toString("base64")}`,
    height,
    colour: edgeColour(sample.data, sample.info),
  };
}

/**
 * The colour a picture's top and bottom edges have most, to lay the cover in, so the picture's
 * own ground runs on without a seam.
 */
function edgeColour(data: Buffer, info: sharp.OutputInfo): Colour {
  const counts = new Map<number, number>();
  const row = info.width * info.channels;
  for (const start of [0, (info.height - 1) * row]) {
    for (let i = start; i < start + row; i += info.channels) {
      const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  // The most frequent colour; between two as frequent, the smaller number, so the choice never depends on order.
  let best = 0;
  let most = -1;
  for (const [key, count] of counts) {
    if (count > most || (count === most && key < best)) {
      best = key;
      most = count;
    }
  }
  return { r: best >> 16, g: (best >> 8) & 0xff, b: best & 0xff };
}

/** Near-black or white, whichever contrasts more with the background (WCAG's contrast ratio). */
function readableInk(background: Colour): string {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(background.r) + 0.7152 * channel(background.g) + 0.0722 * channel(background.b);
  const dark = 0.0056; // #151515
  return (luminance + 0.05) / (dark + 0.05) >= 1.05 / (luminance + 0.05) ? "#151515" : "#ffffff";
}
