import { readdir, rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandResult } from "../../bench/run-command.js";
import { copyFixture, runCli } from "../helpers/cli.js";

/**
 * One `npm run check` over a fixture with a mistake of every kind, in many files: every problem is
 * reported in the same run, each occurrence at its own line and column, with its exact message.
 */
let dir: string;
let run: CommandResult;
beforeAll(async () => {
  dir = await copyFixture("every-problem");
  run = await runCli("check", [], dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The problem lines the check printed, in order. */
const problemLines = () => run.stderr.split("\n").filter((line) => line.startsWith("pages/"));
/** Problem lines of one file. */
const of = (file: string) => problemLines().filter((line) => line.startsWith(`${file}:`));

describe("npm run check on a library with a mistake of every kind", () => {
  it("fails, reporting every problem of every file in one run", () => {
    expect(run.code).toBe(1);
    expect(problemLines()).toEqual(EXPECTED);
    expect(run.stderr).toContain(`\n${EXPECTED.length} problem(s) found in `);
    expect(run.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack trace
  });

  it("reports each occurrence of a link at its own line and column, and none inside code", () => {
    const water = of("pages/garden-chapter-1.md").filter((line) => line.includes('"./water.md"'));
    expect(water.map((line) => line.split(": ")[0])).toEqual([
      "pages/garden-chapter-1.md:10:44",
      "pages/garden-chapter-1.md:10:74",
    ]);
  });

  it("checks the links of a file whose front matter does not read, and of every other file", () => {
    expect(of("pages/garden-chapter-3.md")).toEqual([
      expect.stringMatching(/^pages\/garden-chapter-3\.md:4:1: the front matter is not valid YAML: a tab/),
      expect.stringMatching(/^pages\/garden-chapter-3\.md:9:3: link: "\.\/nowhere\.md" points at/),
    ]);
  });

  it("says what the problems kept from being checked", () => {
    const notChecked = run.stderr.split("Not checked because of the problems above:\n")[1]?.split("\n\n")[0];
    expect(notChecked?.split("\n").map((line) => line.trim())).toEqual(SKIPPED);
  });

  it("refuses the alias bomb at its first alias, and leaves no site behind", async () => {
    expect(of("pages/bomb.md")).toEqual([
      expect.stringMatching(/^pages\/bomb\.md:5:8: the front matter uses the YAML alias \*a;/),
    ]);
    expect(await readdir(dir)).not.toContain("_site");
  });
});

const EXPECTED = [
  "pages/bomb.md:5:8: the front matter uses the YAML alias *a; aliases are not read in front matter. Fix: write the value out in full where the alias stands, and remove the anchor (&name) it refers to.",
  "pages/deep.md:2:8: title: is 129 characters long; at most 120 fit on buttons, in lists and in a browser tab. Fix: shorten the title and say the rest in the description.",
  "pages/deep.md:3:14: description: is still the placeholder npm run new wrote, and the page is no longer a draft. Fix: write one sentence that tells readers what the page gives them, or put back draft: true.",
  'pages/deep.md:4:9: layout: is "home", which only index.md may use: it lays out the list of every book. Fix: remove the "layout" line; pages and chapters use the default layout.',
  'pages/deep.md:7:1: text: "A first section" is still the placeholder npm run new wrote, and the page is no longer a draft. Fix: replace it with the page\'s own text, or put back draft: true.',
  'pages/deep.md:9:1: text: "Start writing here." is still the placeholder npm run new wrote, and the page is no longer a draft. Fix: replace it with the page\'s own text, or put back draft: true.',
  "pages/deep.md:11:203: markdown: lists or quotes are nested deeper than Markdown reads here, so this line and the rest of its block would be left out of the page. Fix: nest fewer levels: a list or quote inside a list or quote rarely needs more than three.",
  'pages/garden-chapter-1.md:10:44: link: "./water.md" points at /pages/water/, but the site has no such page or file. Fix: did you mean /pages/deep/?',
  'pages/garden-chapter-1.md:10:74: link: "./water.md" points at /pages/water/, but the site has no such page or file. Fix: did you mean /pages/deep/?',
  'pages/garden-chapter-1.md:12:11: link: "./café.md" points at /pages/café/, but the site has no such page or file. Fix: did you mean /pages/bomb/?',
  'pages/garden-chapter-1.md:12:32: link: "http://" is not a well-formed URL. Fix: write a full address such as https://example.org/page.',
  'pages/garden-chapter-1.md:13:3: link: "C:\\Users\\me\\notes.md" is a file on your own computer, which readers cannot open. Fix: copy the file into images/ and link to it by its path.',
  'pages/garden-chapter-1.md:15:3: image: "../images/soil.png" has no alt text: readers who cannot see the picture get nothing. Fix: say what the picture shows between the brackets: ![A seedling in dark soil](../images/soil.png).',
  'pages/garden-chapter-1.md:16:3: link: "#testing-soill" points at #testing-soill, but /pages/garden-chapter-1/ has no element with that id. Fix: did you mean #testing-soil?',
  'pages/garden-chapter-1.md:16:30: link: "htps://example.org" uses the scheme "htps:", which is not published. Allowed: https, http, mailto, tel and paths of the site. Fix: did you mean https://example.org?',
  'pages/garden-chapter-1.md:17:3: link: "http://localhost:8080/" points at localhost, which is the computer of whoever opens the link, not a site. Fix: link to the page on the site (/pages/<name>/) or to its public address.',
  'pages/garden-chapter-1.md:17:38: link: "/home/me/notes.md" is a path on your own computer, not a page or file of the site. Fix: copy the file into images/ and link to it relative to the Markdown file (../images/...).',
  'pages/garden-chapter-2.md:8:9: link: "javascript:alert(1)" is a javascript: link, which runs script in the reader\'s browser; it is never published. Fix: link to a page or a web address instead.',
  'pages/garden-chapter-2.md:8:69: link: "/\\evil.example" contains a backslash, which browsers read as "/": it leads to another site. Fix: write a path with forward slashes only, such as /pages/name/, or a full https:// address.',
  'pages/garden-chapter-2.md:10:67: link: "data:text/html,hi" is a data: link, which carries its content inside the link, out of the checks\' sight; it is never published. Fix: put the file in images/ and link to it by its path.',
  "pages/garden-chapter-2.md:12:19: html: <div onclick> runs script in the reader's browser and is not allowed. Fix: remove the onclick attribute.",
  "pages/garden-chapter-2.md:12:37: html: <div style> is not allowed: the site's Content Security Policy blocks inline styles, so it would not show. Fix: remove the style attribute; the site's stylesheet lays out every element.",
  'pages/garden-chapter-2.md:13:3: html: <img> has no alt text: readers who cannot see the picture get nothing. Fix: add alt="what the picture shows" (alt="" only for a picture that is pure decoration).',
  "pages/garden-chapter-2.md:14:3: html: <iframe> is not allowed in a page: it embeds another site's page. Fix: use Markdown, or one of the allowed elements: a, abbr, b, bdi, bdo, blockquote, br, caption, cite, code, col, colgroup, dd, del, details, dfn, div, dl, dt, em, figcaption, figure, h2, h3, h4, h5, h6, hr, i, img, ins, kbd, li, mark, ol, p, pre, q, rp, rt, ruby, s, samp, small, span, strong, sub, summary, sup, table, tbody, td, tfoot, th, thead, time, tr, u, ul, var, wbr.",
  "pages/garden-chapter-2.md:17:1: heading: is a level-1 heading (#); the page's title is its only level-1 heading, written from the front matter. Fix: make it a level-2 heading (##), and its sub-headings ### and below.",
  "pages/garden-chapter-2.md:19:1: html: <script> is not allowed in a page: it runs script in the reader's browser. Fix: use Markdown, or one of the allowed elements: a, abbr, b, bdi, bdo, blockquote, br, caption, cite, code, col, colgroup, dd, del, details, dfn, div, dl, dt, em, figcaption, figure, h2, h3, h4, h5, h6, hr, i, img, ins, kbd, li, mark, ol, p, pre, q, rp, rt, ruby, s, samp, small, span, strong, sub, summary, sup, table, tbody, td, tfoot, th, thead, time, tr, u, ul, var, wbr.",
  'pages/garden-chapter-2.md:21:65: link: "file:///etc/passwd" is a file: link, which points at a file on your own computer, which readers cannot open; it is never published. Fix: copy the file into images/ and link to it by its path.',
  'pages/garden-chapter-2.md:21:93: link: "vbscript:msgbox" is a vbscript: link, which runs script in the reader\'s browser; it is never published. Fix: link to a page or a web address instead.',
  'pages/garden-chapter-2.md:21:116: link: "//evil.example/x" leaves the site for evil.example without saying how (a protocol-relative address). Fix: write the address in full: https://evil.example/x.',
  "pages/garden-chapter-3.md:4:1: the front matter is not valid YAML: a tab is used for indentation. Fix: indent with spaces; YAML does not allow tabs at the start of a line.",
  'pages/garden-chapter-3.md:9:3: link: "./nowhere.md" points at /pages/nowhere/, but the site has no such page or file. Fix: link to a page\'s URL (/pages/<name>/) or to its Markdown file (./<name>.md).',
  "pages/garden-chapter-4.md:6:1: permalink: is not a known front matter key: it would change where or whether the page is published, out of sight of the checks, so it is not read. Fix: remove it; a page is published at the URL of its file, and draft: true keeps it unpublished. Known keys are title, description, status, category, layout, book, chapter, image, imageAlt, author, dimImages, draft, prev, next, aliases.",
  "pages/garden-chapter-4.md:7:1: eleventyExcludeFromCollections: is not a known front matter key: it would change where or whether the page is published, out of sight of the checks, so it is not read. Fix: remove it; a page is published at the URL of its file, and draft: true keeps it unpublished. Known keys are title, description, status, category, layout, book, chapter, image, imageAlt, author, dimImages, draft, prev, next, aliases.",
  "pages/garden-chapter-4.md:8:1: eleventyComputed: is not a known front matter key: it would change where or whether the page is published, out of sight of the checks, so it is not read. Fix: remove it; a page is published at the URL of its file, and draft: true keeps it unpublished. Known keys are title, description, status, category, layout, book, chapter, image, imageAlt, author, dimImages, draft, prev, next, aliases.",
  'pages/garden-chapter-4.md:10:9: layout: found "chapter". Allowed: custom, home. Fix: change "layout" to one of the allowed values.',
  'pages/garden-chapter-5.md:2:8: the front matter is not valid YAML: a double quote is opened and never closed. Fix: end the value with " on the same line, or remove the opening quote.',
  'pages/garden-chapter-6.md:2:8: the front matter is not valid YAML: a value contains ": ", which YAML reads as a second key. Fix: put the whole value in double quotes, like title: "Setup: the basics".',
  'pages/garden-chapter-6.md:8:11: link: "./garden-chapter-7.md" points at pages/garden-chapter-7.md, which is a draft and is not published. Fix: publish it by removing "draft: true" from pages/garden-chapter-7.md, or remove the link until it is ready.',
  "pages/garden-chapter-8.md:5:1: the front matter is not valid YAML: a key is written twice. Fix: keep one line for the key and remove the other.",
  'pages/garden-chapter-9.md:1:1: the front matter opened on line 1 is never closed: no line with "---" follows. Fix: add a line with only "---" after the last key (after line 5).',
  'pages/herbs-chapter-1.md:4:7: book: "herbs" is a draft book: pages/herbs.md has draft: true, so this published chapter has no book to appear in. Fix: remove "draft: true" from pages/herbs.md to publish the book, or add "draft: true" to this chapter too.',
  'pages/raw-markup.md:6:1: html: "<![CDATA[" is not CDATA in a page: browsers read it as a comment that ends at the first ">", and what follows that as HTML. Fix: write the text itself, with < as &lt;, or put code in a code block (```).',
  "pages/raw-markup.md:6:13: html: <script> is not allowed in a page: it runs script in the reader's browser. Fix: use Markdown, or one of the allowed elements: a, abbr, b, bdi, bdo, blockquote, br, caption, cite, code, col, colgroup, dd, del, details, dfn, div, dl, dt, em, figcaption, figure, h2, h3, h4, h5, h6, hr, i, img, ins, kbd, li, mark, ol, p, pre, q, rp, rt, ruby, s, samp, small, span, strong, sub, summary, sup, table, tbody, td, tfoot, th, thead, time, tr, u, ul, var, wbr.",
  'pages/raw-markup.md:8:8: html: "<![CDATA[" is not CDATA in a page: browsers read it as a comment that ends at the first ">", and what follows that as HTML. Fix: write the text itself, with < as &lt;, or put code in a code block (```).',
  'pages/raw-markup.md:8:23: link: "javascript:alert(2)" is a javascript: link, which runs script in the reader\'s browser; it is never published. Fix: link to a page or a web address instead.',
  'pages/raw-markup.md:10:1: html: "<![CDATA[" is not CDATA in a page: browsers read it as a comment that ends at the first ">", and what follows that as HTML. Fix: write the text itself, with < as &lt;, or put code in a code block (```).',
  "pages/raw-markup.md:10:13: html: <meta> is not allowed in a page: it changes how the page is read or loaded. Fix: use Markdown, or one of the allowed elements: a, abbr, b, bdi, bdo, blockquote, br, caption, cite, code, col, colgroup, dd, del, details, dfn, div, dl, dt, em, figcaption, figure, h2, h3, h4, h5, h6, hr, i, img, ins, kbd, li, mark, ol, p, pre, q, rp, rt, ruby, s, samp, small, span, strong, sub, summary, sup, table, tbody, td, tfoot, th, thead, time, tr, u, ul, var, wbr.",
  'pages/raw-markup.md:12:1: html: "<?" starts no tag in HTML: browsers read it as a comment that ends at the first ">", and what follows that as HTML. Fix: write the text itself, with < as &lt;, or put code in a code block (```).',
  'pages/raw-markup.md:14:1: html: the tag <iframe> is never finished: the HTML ends before its ">", so browsers read the text that follows it as more of the tag. Fix: end the tag with ">" before the next blank line, closing any quote it opens.',
  'pages/raw-markup.md:18:1: html: the tag <div> is never finished: the HTML ends before its ">", so browsers read the text that follows it as more of the tag. Fix: end the tag with ">" before the next blank line, closing any quote it opens.',
  'pages/raw-markup.md:24:6: html: id="main" is an id the page\'s layout uses; two elements with one id send skip links, controls and #main links to the wrong one. Fix: choose another id, such as "main-2".',
  'pages/raw-markup.md:24:30: html: id="search-results" is an id the page\'s layout uses; two elements with one id send skip links, controls and #search-results links to the wrong one. Fix: choose another id, such as "search-results-2".',
  'pages/raw-markup.md:24:62: html: <a name> is obsolete HTML: e-readers and validators do not take it as a place a link can lead to. Fix: write id instead of name, as <a id="...">; a link to #... then leads to it everywhere.',
  'pages/raw-markup.md:28:1: code: the code block\'s language "x"onmouseover="alert(5)" is not a language name (letters, digits and + # - . _ only), so it is left out of the page. Fix: write a plain name after the ```, such as ```js or ```shell, or none.',
  'pages/raw-markup.md:32:1: code: the code block\'s language "x"><plaintext>" is not a language name (letters, digits and + # - . _ only), so it is left out of the page. Fix: write a plain name after the ```, such as ```js or ```shell, or none.',
  "pages/raw-markup.md:36:26: html: <a href> is written twice in one tag; browsers read only the first. Fix: keep one href attribute.",
  "pages/raw-markup.md:38:501: html: raw HTML is nested more than 100 elements deep here, so it is left out of the page. Fix: close elements (</div>) before opening more; a page's HTML rarely needs more than ten levels.",
  'pages/raw-markup.md:40:1: html: the comment "<!--" is never closed, so browsers hide what follows it, up to the next "-->" of the page. Fix: close the comment with "-->".',
];

const SKIPPED = [
  "pages/bomb.md: its front matter keys, and its place in a book, were not checked until the YAML reads; its links, images and text were.",
  "pages/garden-chapter-3.md: its front matter keys, and its place in a book, were not checked until the YAML reads; its links, images and text were.",
  'pages/garden-chapter-4.md: its place in book "garden" (chapter number, order, neighbours) was not checked until its front matter is fixed.',
  "pages/garden-chapter-5.md: its front matter keys, and its place in a book, were not checked until the YAML reads; its links, images and text were.",
  "pages/garden-chapter-6.md: its front matter keys, and its place in a book, were not checked until the YAML reads; its links, images and text were.",
  "pages/garden-chapter-8.md: its front matter keys, and its place in a book, were not checked until the YAML reads; its links, images and text were.",
  "pages/garden-chapter-9.md: nothing else in it was checked, as all of it reads as front matter until the front matter is closed.",
];
