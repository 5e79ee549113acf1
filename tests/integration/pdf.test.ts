import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { copyFixture } from "../helpers/cli.js";
import { describeWithPoppler, pdfBookmarks, pdfFonts, pdfInfo, pdfPages, pdfStructure } from "../helpers/pdf.js";
import { sharedSite, type SharedSite } from "../helpers/shared.js";
import { build } from "../helpers/site.js";

const git = promisify(execFile);

/** The fonts the project hands the typesetter, as PDFs name them once subset (`ABCDEF+SourceSerif4-Bold`). */
const OWN_FONT = /^[A-Z]{6}\+(SourceSerif4|SourceSans3|SourceCodePro)-[A-Za-z]+$/;

/** The entries of a contents page: each entry's title (on one line, or wrapped over several) and its page number. */
function contentsEntries(page: string): { title: string; page: string }[] {
  const entries: { title: string; page: string }[] = [];
  let pending = "";
  for (const line of page.split("\n").map((l) => l.trim())) {
    if (!line || line === "Contents") continue;
    const match = /^(.*?)(?: ?\. )+ ?\.? ?([0-9]+|[ivxlc]+)$/.exec(line);
    if (match) {
      entries.push({ title: `${pending} ${match[1]}`.trim(), page: match[2] });
      pending = "";
    } else pending = `${pending} ${line}`.trim();
  }
  return entries;
}

/** The text of the page whose folio, printed at its foot, is `folio`, with its lines joined. */
function pageNumbered(pages: readonly string[], folio: string): string | undefined {
  return oneLine(pages.find((page) => page.trim().split("\n").at(-1) === folio) ?? "");
}

/** Text with each run of spaces and line ends as one space, as a reader reads across lines. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ");
}

describeWithPoppler("the PDF of a fixture book", () => {
  let site: SharedSite;
  let file: string;
  let pages: string[];
  let text: string;
  beforeAll(async () => {
    // Built once for the run by `npm run build`'s code, which fails on any problem.
    site = await sharedSite("pdf-book");
    file = path.join(site.output, "pages/bread/bread.pdf");
    pages = await pdfPages(file);
    text = pages.join("\n");
  });

  it("is a tagged PDF/UA-1 document with the book's title, description, author and language", async () => {
    const info = await pdfInfo(file);
    expect(info).toMatchObject({
      Title: "Bread",
      Subject: "A short book about baking bread at home, to print and keep by the oven.",
      Author: "The Minibooks contributors",
      Tagged: "yes",
      Pages: String(pages.length),
    });
    expect(info["Page size"]).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)$/);
    expect(info.XMP).toContain("<pdfuaid:part>1</pdfuaid:part>");
    expect(info.XMP).toContain("<dc:language><rdf:Bag><rdf:li>en</rdf:li></rdf:Bag></dc:language>");
  });

  it("embeds every font it uses, and they are all the project's own", async () => {
    const fonts = await pdfFonts(file);
    expect(fonts.length).toBeGreaterThanOrEqual(4);
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.name).toMatch(OWN_FONT);
    }
    expect(fonts.map((font) => font.name.split("+")[1]).sort()).toEqual(
      expect.arrayContaining(["SourceCodePro-Regular", "SourceSans3-Bold", "SourceSerif4-Regular"]),
    );
  });

  it("opens with a title page: the cover picture, title, description, author, date and address", async () => {
    const home = await site.page("/pages/bread/");
    const newest = home(".page-footer time").attr("datetime")!;
    const chapterDates = await Promise.all(
      [1, 2, 3, 4].map(
        async (n) => (await site.page(`/pages/bread-chapter-${n}/`))(".page-footer time").attr("datetime")!,
      ),
    );
    const date = [newest, ...chapterDates].sort().at(-1)!;
    const written = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(new Date(date));
    expect(pages[0].split("\n").filter(Boolean)).toEqual([
      // The cover picture's own words, drawn in the project's fonts.
      "Flour, water, salt",
      "Bread",
      "A short book about baking bread at home, to print and keep by the oven.",
      "The Minibooks contributors",
      "https://minibooks.example.org/pages/bread/",
      written,
    ]);
  });

  it("lists the contents with the page each chapter and section starts on", () => {
    const entries = contentsEntries(pages[1]);
    expect(entries.map((entry) => entry.title)).toEqual([
      "Introduction",
      "What this book is for",
      "How to read it",
      "1 Flour",
      "Kinds of flour",
      "2 Dough",
      "Mixing",
      "Kneading",
      "3 Baking",
      "Oven times",
      "Cooling",
      '4 Labels: #read("/etc/passwd") and $x$',
      'Odd #text("marks") on a label',
    ]);
    expect(pages[1].trim().split("\n").at(-1)).toBe("i");
    for (const entry of entries) {
      const title = entry.title.replace(/^\d+ /, "");
      expect(pageNumbered(pages, entry.page), `${entry.title} on page ${entry.page}`).toContain(title);
    }
    expect(entries[0].page).toBe("1");
  });

  it("holds the introduction, then every published chapter in reading order, and no draft", () => {
    const starts = [
      "Introduction What this book is for Bread needs four things and patience.",
      "CHAPTER 1 Flour What the bag says, and what it means.",
      "CHAPTER 2 Dough Mixing, kneading and waiting.",
      "CHAPTER 3 Baking Heat, steam and time.",
      'CHAPTER 4 Labels: #read("/etc/passwd") and $x$',
    ].map((start) => oneLine(text).indexOf(start));
    expect(starts.every((at) => at > 0)).toBe(true);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(text).not.toContain("Sourdough");
    expect(text).not.toContain("To come.");
  });

  it("tags its structure: headings by level, the contents, lists, tables, quotes, footnotes and pictures", async () => {
    const structure = await pdfStructure(file);
    const headings = structure.flatMap((line) => {
      const match = /^\s*(H[1-6]) "(.*)" \(block\)$/.exec(line);
      return match ? [`${match[1]} ${match[2]}`] : [];
    });
    expect(headings).toEqual([
      "H1 Contents",
      "H1 Introduction",
      "H2 What this book is for",
      "H2 How to read it",
      "H1 Flour",
      "H2 Kinds of flour",
      "H3 Storing it",
      "H1 Dough",
      "H2 Mixing",
      "H2 Kneading",
      "H1 Baking",
      "H2 Oven times",
      "H3 Steam",
      "H4 A note on fan ovens",
      "H2 Cooling",
      'H1 Labels: #read("/etc/passwd") and $x$',
      'H2 Odd #text("marks") on a label',
    ]);
    const kinds = new Set(structure.map((line) => line.trim().split(/[\s:]/)[0]));
    for (const kind of ["TOC", "TOCI", "L", "LI", "Table", "TH", "TD", "BlockQuote", "Note", "Figure", "Code", "Link"])
      expect(kinds, kind).toContain(kind);
  });

  it("has bookmarks for the contents, the introduction, and every chapter and section", async () => {
    expect(await pdfBookmarks(file)).toEqual([
      "Contents",
      "Introduction",
      "What this book is for",
      "How to read it",
      "1 Flour",
      "Kinds of flour",
      "Storing it",
      "2 Dough",
      "Mixing",
      "Kneading",
      "3 Baking",
      "Oven times",
      "Steam",
      "A note on fan ovens",
      "Cooling",
      '4 Labels: #read("/etc/passwd") and $x$',
      'Odd #text("marks") on a label',
    ]);
  });

  it("sets footnotes at the foot of their page, once however often they are mentioned", () => {
    const page = oneLine(pages.find((p) => p.includes("Kinds of flour\nStrong flour"))!);
    expect(page).toContain("further.1 Whole");
    expect(page).toContain("rises less.1");
    expect(page).toContain("1Protein here means gluten-forming proteins, measured as a share of the flour's weight.");
    expect(text.split("Protein here means").length).toBe(2);
    // Footnotes are numbered afresh in each chapter, as on the site.
    expect(text).toContain('1#read("/etc/hostname") in a footnote.');
  });

  it("keeps alerts with their labels, tables, code and quotes", () => {
    for (const [label, body] of [
      ["Note", "Weigh the water: cups differ."],
      ["Tip", "Warm water speeds the rise."],
      ["Important", "Salt goes in after the first rest."],
      ["Warning", "Too much yeast makes the bread taste sour."],
      ["Caution", "A hot oven door burns."],
    ])
      expect(text).toContain(`${label}\n${body}`);
    expect(text).toContain("Strong white\n\n13 %\n\n650 g");
    expect(text).toContain("const rests = [3, 6, 9].map((minute) =>");
    expect(text).toContain('console.log(rests.join(", "));');
    expect(text).toContain('echo "oven on" && sleep 600');
    expect(text).toContain("Knead until the dough is smooth and springs back.");
    expect(text).toMatch(/5\.\s+Fold it\.\n6\.\s+Turn it\.\n7\.\s+Press it\./);
  });

  it("links to places in the book inside the PDF, giving their page, and elsewhere by address", async () => {
    const { stdout: destinations } = await git("pdfinfo", ["-dests", file]);
    const named = new Map(
      [...destinations.matchAll(/^\s*(\d+) \[.*\] "(.*)"$/gm)].map(([, page, name]) => [name, Number(page)]),
    );
    expect([...named.keys()]).toEqual(
      expect.arrayContaining(["intro", "c1", "c2", "c3", "c4", "c1-kinds-of-flour", "c3-oven-times"]),
    );
    // "how long to bake" leads to the section "Oven times" of chapter 3, on the page it names.
    const ovenTimes = pages[named.get("c3-oven-times")! - 1];
    const folio = ovenTimes.trim().split("\n").at(-1);
    expect(ovenTimes).toContain("Oven times");
    expect(oneLine(text)).toContain(
      `See how long to bake (p. ${folio}), go back to the book's home page (p. 1), or read a guide elsewhere.`,
    );
    const { stdout: urls } = await git("pdfinfo", ["-url", file]);
    const links = [...urls.matchAll(/^\s*(\d+)\s+Annotation\s+(\S+)$/gm)].map(([, page, url]) => [Number(page), url]);
    expect(links).toEqual([
      [1, "https://minibooks.example.org/pages/bread/"],
      [pages.findIndex((p) => p.includes("guide elsewhere")) + 1, "https://example.org/flour?kind=strong&sort=asc"],
    ]);
  });

  it("shows every character an author wrote as text: nothing in it is run, and no file is read", async () => {
    const info = await pdfInfo(file);
    for (const written of [
      'Labels: #read("/etc/passwd") and $x$',
      'What a label may say: #include "x" and ] and \\ and @label.',
      'Odd #text("marks") on a label',
      'A label may say #read("/etc/passwd"), #include "x", $x$, a backslash \\ here, a bracket ] and a hash # alone, @label, <tag>, // not a comment, stars *and* _underscores_ too.',
      "#set page(width: 1cm) in a list",
      '#read("/etc/passwd") in code',
      'Cell #eval("1 + 1") close ] then open [ the sum $x + y$ here',
      '#read("/etc/passwd") #include "x"',
      '#read("/etc/hostname") in a footnote.',
    ])
      expect(oneLine(text)).toContain(written);
    // No page changed size, and neither file was read into the book.
    expect(info["Page size"]).toMatch(/\(A4\)$/);
    const passwd = await readFile("/etc/passwd", "utf8").catch(() => "root:x:0:0:");
    expect(text).not.toContain(passwd.split("\n")[0]);
    expect(text).not.toContain("root:x:0");
  });

  it("is offered on the book home and on every chapter, with its size", async () => {
    const size = (await stat(file)).size;
    const home = await site.page("/pages/bread/");
    expect(home('.book-downloads a[href="/pages/bread/bread.pdf"]').text()).toBe(
      `Download PDF (${Math.round(size / 1000)} KB)`,
    );
    expect(home('.book-downloads a[href="/pages/bread/bread.pdf"]').attr("type")).toBe("application/pdf");
    for (const n of [1, 2, 3, 4]) {
      const chapter = await site.page(`/pages/bread-chapter-${n}/`);
      expect(chapter('.page-footer a[href="/pages/bread/bread.pdf"]').text()).toBe(
        `Download PDF (${Math.round(size / 1000)} KB)`,
      );
    }
  });
});

describeWithPoppler("the PDF of the OKR guide", () => {
  it("is tagged, embeds only the project's fonts, and holds every chapter in reading order", async () => {
    const site = await sharedSite("repository");
    const file = path.join(site.output, "pages/okr/okr.pdf");
    const info = await pdfInfo(file);
    const home = await site.page("/pages/okr/");
    expect(info).toMatchObject({ Title: home("h1").text(), Tagged: "yes" });
    for (const font of await pdfFonts(file)) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.name).toMatch(OWN_FONT);
    }
    const titles = home(".chapter-list a")
      .map((_, a) => home(a).text().trim())
      .get();
    expect(titles.length).toBeGreaterThan(0);
    const structure = await pdfStructure(file);
    const chapters = structure.flatMap((line) => {
      const match = /^\s*H1 "(.*)" \(block\)$/.exec(line);
      return match ? [match[1]] : [];
    });
    expect(chapters[0]).toBe("Contents");
    expect(chapters.slice(-titles.length)).toEqual(titles);
    // Every chapter has a bookmark, numbered, in reading order.
    const bookmarks = await pdfBookmarks(file);
    const places = titles.map((title, i) => bookmarks.indexOf(`${i + 1} ${title}`));
    expect(places.every((place) => place >= 0)).toBe(true);
    expect([...places].sort((a, b) => a - b)).toEqual(places);
    const pages = await pdfPages(file);
    const contents = contentsEntries(pages.slice(1).find((page) => page.startsWith("Contents"))!);
    const listed = contents.map((entry) => entry.title);
    titles.forEach((title, i) => {
      expect(listed).toContain(`${i + 1} ${title}`);
      const entry = contents.find((e) => e.title === `${i + 1} ${title}`)!;
      expect(pageNumbered(pages, entry.page)).toContain(title);
    });
  });
});

describeWithPoppler("two builds of one commit", () => {
  let root: string;
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("give byte-identical PDFs, dated by the book's last commit", async () => {
    root = await mkdtemp(path.join(tmpdir(), "minibooks-pdf-clones-"));
    const repo = await copyFixture("pdf-book");
    const env = { ...process.env, GIT_AUTHOR_DATE: "2025-06-07T08:09:10Z", GIT_COMMITTER_DATE: "2025-06-07T08:09:10Z" };
    const run = (args: string[], cwd: string) => git("git", args, { cwd, env });
    await run(["init", "-q"], repo);
    await run(["add", "."], repo);
    await run(["-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm", "Bread"], repo);
    const pdfs: Buffer[] = [];
    for (const name of ["one", "two"]) {
      const clone = path.join(root, name);
      await run(["clone", "-q", repo, clone], root);
      const site = await build(clone);
      expect(site.result.ok).toBe(true);
      pdfs.push(await readFile(path.join(site.output, "pages/bread/bread.pdf")));
      if (name === "one") {
        const info = await pdfInfo(path.join(site.output, "pages/bread/bread.pdf"));
        expect(info.CreationDate).toBe("2025-06-07T08:09:10Z");
        expect((await pdfPages(path.join(site.output, "pages/bread/bread.pdf")))[0]).toContain("June 7, 2025");
      }
      await rm(path.dirname(site.output), { recursive: true, force: true });
    }
    await rm(repo, { recursive: true, force: true });
    expect(pdfs[0].equals(pdfs[1])).toBe(true);
  });
});
