import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { strFromU8, unzipSync } from "fflate";
import { describe, it } from "vitest";

const run = promisify(execFile);

/** Where the tests find EPUBCheck: Debian's package, or the jar EPUBCHECK_JAR names. */
export const EPUBCHECK_JAR = process.env.EPUBCHECK_JAR ?? "/usr/share/java/epubcheck.jar";

/** What EPUBCheck said of a book: its counts and every message line. */
export interface EpubcheckReport {
  fatals: number;
  errors: number;
  warnings: number;
  /** The lines that name a problem, for the assertion message. */
  messages: string[];
}

/** Validates an EPUB the way publishers do, with EPUBCheck. */
export async function epubcheck(file: string): Promise<EpubcheckReport> {
  // A short run: the JVM's quick compiler and one garbage collector thread do it in half the CPU time.
  const java = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"];
  const { stdout, stderr } = await run("java", [...java, "-jar", EPUBCHECK_JAR, file], {
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string }) => ({
    stdout: error.stdout ?? "",
    stderr: error.stderr ?? "",
  }));
  const output = `${stdout}\n${stderr}`;
  const counts = /Messages: (\d+) fatals? \/ (\d+) errors? \/ (\d+) warnings?/.exec(output);
  if (!counts) throw new Error(`EPUBCheck printed no summary:\n${output}`);
  return {
    fatals: Number(counts[1]),
    errors: Number(counts[2]),
    warnings: Number(counts[3]),
    messages: output.split("\n").filter((line) => /^(FATAL|ERROR|WARNING)/.test(line)),
  };
}

/**
 * `describe` for tests that need EPUBCheck. Without it they are skipped with a message on a
 * developer's machine, and fail with the same message in CI, where a skip would hide a gap.
 */
export function describeWithEpubcheck(name: string, body: () => void): void {
  if (existsSync(EPUBCHECK_JAR)) {
    describe(name, body);
    return;
  }
  const message =
    `EPUBCheck is not at ${EPUBCHECK_JAR}: install it (apt-get install -y epubcheck) ` +
    `or point EPUBCHECK_JAR at epubcheck.jar to validate the books' EPUBs.`;
  if (process.env.CI) {
    describe(name, () => {
      it("needs EPUBCheck", () => {
        throw new Error(message);
      });
    });
  } else {
    console.warn(`Skipping "${name}": ${message}`);
    describe.skip(name, body);
  }
}

/** An EPUB opened: its entries in archive order, and helpers to read them. */
export interface OpenedEpub {
  names: string[];
  bytes: Uint8Array;
  text(name: string): string;
  has(name: string): boolean;
}

/** Opens an EPUB file or its bytes. */
export async function openEpub(file: string | Uint8Array): Promise<OpenedEpub> {
  const bytes = typeof file === "string" ? new Uint8Array(await readFile(file)) : file;
  const entries = unzipSync(bytes);
  return {
    names: Object.keys(entries),
    bytes,
    text: (name) => {
      if (!(name in entries)) throw new Error(`the EPUB has no ${name}; it has ${Object.keys(entries).join(", ")}`);
      return strFromU8(entries[name]);
    },
    has: (name) => name in entries,
  };
}

/** The spine of a package document: the files in reading order. */
export function spineFiles(opf: string): string[] {
  const hrefs = new Map([...opf.matchAll(/<item id="([^"]+)" href="([^"]+)"/g)].map(([, id, href]) => [id, href]));
  return [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map(([, id]) => hrefs.get(id) ?? `(no item ${id})`);
}

/** Every file a package's XHTML and manifest name, which must all be inside it. */
export function referencedFiles(epub: OpenedEpub): string[] {
  const opf = epub.text("EPUB/package.opf");
  const manifest = [...opf.matchAll(/<item id="[^"]+" href="([^"]+)"/g)].map(([, href]) => href);
  const pages = manifest.filter((href) => href.endsWith(".xhtml"));
  const sources = pages.flatMap((page) =>
    [...epub.text(`EPUB/${page}`).matchAll(/<img [^>]*src="([^"]+)"/g)].map(([, src]) => src),
  );
  return [...new Set([...manifest, ...sources])].map((href) => `EPUB/${href}`);
}
