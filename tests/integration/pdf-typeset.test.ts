import { describe, expect, it } from "vitest";
import { bookDocument, type BookData } from "../../src/pdf/document.js";
import { eachWithTypesetter, type TypesetJob } from "../../src/pdf/typeset-processes.js";

/** The PDFs of `jobs`, in their order, each typeset by a lane's own process. */
async function typesetBooks(jobs: readonly TypesetJob[]): Promise<Uint8Array[]> {
  const pdfs: Uint8Array[] = new Array(jobs.length);
  await eachWithTypesetter([...jobs.keys()], async (index, typeset) => {
    pdfs[index] = await typeset(jobs[index]);
  });
  return pdfs;
}

/** A small book's data, titled `title`. */
function book(title: string): BookData {
  return bookDocument({
    book: {
      url: "/pages/b/",
      title,
      description: "A book to typeset.",
      home: { url: "/pages/b/", html: "<p>Start here.</p>" },
      chapters: [
        { url: "/pages/b-1/", title: "One", description: "The first.", html: '<h2 id="a">A</h2><p>Text.</p>' },
      ],
    },
    site: { url: "https://books.example.org", language: "en" },
    author: "An Author",
    date: new Date("2025-01-02T03:04:05Z"),
  }).data;
}

/** The title a PDF's metadata gives. */
const titleOf = (pdf: Uint8Array) =>
  /<dc:title><rdf:Alt><rdf:li xml:lang="x-default">([^<]*)</.exec(Buffer.from(pdf).toString("latin1"))?.[1];

describe("typesetting books in processes of their own", () => {
  it("gives each book's PDF, in the order the books were given", async () => {
    const pdfs = await typesetBooks(
      ["First", "Second", "Third"].map((title) => ({ data: book(title), images: new Map() })),
    );
    expect(pdfs.map((pdf) => Buffer.from(pdf.subarray(0, 5)).toString())).toEqual(["%PDF-", "%PDF-", "%PDF-"]);
    expect(pdfs.map(titleOf)).toEqual(["First", "Second", "Third"]);
  });

  it("writes PDF/UA-1, and a tagged PDF without the claim when the content does not allow it", async () => {
    const skipping = book("Skipping");
    skipping.chapters[0].blocks.push({ type: "heading", level: 5, children: [{ type: "text", value: "Deep" }] });
    const [ua, tagged] = await typesetBooks([book("Even"), skipping].map((data) => ({ data, images: new Map() })));
    const text = (pdf: Uint8Array) => Buffer.from(pdf).toString("latin1");
    expect(text(ua)).toContain("<pdfuaid:part>1</pdfuaid:part>");
    expect(text(tagged)).not.toContain("pdfuaid");
    expect(text(tagged)).toContain("/MarkInfo");
    expect(titleOf(tagged)).toBe("Skipping");
  });

  it("gives nothing for no book, without starting a process", async () => {
    expect(await typesetBooks([])).toEqual([]);
  });

  it("fails with the compiler's message and the place in the template when a book cannot be made", async () => {
    const broken = { ...book("Broken"), chapters: [{ number: 1, label: "c1", title: "No blocks" }] } as BookData;
    await expect(typesetBooks([{ data: broken, images: new Map() }])).rejects.toThrow(
      /^the PDF of "Broken" could not be typeset: dictionary does not contain key "description" \(layouts\/pdf\/book\.typ:\d+:\d+\)$/,
    );
  });
});
