import { existsSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandResult } from "../../bench/run-command.js";
import { copyFixture, runCli } from "../helpers/cli.js";

/**
 * `npm run check` over a book with mistakes in its text that used to pass or stop the build in the
 * words of a library: a file that is not UTF-8, characters that are not text, an empty chapter, a key
 * indented by mistake, raw HTML values HTML does not define, a picture over the pixel limit, files
 * that are not pictures (one a header picture). Each is reported at its file, line and column, with
 * its fix, the build finds the same, and nothing is published.
 */
const page = (...lines: string[]) => `${lines.join("\n")}\n`;
const FILES: Record<string, string | Buffer> = {
  "pages/latin.md": Buffer.concat([
    Buffer.from("---\ntitle: Caf"),
    Buffer.from([0xe9]),
    Buffer.from("\ndescription: Coffee.\n---\n\nText.\n"),
  ]),
  "pages/nul.md": page("---", "title: Tea\u0000time", "description: D", "---", "", "Text."),
  "pages/bell.md": page("---", 'title: "Ring \\a"', "description: D", "---", "", "Text."),
  "pages/body-control.md": page("---", "title: Controls", "description: D", "---", "", "Text.", "A\u001b[31mred"),
  "pages/garden-chapter-3.md": page(
    "---",
    "title: Empty",
    "description: D",
    "book: garden",
    "chapter: 3",
    "---",
    "",
    "<!-- later -->",
  ),
  "pages/indented.md": page("---", "title: Indented", "description: D", "  status: green", "---", "", "Text."),
  "pages/values.md": page(
    "---",
    "title: Values",
    "description: D",
    "---",
    "",
    '<p dir="left">a</p>',
    "",
    "<details><p>b</p></details>",
    "",
    "![A field too large to show](../images/huge.png)",
    "",
    "![A picture that is not one](../images/broken.png)",
  ),
  "images/broken.png": "This is text, not a picture.\n",
  // A header picture is also drawn into the page's social card, which the check reads as the build does.
  "pages/header.md": page(
    "---",
    "title: Header",
    "description: D",
    "image: ../images/broken-header.png",
    "imageAlt: A picture that is not one",
    "---",
    "",
    "Text.",
  ),
  "images/broken-header.png": "Text again, not a picture.\n",
};

const EXPECTED = [
  'pages/bell.md:2:14: title: the escape "\\a" stands for the character U+0007 (BEL), which is not text: feed readers and e-readers refuse a page that holds it, as XML cannot hold it. Fix: remove "\\a" from the value.',
  "pages/body-control.md:7:2: text: holds the character U+001B (ESC), which is not text: feed readers and e-readers refuse a page that holds it, as XML cannot hold it. Fix: delete it; most editors do not show it, so delete and retype the text around this place.",
  'pages/garden-chapter-3.md:6:1: text: the chapter has no text after its front matter, so readers would find an empty page. Fix: write the chapter\'s text below this "---" line, or mark it "draft: true" until it has some.',
  'pages/header.md:4:8: image: "../images/broken-header.png" cannot be read as a picture: its bytes are not those of a PNG, JPEG, WebP, AVIF, GIF or SVG file. Fix: open it in an image editor and save it again as PNG, JPEG, WebP, AVIF or GIF.',
  'pages/indented.md:4:3: the front matter is not valid YAML: the key "status" is indented, so YAML reads it as part of the value above it. Fix: start "status:" at the beginning of the line, as the other keys are; if the line goes on with the value above, put that whole value in double quotes on one line.',
  'pages/latin.md:2:11: encoding: the file is not UTF-8: the byte 0xE9 here is not UTF-8 text, so the page would show "\uFFFD" in its place. Fix: save the file as UTF-8 ("Save with Encoding" in most editors), then check that its accented letters still read right.',
  "pages/nul.md:2:11: title: holds the character U+0000 (NUL), which is not text: feed readers and e-readers refuse a page that holds it, as XML cannot hold it. Fix: delete it; most editors do not show it, so delete and retype the text around this place.",
  'pages/values.md:6:4: html: <p dir="left"> is not a value HTML defines for dir, so browsers and e-readers ignore it or read it wrongly. Allowed: ltr, rtl or auto. Fix: write dir with an allowed value, or remove it.',
  "pages/values.md:8:10: html: <details> starts with <p>; it must start with its <summary>, the line readers click to open it. Fix: write <summary>…</summary> right after <details>.",
  'pages/values.md:10:1: image: "../images/huge.png" is 16,500 × 16,500 pixels, 272,250,000 in all: more than the 268,402,689 (16,383 × 16,383) a picture may have, so its copies for the page cannot be made. Fix: scale the picture down in an image editor (a page shows it at most 2,000 or so pixels wide) and save it again.',
  'pages/values.md:12:1: image: "../images/broken.png" cannot be read as a picture: its bytes are not those of a PNG, JPEG, WebP, AVIF, GIF or SVG file. Fix: open it in an image editor and save it again as PNG, JPEG, WebP, AVIF or GIF.',
];

let dir: string;
let run: CommandResult;
beforeAll(async () => {
  dir = await copyFixture("small-book");
  for (const [file, text] of Object.entries(FILES)) await writeFile(path.join(dir, file), text);
  // A plain picture over sharp's limit of 16,383 × 16,383 pixels, 8 MB as a PNG.
  await sharp({ limitInputPixels: false, create: { width: 16500, height: 16500, channels: 3, background: "#8a4" } })
    .png({ compressionLevel: 1 })
    .toFile(path.join(dir, "images/huge.png"));
  run = await runCli("check", [], dir);
}, 180_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("npm run check on mistakes in the text of a book", () => {
  it("reports each at its file, line and column, with its fix, and fails", () => {
    const lines = run.stderr.split("\n").filter((line) => line.startsWith("pages/"));
    expect(lines).toEqual(EXPECTED);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/\bat .*\.(ts|js):\d+|Input image exceeds|Warning/);
  });

  it("publishes nothing: npm run build fails on the same problems and leaves no site, so no feed or EPUB holds them", async () => {
    const built = await runCli("build", [], dir);
    expect(built.code).toBe(1);
    // The check writes no picture's copy or card, and finds every picture the build cannot make.
    expect(built.stderr.split("\n").filter((line) => line.startsWith("pages/"))).toEqual(EXPECTED);
    expect(existsSync(path.join(dir, "_site"))).toBe(false);
  }, 180_000);
});
