import { execFile, execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { describe, it } from "vitest";

const run = promisify(execFile);

/** Whether poppler's tools (pdfinfo, pdffonts, pdftotext) can be run here. */
function hasPoppler(): boolean {
  try {
    execFileSync("pdfinfo", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * `describe` for tests that read PDFs with poppler's tools. Without them they are skipped with a
 * message on a developer's machine, and fail with the same message in CI, where a skip would hide
 * a gap.
 */
export function describeWithPoppler(name: string, body: () => void): void {
  if (hasPoppler()) {
    describe(name, body);
    return;
  }
  const message =
    "pdfinfo, pdffonts and pdftotext are not on PATH: install poppler-utils (apt-get install -y poppler-utils) to check the books' PDFs.";
  if (process.env.CI) {
    describe(name, () => {
      it("needs poppler-utils", () => {
        throw new Error(message);
      });
    });
  } else {
    console.warn(`Skipping "${name}": ${message}`);
    describe.skip(name, body);
  }
}

/** What pdfinfo says of a PDF, field by field (`Title`, `Pages`, `Tagged`, ...), dates in ISO 8601. */
export async function pdfInfo(file: string): Promise<Record<string, string>> {
  const { stdout } = await run("pdfinfo", ["-isodates", file]);
  const fields: Record<string, string> = {};
  for (const line of stdout.split("\n")) {
    const match = /^([A-Za-z ]+):\s+(.*)$/.exec(line);
    if (match) fields[match[1]] = match[2].trim();
  }
  // The XMP metadata, which names the standards the file claims.
  fields.XMP = (await run("pdfinfo", ["-meta", file], { maxBuffer: 16 * 1024 * 1024 })).stdout;
  return fields;
}

/** A font of a PDF as pdffonts lists it. */
export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
}

/** Every font a PDF uses. */
export async function pdfFonts(file: string): Promise<PdfFont[]> {
  const { stdout } = await run("pdffonts", [file]);
  return stdout
    .split("\n")
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      // Columns: name, type (may hold spaces), encoding, emb, sub, uni, object, generation.
      const match = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line);
      if (!match) throw new Error(`pdffonts printed a line it should not: ${line}`);
      return { name: match[1], type: match[2], embedded: match[4] === "yes" };
    });
}

/** The text of a PDF, page by page, as a reader's copy and paste would give it. */
export async function pdfPages(file: string): Promise<string[]> {
  const { stdout } = await run("pdftotext", ["-enc", "UTF-8", file, "-"], { maxBuffer: 64 * 1024 * 1024 });
  // Typst keeps a page number to its leader with an invisible word joiner.
  return stdout.replaceAll("\u2060", "").split("\f").slice(0, -1);
}

/** The lines of a PDF's structure tree as pdfinfo prints it: one element a line, indented by depth. */
export async function pdfStructure(file: string): Promise<string[]> {
  const { stdout } = await run("pdfinfo", ["-struct", file], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.split("\n").filter((line) => line.trim() && !line.trim().startsWith("/"));
}

/**
 * The titles of a PDF's bookmarks (its outline) in order, read from the file itself: poppler has
 * no tool that lists them. Each is an outline item's `/Title`, a PDF string whose brackets nest.
 */
export async function pdfBookmarks(file: string): Promise<string[]> {
  const raw = (await readFile(file)).toString("latin1");
  const titles: string[] = [];
  for (const match of raw.matchAll(/\/Title \(/g)) {
    let title = "";
    let depth = 1;
    let at = match.index + match[0].length;
    for (; at < raw.length; at++) {
      const char = raw[at];
      if (char === "\\") title += raw[++at];
      else if (char === "(" && ++depth) title += char;
      else if (char === ")" && --depth === 0) break;
      else title += char;
    }
    // Outline items lead to a place in the document; the document's own title does not.
    if (/^\)\s*\/Dest\b/.test(raw.slice(at, at + 40))) titles.push(title);
  }
  return titles;
}
