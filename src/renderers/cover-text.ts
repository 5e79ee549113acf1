import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import { entryOf } from "../book/map-entry.js";

/**
 * The lettering of a book's cover: its title, description and author set in IBM Plex Sans, as
 * outlines drawn from the font files the package `@fontsource/ibm-plex-sans` ships, so every
 * machine draws the same letters.
 */

/** The font files of one weight: the Latin subset first, then the others, read when a letter needs them. */
export interface Face {
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
  return { face: (weight) => entryOf(faces, weight, () => loadFace(weight)) };

  /** One weight's face: each subset read when a letter first needs it, each text's width laid out once. */
  function loadFace(weight: Weight): Face {
    const loaded = new Map<string, fontkit.Font>();
    const subset = (name: string) => entryOf(loaded, name, () => read(name, weight));
    const widths = new Map<string, number>();
    const face: Face = {
      fontFor(codePoint) {
        for (const name of SUBSETS) {
          const font = subset(name);
          if (font.hasGlyphForCodePoint(codePoint)) return font;
        }
        return subset("latin");
      },
      width: (text) =>
        entryOf(widths, text, () =>
          runs(text, face).reduce((sum, run) => sum + run.font.layout(run.text).advanceWidth / run.font.unitsPerEm, 0),
        ),
    };
    return face;
  }
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
export function fitText(text: string, face: Face, width: number, fit: TextFit): SetText {
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
