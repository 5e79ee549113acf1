import { describe, expect, it } from "vitest";
import { pdfUrl } from "../../src/book/library.js";
import { bookDocument, type PdfBookSource } from "../../src/pdf/document.js";

const heading = (id: string, text: string) => `<h2 id="${id}">${text}</h2>`;

function source(overrides: Partial<PdfBookSource["book"]> = {}): PdfBookSource {
  return {
    book: {
      url: "/pages/tea/",
      title: "Tea",
      description: "About tea.",
      image: "/images/cup.svg",
      imageAlt: "A cup",
      home: { url: "/pages/tea/", html: `${heading("why", "Why")}<p>Read on.</p>` },
      chapters: [
        {
          url: "/pages/tea-chapter-1/",
          title: "Leaves",
          description: "What goes in.",
          image: "/images/leaves.png",
          imageAlt: "Leaves",
          html:
            `${heading("kinds", "Kinds")}<p>` +
            '<a href="/pages/tea-chapter-2/#water">water</a> <a href="/pages/tea-chapter-2/#nowhere">cups</a> ' +
            '<a href="/pages/tea/">home</a> <a href="/pages/tea/#why">why</a> <a href="#kinds">up</a> ' +
            '<a href="/pages/other/">other</a> <a href="https://example.org/a">out</a> <a href="mailto:a@example.org">mail</a> ' +
            '<a href="ftp://example.org/x">ftp</a></p>' +
            '<p><img src="/img/leaf-1000.png" alt="A leaf"></p><p><img src="/images/cup.svg" alt="The cup again"></p>' +
            '<p><img src="/images/steam.avif" alt="Steam"></p>',
        },
        { url: "/pages/tea-chapter-2/", title: "Water", description: "Hot.", html: heading("water", "Water") },
      ],
      ...overrides,
    },
    site: { url: "https://books.example.org", language: "en-GB" },
    author: "The Tea Club",
    date: new Date("2025-06-07T08:09:10Z"),
  };
}

describe("a book as the data its PDF is typeset from", () => {
  it("says what the title page shows and the document's metadata", () => {
    const { data } = bookDocument(source());
    expect(data).toMatchObject({
      title: "Tea",
      description: "About tea.",
      author: "The Tea Club",
      language: "en",
      region: "GB",
      address: "https://books.example.org/pages/tea/",
      date: { year: 2025, month: 6, day: 7, hour: 8, minute: 9, second: 10, text: "7 June 2025" },
      cover: { src: "images/1.svg", alt: "A cup" },
    });
  });

  it("has the book home's text as the introduction, then the chapters in order with their labels", () => {
    const { data } = bookDocument(source());
    expect(data.introduction).toEqual({
      label: "intro",
      blocks: [
        { type: "heading", level: 2, label: "intro-why", children: [{ type: "text", value: "Why" }] },
        { type: "paragraph", children: [{ type: "text", value: "Read on." }] },
      ],
    });
    expect(
      data.chapters.map(({ number, label, title, description }) => ({ number, label, title, description })),
    ).toEqual([
      { number: 1, label: "c1", title: "Leaves", description: "What goes in." },
      { number: 2, label: "c2", title: "Water", description: "Hot." },
    ]);
    expect(data.chapters[1].blocks).toEqual([
      { type: "heading", level: 2, label: "c2-water", children: [{ type: "text", value: "Water" }] },
    ]);
  });

  it("leads links to the book's pages to their place in the document, and others to the web", () => {
    const { data } = bookDocument(source());
    const paragraph = data.chapters[0].blocks[1];
    expect(paragraph.type === "paragraph" && paragraph.children.filter((inline) => inline.type !== "text")).toEqual([
      { type: "ref", target: "c2-water", children: [{ type: "text", value: "water" }] },
      { type: "ref", target: "c2", children: [{ type: "text", value: "cups" }] },
      { type: "ref", target: "intro", children: [{ type: "text", value: "home" }] },
      { type: "ref", target: "intro-why", children: [{ type: "text", value: "why" }] },
      { type: "ref", target: "c1-kinds", children: [{ type: "text", value: "up" }] },
      { type: "link", href: "https://books.example.org/pages/other/", children: [{ type: "text", value: "other" }] },
      { type: "link", href: "https://example.org/a", children: [{ type: "text", value: "out" }] },
      { type: "link", href: "mailto:a@example.org", children: [{ type: "text", value: "mail" }] },
    ]);
    expect(JSON.stringify(paragraph)).toMatch(/\{"type":"text","value":"ftp"\}\]\}$/);
  });

  it("leads links to a book home without text of its own to the title page", () => {
    const { data } = bookDocument(source({ home: { url: "/pages/tea/", html: "\n" } }));
    expect(data.introduction.blocks).toEqual([]);
    const paragraph = data.chapters[0].blocks[1];
    expect(paragraph.type === "paragraph" && paragraph.children.filter((inline) => inline.type === "ref")).toEqual([
      { type: "ref", target: "c2-water", children: [{ type: "text", value: "water" }] },
      { type: "ref", target: "c2", children: [{ type: "text", value: "cups" }] },
      { type: "ref", target: "cover", children: [{ type: "text", value: "home" }] },
      { type: "ref", target: "cover", children: [{ type: "text", value: "why" }] },
      { type: "ref", target: "c1-kinds", children: [{ type: "text", value: "up" }] },
    ]);
  });

  it("names each picture once, in files of its own making, drawing formats the typesetter lacks as PNG", () => {
    const { data, images } = bookDocument(source());
    expect(images).toEqual([
      { file: "images/1.svg", sitePath: "/images/cup.svg" },
      { file: "images/2.png", sitePath: "/images/leaves.png" },
      { file: "images/3.png", sitePath: "/img/leaf-1000.png" },
      { file: "images/4.png", sitePath: "/images/steam.avif" },
    ]);
    expect(data.chapters[0].image).toEqual({ src: "images/2.png", alt: "Leaves" });
    expect(data.chapters[0].blocks.slice(2)).toEqual([
      { type: "image", src: "images/3.png", alt: "A leaf" },
      { type: "image", src: "images/1.svg", alt: "The cup again" },
      { type: "image", src: "images/4.png", alt: "Steam" },
    ]);
  });

  it("is published beside the book's EPUB", () => {
    expect(pdfUrl({ url: "/pages/tea/", slug: "tea" })).toBe("/pages/tea/tea.pdf");
  });
});
