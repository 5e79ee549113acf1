import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import sharp from "sharp";

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

/** A cover's size in pixels: 2:3 portrait, as reading apps and bookshops show books. */
export const COVER_SIZE = { width: 1600, height: 2400 } as const;

/**
 * A book's cover as a PNG: its title, description and author set in IBM Plex Sans above its header
 * picture, on the picture's own main colour, in black or white, whichever reads better on it.
 *
 * The text is drawn as outlines from the font files the package `@fontsource/ibm-plex-sans` ships,
 * not left to the system's fonts, so every machine draws the same letters; the same input gives
 * the same bytes. Letters outside the font's alphabets (Latin, Greek, Cyrillic, Vietnamese) show
 * as the font's empty box.
 */
export async function bookCover(input: CoverInput): Promise<Uint8Array> {
  const { width, height } = COVER_SIZE;
  const fonts = fontShelf();
  const art = input.art ? await drawArt(input.art) : undefined;
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

  let y = TOP;
  const titleTop = y;
  y += title.height + GAP;
  const descriptionTop = y;
  const textBottom = y + description.height;
  const authorTop = height - BOTTOM - author.height;

  const layers: sharp.OverlayOptions[] = [];
  if (art) {
    // The picture, full width, in the middle of the room the text leaves.
    const room = authorTop - textBottom - 2 * GAP;
    const artHeight = Math.max(0, Math.round(Math.min(art.height, room)));
    if (artHeight > 0) {
      const band =
        artHeight === art.height
          ? art.png
          : await sharp(art.png).resize({ width, height: artHeight, fit: "cover" }).png().toBuffer();
      layers.push({ input: band, left: 0, top: Math.round(textBottom + GAP + (room - artHeight) / 2) });
    }
  }
  // Each piece of text is drawn on a canvas of its own size: drawing is by the pixel.
  const pieces: [SetText, number][] = [
    [title, titleTop],
    [description, descriptionTop],
    [author, authorTop],
  ];
  for (const [piece, top] of pieces) {
    if (piece.height === 0) continue;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${textWidth}" height="${Math.ceil(piece.height)}"><g fill="${ink}">${piece.paths(0, 0)}</g></svg>`;
    layers.push({ input: Buffer.from(svg), left: MARGIN, top: Math.round(top) });
  }
  // A short rule above the author's name.
  layers.push({ input: await solid(160, 8, ink), left: MARGIN, top: Math.round(authorTop - 56) });

  const png = await sharp({ create: { width, height, channels: 3, background } })
    .composite(layers)
    // zlib's default level: the strongest makes the file 7% smaller and takes ten times as long.
    .png({ compressionLevel: 6 })
    .toBuffer();
  return new Uint8Array(png);
}

/** A rectangle of one colour, as a PNG. */
function solid(width: number, height: number, colour: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

/** Space around the text, and between its parts, in pixels. */
const MARGIN = 140;
const TOP = 210;
const BOTTOM = 190;
const GAP = 72;

/** The tallest band the header picture takes on the cover. */
const MAX_ART_HEIGHT = 900;

/** A deep blue for a book without a header picture. */
const PLAIN_BACKGROUND = { r: 0x1f, g: 0x3a, b: 0x5f };

type Colour = { r: number; g: number; b: number };

/** The picture drawn as a PNG band as wide as the cover, and its main colour. */
async function drawArt(bytes: Uint8Array): Promise<{ png: Buffer; height: number; colour: Colour }> {
  const { width } = COVER_SIZE;
  const options = { limitInputPixels: 64_000_000 };
  const meta = await sharp(bytes, options).metadata();
  // An SVG is drawn at the density that makes it as wide as the cover, so its lines stay sharp.
  const density = meta.format === "svg" && meta.width ? Math.min(1200, Math.max(72, (72 * width) / meta.width)) : 72;
  const natural = meta.width && meta.height ? Math.round((width * meta.height) / meta.width) : width / 3;
  const height = Math.min(natural, MAX_ART_HEIGHT);
  const png = await sharp(bytes, { ...options, density })
    .resize({ width, height, fit: "cover" })
    .flatten({ background: "#ffffff" })
    .png()
    .toBuffer();
  return { png, height, colour: await edgeColour(png) };
}

/**
 * The colour the picture's top and bottom edges have most, to lay the cover in, so the picture's
 * own ground runs on without a seam.
 */
async function edgeColour(png: Buffer): Promise<Colour> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
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

/** The faces of one cover, each weight's subsets read once, when its text needs them. */
function fontShelf(): { face(weight: 400 | 600 | 700): Face } {
  const require = createRequire(import.meta.url);
  const read = (subset: string, weight: number) => {
    // WOFF rather than WOFF2: the same outlines, and read several times faster.
    const file = require.resolve(`@fontsource/ibm-plex-sans/files/ibm-plex-sans-${subset}-${weight}-normal.woff`);
    const font = fontkit.create(readFileSync(file));
    if (!("layout" in font)) throw new Error(`minibooks: ${file} is a font collection, not one font.`);
    return font;
  };
  return {
    face(weight) {
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
    const font = face.fontFor(character.codePointAt(0)!);
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
      data += glyph.path
        .scale(scale, -scale)
        .translate(pen + at.xOffset * scale, baseline - at.yOffset * scale)
        .toSVG();
      pen += at.xAdvance * scale;
    });
  }
  return data;
}
