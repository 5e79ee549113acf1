import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { COVER_SIZE, bookCover, startCoverProcess } from "../../src/renderers/cover.js";
import { REPO_ROOT } from "../../src/repo.js";

const run = promisify(execFile);

/** A header picture of 1200 by 400 with a pale green ground and a dark cup in the middle. */
const ART = new TextEncoder().encode(
  '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="400">' +
    '<rect width="1200" height="400" fill="#d8ead6"/><rect x="500" y="100" width="200" height="200" fill="#3b2a1a"/></svg>',
);

const book = { title: "Tea", description: "A short book about making tea.", author: "Ada Lovelace", art: ART };

/** A PNG's pixels, to read colours from: one pixel's as `#rrggbb`, and how many of a band of rows have one colour. */
async function pixels(png: Uint8Array) {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => {
    const i = (y * info.width + x) * info.channels;
    return `#${[data[i], data[i + 1], data[i + 2]].map((v) => v.toString(16).padStart(2, "0")).join("")}`;
  };
  return {
    at,
    count(top: number, height: number, colour: string) {
      let count = 0;
      for (let y = top; y < top + height; y++) for (let x = 0; x < info.width; x++) if (at(x, y) === colour) count++;
      return count;
    },
  };
}

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe("a book's cover", () => {
  it("is a portrait PNG of 1600 by 2400 pixels", async () => {
    expect(await sharp(await bookCover(book)).metadata()).toMatchObject({ format: "png", width: 1600, height: 2400 });
  });

  it("gives the same bytes for the same book, and other bytes for another title", async () => {
    const one = Buffer.from(await bookCover(book));
    expect(one.equals(Buffer.from(await bookCover(book)))).toBe(true);
    expect(one.equals(Buffer.from(await bookCover({ ...book, title: "Coffee" })))).toBe(false);
  });

  it("is the same, bytes for bytes, drawn in the process the build draws covers in", async () => {
    const drawer = await startCoverProcess();
    try {
      const [inProcess, plain] = await Promise.all([drawer.ask(book), drawer.ask({ ...book, art: undefined })]);
      expect(Buffer.from(inProcess).equals(Buffer.from(await bookCover(book)))).toBe(true);
      expect(Buffer.from(plain).equals(Buffer.from(await bookCover({ ...book, art: undefined })))).toBe(true);
    } finally {
      drawer.close();
    }
  });

  it("lays the picture's own ground behind the text, in dark ink on a light ground and white on a dark one", async () => {
    const light = await pixels(await bookCover(book));
    expect(light.at(5, 5)).toBe("#d8ead6");
    // The title's letters, in the top quarter, are drawn in near-black.
    expect(light.count(200, 400, "#151515")).toBeGreaterThan(5000);
    const dark = await pixels(await bookCover({ ...book, art: undefined }));
    expect(dark.at(5, 5)).toBe("#1f3a5f");
    expect(dark.count(200, 400, "#ffffff")).toBeGreaterThan(5000);
  });

  it("draws the picture across the cover's width, between the description and the author", async () => {
    const cover = await pixels(await bookCover(book));
    // The cup in the middle of the picture: a 200-pixel square at 1200 wide is 267 pixels at 1600.
    const rows = [];
    for (let y = 0; y < COVER_SIZE.height; y += 10) rows.push(cover.at(800, y));
    const cupRows = rows.flatMap((colour, i) => (colour === "#3b2a1a" ? [i * 10] : []));
    expect(cupRows.length).toBeGreaterThanOrEqual(25);
    expect(cupRows[0]).toBeGreaterThan(700);
    expect(cupRows.at(-1)!).toBeLessThan(2000);
  });

  it("draws a header picture that is a PNG as it draws an SVG one", async () => {
    const png = await sharp({ create: { width: 600, height: 200, channels: 3, background: "#d8ead6" } })
      .composite([
        { input: { create: { width: 100, height: 100, channels: 3, background: "#3b2a1a" } }, left: 250, top: 50 },
      ])
      .png()
      .toBuffer();
    const cover = await pixels(await bookCover({ ...book, art: new Uint8Array(png) }));
    expect(cover.at(5, 5)).toBe("#d8ead6");
    const rows = [];
    for (let y = 0; y < COVER_SIZE.height; y += 10) rows.push(cover.at(800, y));
    expect(rows.filter((colour) => colour === "#3b2a1a").length).toBeGreaterThanOrEqual(20);
  });

  it("shrinks a long title and ends a description that still does not fit with an ellipsis, within the cover", async () => {
    const cover = await bookCover({
      ...book,
      title: "A title long enough to need five lines on the cover of a book, which it gets",
      description: "word ".repeat(400),
    });
    expect(await sharp(cover).metadata()).toMatchObject({ width: 1600, height: 2400 });
    // The author's line is still clear of the description: its band holds only the ground and the ink.
    expect((await pixels(cover)).at(5, 2390)).toBe("#d8ead6");
  });

  it("draws its letters from the font the project ships, the same on a machine without any system font", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "minibooks-cover-"));
    dirs.push(dir);
    const config = path.join(dir, "fonts.conf");
    await writeFile(config, '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n');
    const script = `
      import { createHash } from "node:crypto";
      import sharp from "sharp";
      const { bookCover } = await import(${JSON.stringify(path.join(REPO_ROOT, "src/renderers/cover.ts"))});
      const hash = (bytes) => createHash("sha256").update(bytes).digest("hex");
      const cover = await bookCover(${JSON.stringify({ ...book, art: undefined })});
      const text = await sharp(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><text x="5" y="40" font-size="30">Tea</text></svg>')).png().toBuffer();
      console.log(JSON.stringify({ cover: hash(cover), text: hash(text) }));`;
    const { stdout } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: REPO_ROOT,
      env: { ...process.env, FONTCONFIG_FILE: config },
    });
    const without = JSON.parse(stdout.trim().split("\n").at(-1)!);
    const hash = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
    const text = await sharp(
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><text x="5" y="40" font-size="30">Tea</text></svg>',
      ),
    )
      .png()
      .toBuffer();
    // Text left to the system's fonts comes out otherwise there (the machine really has none)...
    expect(without.text).not.toBe(hash(text));
    // ...and the cover does not.
    expect(without.cover).toBe(hash(await bookCover({ ...book, art: undefined })));
  });
});
