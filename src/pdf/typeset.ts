import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { NodeCompiler, NodeError } from "@myriaddreamin/typst-ts-node-compiler";
import { REPO_ROOT } from "../repo.js";
import type { BookData } from "./document.js";

/** The template every book is typeset with. */
const TEMPLATE = path.join(REPO_ROOT, "layouts/pdf/book.typ");

/**
 * The folder the compiler sees its files in. It exists only in the compiler's memory: the
 * template, the book's data and its pictures are handed to it under this folder, and nothing else.
 */
const ROOT = "/minibooks-pdf";

/**
 * The fonts a book is set in, from npm packages of the project: Source Sans 3 for headings (and
 * first, so that a picture's text in a family nobody has is drawn in it), Source Serif 4 for the
 * text, Source Code Pro for code. All under the SIL Open Font License.
 */
const FONTS: readonly { pkg: string; prefix: string; styles: readonly string[] }[] = [
  {
    pkg: "@expo-google-fonts/source-sans-3",
    prefix: "SourceSans3",
    styles: ["400Regular", "400Regular_Italic", "600SemiBold", "700Bold"],
  },
  {
    pkg: "@expo-google-fonts/source-serif-4",
    prefix: "SourceSerif4",
    styles: ["400Regular", "400Regular_Italic", "600SemiBold", "600SemiBold_Italic", "700Bold", "700Bold_Italic"],
  },
  {
    pkg: "@expo-google-fonts/source-code-pro",
    prefix: "SourceCodePro",
    styles: ["400Regular", "400Regular_Italic", "700Bold", "700Bold_Italic"],
  },
];

/**
 * The PDF standard books are written to: PDF/UA-1, tagged for assistive technology. A book whose
 * content the standard does not allow is written as a tagged PDF without the claim.
 */
export const PDF_STANDARD = "ua-1";
const PDF_STANDARD_NAME = "PDF/UA-1";

/** A book could not be typeset: the compiler's messages say why. */
export class TypesetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TypesetError";
  }
}

/** Typesets books, one after another, with one compiler and one set of fonts. */
export interface Typesetter {
  /** A book's PDF from its data and the pictures it names (by their names in the data). */
  typeset(data: BookData, images: ReadonlyMap<string, Uint8Array>): Uint8Array;
}

/**
 * A typesetter for one build: the Typst compiler, in this process, with the project's template
 * and fonts. The compiler reads only what it is handed; the fonts it is given come before any
 * other, and the template never falls back to another font for a missing character.
 */
export async function createTypesetter(): Promise<Typesetter> {
  const require = createRequire(import.meta.url);
  const fontBlobs = await Promise.all(
    FONTS.flatMap(({ pkg, prefix, styles }) => {
      const folder = path.dirname(require.resolve(`${pkg}/package.json`));
      return styles.map((style) => readFile(path.join(folder, style, `${prefix}_${style}.ttf`)));
    }),
  );
  const template = await readFile(TEMPLATE);
  // The compiler is loaded when a build first typesets a book, not whenever the site's code loads.
  const { NodeCompiler } = await import("@myriaddreamin/typst-ts-node-compiler");
  const compiler = NodeCompiler.create({ workspace: ROOT, fontArgs: [{ fontBlobs }] });
  return {
    typeset(data, images) {
      compiler.resetShadow();
      compiler.mapShadow(`${ROOT}/book.typ`, template);
      compiler.mapShadow(`${ROOT}/book.json`, Buffer.from(JSON.stringify(data)));
      for (const [name, bytes] of images) compiler.mapShadow(`${ROOT}/${name}`, Buffer.from(bytes));
      try {
        const result = compiler.compile({ mainFilePath: `${ROOT}/book.typ` });
        const diagnostics = result.takeDiagnostics();
        const document = result.result;
        if (!document || result.hasError()) throw new TypesetError(messages(compiler, diagnostics, data.title));
        try {
          return new Uint8Array(compiler.pdf(document, { pdfStandard: PDF_STANDARD }));
        } catch (error) {
          // Content the standard does not allow (the template avoids what it knows of) still gets
          // a tagged PDF, only without the claim.
          if (!String(error).includes(`${PDF_STANDARD_NAME} error`))
            throw new TypesetError(`the PDF of "${data.title}" could not be written: ${String(error)}`);
          return new Uint8Array(compiler.pdf(document, { pdfTags: true }));
        }
      } finally {
        // What one book left in the compiler's memory is of no use to the next.
        compiler.resetShadow();
        compiler.evictCache(0);
      }
    },
  };
}

/** A message of the compiler: what, where, and how grave (1 is an error). */
interface Diagnostic {
  message: string;
  path?: string;
  range?: { start: { line: number; character: number } };
  severity?: number;
}

/** The compiler's errors as one message, each with the place in the template it stopped at. */
function messages(compiler: NodeCompiler, diagnostics: NodeError | null, title: string): string {
  const list = diagnostics ? (compiler.fetchDiagnostics(diagnostics) as Diagnostic[]) : [];
  const errors = list
    .filter((d) => d.severity === undefined || d.severity === 1)
    .map((d) => {
      const where = d.path?.startsWith(ROOT) ? path.basename(d.path) : d.path;
      const line = d.range ? `:${d.range.start.line + 1}:${d.range.start.character + 1}` : "";
      return where ? `${d.message} (${where === "book.typ" ? "layouts/pdf/book.typ" : where}${line})` : d.message;
    });
  return `the PDF of "${title}" could not be typeset: ${errors.join("; ") || "the compiler gave no reason"}`;
}
