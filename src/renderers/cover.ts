import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import sharp from "sharp";
import { isExternal } from "../book/links.js";
import { startHelperProcess, type HelperProcess } from "../processes/helper-process.js";

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

/** What makes a cover besides its data: this module, and the packages that draw it and its letters. */
export const COVER_RECIPE: readonly [readonly string[], readonly string[]] = [
  ["src/renderers/cover.ts", "src/book/urls.ts", "src/book/links.ts"],
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

/** The font files of one weight: the Latin subset first, then the others, read when a letter needs them. */
interface Face {
  /** The font that draws a code point: the first subset that has it, else the Latin one. */
  fontFor(codePoint: number): fontkit.Font;
  /** How wide a text is set, in ems, with the font's kerning; each text is laid out once. */
  width(text: string): number;
}

/** Where the cover's fonts are: IBM Plex Sans, in the subsets `@fontsource` splits it into. */
const SUBSETS = ["latin", "latin-ext", "greek", "cyrillic", "cyrillic-ext", "vietnamese"] as const;

/** The weights of IBM Plex Sans a cover is set in. */
type Weight = 400 | 600 | 700;

/** The fonts covers are set in, each weight's subsets read when a letter first needs them. */
export interface CoverFonts {
  face(weight: Weight): Face;
}

/**
 * The cover's fonts, read as they are needed and kept by the object returned: a build that makes
 * many covers passes one to every `bookCover`, so each font is read and laid out once.
 */
export function coverFonts(): CoverFonts {
  const require = createRequire(import.meta.url);
  const read = (subset: string, weight: number) => {
    // WOFF rather than WOFF2: the same outlines, and read several times faster.
    const file = require.resolve(`@fontsource/ibm-plex-sans/files/ibm-plex-sans-${subset}-${weight}-normal.woff`);
    const font = fontkit.create(readFileSync(file));
    if (!("layout" in font)) throw new Error(`minibooks: ${file} is a font collection, not one font.`);
    return font;
  };
  const faces = new Map<Weight, Face>();
  return {
    face(weight) {
      const known = faces.get(weight);
      if (known) return known;
      const loaded = new Map<string, fontkit.Font>();
      const subset = (name: string) => {
        let font = loaded.get(name);
        if (!font) {
          font = read(name, weight);
          loaded.set(name, font);
        }
        return font;
      };
      const widths = new Map<string, number>();
      const face: Face = {
        fontFor(codePoint) {
          for (const name of SUBSETS) {
            const font = subset(name);
            if (font.hasGlyphForCodePoint(codePoint)) return font;
          }
          return subset("latin");
        },
        width(text) {
          let width = widths.get(text);
          if (width === undefined) {
            width = runs(text, face).reduce(
              (sum, run) => sum + run.font.layout(run.text).advanceWidth / run.font.unitsPerEm,
              0,
            );
            widths.set(text, width);
          }
          return width;
        },
      };
      faces.set(weight, face);
      return face;
    },
  };
}

/** How a piece of text may be set: its largest and smallest size, most lines, line height. */
interface TextFit {
  size: number;
  smallest: number;
  lines: number;
  leading: number;
}

/** Text set in lines: its height, and its outlines placed at a top-left corner. */
interface SetText {
  height: number;
  paths(left: number, top: number): string;
}

/**
 * Text broken into lines no wider than `width`, at the largest size (down to `smallest`) at which it
 * fits in `fit.lines` lines; what still does not fit ends in an ellipsis.
 */
function fitText(text: string, face: Face, width: number, fit: TextFit): SetText {
  const words = text.trim().split(/\s+/).filter(Boolean);
  let size = fit.size;
  let lines = breakLines(words, face, size, width);
  while (lines.length > fit.lines && size > fit.smallest) {
    size = Math.max(fit.smallest, size - 4);
    lines = breakLines(words, face, size, width);
  }
  if (lines.length > fit.lines) {
    lines = lines.slice(0, fit.lines);
    let last = `${lines[fit.lines - 1]}…`;
    while (measure(last, face, size) > width && last.length > 1) {
      last = `${last.slice(0, -2).replace(/\s+$/, "")}…`;
    }
    lines[fit.lines - 1] = last;
  }
  const lineHeight = size * fit.leading;
  // The first line's letters start at the top: its baseline is one ascent below it.
  const ascent = size * 1.025;
  return {
    height: lines.length === 0 ? 0 : (lines.length - 1) * lineHeight + size * 1.3,
    paths: (left, top) =>
      lines.map((line, i) => `<path d="${outline(line, face, size, left, top + ascent + i * lineHeight)}"/>`).join(""),
  };
}

/** Words in lines no wider than `width`; a word wider than a line is broken between its letters. */
function breakLines(words: readonly string[], face: Face, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate, face, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = "";
    let rest = word;
    while (measure(rest, face, size) > width) {
      let cut = [...rest].length - 1;
      while (cut > 1 && measure([...rest].slice(0, cut).join(""), face, size) > width) cut--;
      lines.push([...rest].slice(0, cut).join(""));
      rest = [...rest].slice(cut).join("");
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

/** A line's runs of letters, each with the font that draws it. */
function runs(text: string, face: Face): { font: fontkit.Font; text: string }[] {
  const found: { font: fontkit.Font; text: string }[] = [];
  for (const character of text) {
    const font = face.fontFor(character.codePointAt(0) ?? 0); // a string iterator gives no empty character
    const last = found.at(-1);
    if (last && last.font === font) last.text += character;
    else found.push({ font, text: character });
  }
  return found;
}

/** How wide a line is set at a size, in pixels: its words' widths and the spaces between them. */
function measure(text: string, face: Face, size: number): number {
  const words = text.split(" ");
  const space = face.width(" ");
  return size * (words.reduce((sum, word) => sum + face.width(word), 0) + space * (words.length - 1));
}

/** A line's outlines as SVG path data, its baseline starting at (`x`, `baseline`). */
function outline(text: string, face: Face, size: number, x: number, baseline: number): string {
  let pen = x;
  let data = "";
  for (const run of runs(text, face)) {
    const scale = size / run.font.unitsPerEm;
    const { glyphs, positions } = run.font.layout(run.text);
    glyphs.forEach((glyph, i) => {
      const at = positions[i];
      data += pathData(glyph.path, scale, pen + at.xOffset * scale, baseline - at.yOffset * scale);
      pen += at.xAdvance * scale;
    });
  }
  return data;
}

/** The letters of SVG path data, by fontkit's path commands. */
const SVG_COMMANDS: Readonly<Record<fontkit.PathCommand["command"], string>> = {
  moveTo: "M",
  lineTo: "L",
  quadraticCurveTo: "Q",
  bezierCurveTo: "C",
  closePath: "Z",
};

/**
 * A glyph's outline as SVG path data, scaled from font units (y up) to pixels (y down) and placed
 * at (`x`, `y`), to a hundredth of a pixel: finer than any screen shows, and a short text to draw.
 */
function pathData(path: fontkit.Path, scale: number, x: number, y: number): string {
  let data = "";
  for (const { command, args } of path.commands) {
    data += SVG_COMMANDS[command];
    for (let i = 0; i < args.length; i += 2) {
      const px = Math.round((x + args[i] * scale) * 100) / 100;
      const py = Math.round((y - args[i + 1] * scale) * 100) / 100;
      data += `${i > 0 ? " " : ""}${px} ${py}`;
    }
  }
  return data;
}
