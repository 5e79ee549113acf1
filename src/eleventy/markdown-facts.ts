import type { MarkdownIt, StateBlock, StateInline, Token } from "markdown-it";
import { judgeCodeLanguage, MARKDOWN_TEXT } from "../book/html-policy.js";
import type { Place } from "../book/page-content.js";
import { isPlaceholderText } from "../book/placeholders.js";
import { pageOfRender } from "./adapter.js";
import { authoredHtml, type LinkRecorder, type Nesting, placeChild } from "./html-scanner.js";
import type { BuildFacts } from "./page-facts.js";

/** The inline rules whose tokens are checked, and the token each pushes first. */
const TRACKED_RULES = { link: "link_open", image: "image", autolink: "link_open", html_inline: "html_inline" } as const;

/**
 * A markdown-it plugin that, for each page, resolves relative links and images against the
 * Markdown file (as GitHub does), turns local images into responsive pictures, and records links,
 * raw HTML, ids and headings in the build's page records, each at its line and column in the file.
 * `facts()` gives the current build's store.
 */
export function pageFactsPlugin(md: MarkdownIt, facts: () => BuildFacts): void {
  // Every link becomes a token, so the checks see and refuse unsafe ones instead of markdown-it
  // quietly leaving them as text; a refused URL is never written into the page.
  md.validateLink = () => true;

  // Where in its inline text each link, image and piece of HTML starts: markdown-it gives inline
  // tokens no position, so each of these rules is wrapped (markdown-it offers no public way to reach
  // a rule's function) to note where it started when it made its token.
  const starts = new WeakMap<Token, number>();
  for (const [name, type] of Object.entries(TRACKED_RULES)) {
    const rule = md.inline.ruler.__rules__[md.inline.ruler.__find__(name)]?.fn;
    if (!rule) continue;
    md.inline.ruler.at(name, (state: StateInline, silent: boolean) => {
      const start = state.pos;
      const before = state.tokens.length;
      const ok = rule(state, silent);
      if (ok && !silent) {
        for (let i = before; i < state.tokens.length; i++) {
          const token = state.tokens[i];
          if (token.type === type && !starts.has(token)) {
            starts.set(token, start);
            break;
          }
        }
      }
      return ok;
    });
  }

  // Markdown nested deeper than markdown-it reads is dropped from the page; note where it starts.
  const tooDeep = new WeakMap<object, number>();
  const tokenize = md.block.tokenize.bind(md.block);
  md.block.tokenize = (state: StateBlock, startLine: number, endLine: number) => {
    if (state.level >= (state.md.options.maxNesting ?? Number.POSITIVE_INFINITY) && !tooDeep.has(state.env)) {
      const line = state.skipEmptyLines(startLine);
      if (line < endLine && state.sCount[line] >= state.blkIndent) tooDeep.set(state.env, line);
    }
    tokenize(state, startLine, endLine);
  };

  // markdown-it percent-encodes link targets; the checks and their messages use them as written.
  const asWritten = (url: string | number | null) => md.normalizeLinkText(String(url ?? ""));

  md.core.ruler.push("minibooks_page_facts", (state) => {
    const build = facts();
    const page = pageOfRender(state.env, build.inputDir);
    if (!page) return;
    const record = build.page(page.file, page.draft);
    const offset = build.bodyStart(page.file);
    const link: LinkRecorder = (written, tag, place) => build.link(record, written, tag, place);
    const source = state.src.split("\n");
    const lineAt = (index: number): Place => ({ line: offset + index + 1, column: leadingSpace(source[index]) + 1 });
    const tokens = state.tokens;
    const deep = tooDeep.get(state.env);
    if (deep !== undefined) record.tooDeep = lineAt(deep);
    const nesting: Nesting = { depth: 0, holders: [], markdownDepth: 0 };
    tokens.forEach((token, i) => {
      // Each block of Markdown stands in the raw HTML open around it, when that was opened at its depth.
      if (token.block && token.nesting === -1) nesting.markdownDepth--;
      else if (token.block && token.type !== "html_block" && token.type !== "inline") {
        const top = nesting.holders.at(-1);
        if (top && top.markdownDepth === nesting.markdownDepth && token.map)
          placeChild(
            nesting,
            record,
            { markdown: token.type === "fence" || token.type === "code_block" ? "pre" : token.tag },
            lineAt(token.map[0]),
          );
        if (token.nesting === 1) nesting.markdownDepth++;
      }
      if (token.type === "heading_open") {
        const id = String(token.attrGet("id") ?? "");
        const level = Number(token.tag.slice(1));
        const text = plainText(tokens[i + 1]);
        if (level === 1 && token.map) record.titleHeadings.push(lineAt(token.map[0]));
        if (isPlaceholderText(text) && token.map) record.placeholders.push({ text, ...lineAt(token.map[0]) });
        if (id) {
          record.ids.add(id);
          if (level === 2 || level === 3) record.headings.push({ level, id, text });
        }
      } else if (token.type === "fence") {
        // The language is written into the page's class names; one that is not a plain name is
        // reported and never written.
        const language = md.utils.unescapeAll(token.info).trim().split(/\s+/)[0];
        if (token.map) record.fences.push({ language, ...lineAt(token.map[0]) });
        if (judgeCodeLanguage(language)) token.info = "";
      } else if (token.type === "paragraph_open") {
        const inline = tokens[i + 1];
        if (inline?.map && isPlaceholderText(inline.content))
          record.placeholders.push({ text: inline.content.trim(), ...lineAt(inline.map[0]) });
      } else if (token.type === "html_block" && token.map) {
        // Only HTML of the file: the wrappers of heading links are the site's own.
        const place = placer(token.content, token.map[0], source, offset);
        token.content = authoredHtml(token.content, link, record, place, nesting);
      } else if (token.type === "inline" && token.children?.some(isTracked)) {
        // Raw HTML inside a paragraph, heading or cell stands in a line of text, and ends with it.
        const around = nesting.holders.length;
        nesting.holders.push({ tag: MARKDOWN_TEXT, markdownDepth: Number.NaN, children: 0 });
        const place = token.map ? placer(token.content, token.map[0], source, offset) : () => ({});
        const placeOf = (child: Token): Place => {
          const start = starts.get(child);
          return start === undefined ? {} : place(start);
        };
        for (const child of token.children ?? []) {
          if (child.type === "link_open")
            child.attrSet(
              "href",
              md.normalizeLink(build.link(record, asWritten(child.attrGet("href")), "a", placeOf(child))),
            );
          else if (child.type === "image") {
            const at = { alt: child.content, ...placeOf(child) };
            child.attrSet("src", md.normalizeLink(build.link(record, asWritten(child.attrGet("src")), "img", at)));
          } else if (child.type === "html_inline") {
            const at = placeOf(child);
            const start = starts.get(child);
            child.content = authoredHtml(
              child.content,
              link,
              record,
              (index) => (start === undefined ? at : place(start + index)),
              nesting,
            );
          }
        }
        nesting.holders.length = around;
      }
    });
  });

  // Each page's HTML is kept for the whole-book outputs.
  const render = md.render.bind(md);
  md.render = (source: string, env?: Parameters<MarkdownIt["render"]>[1]) => {
    const html = render(source, env);
    const url = pageOfRender(env, facts().inputDir)?.url;
    if (url) facts().rendered(url, html);
    return html;
  };

  // Local images become pictures in modern formats and several widths; others stay as they are.
  const renderImage = md.renderer.rules.image;
  // The page each render is for, found once per render however many pictures it shows.
  const pageUrls = new WeakMap<object, string | undefined>();
  const pageUrlOf = (env: object) => {
    if (!pageUrls.has(env)) pageUrls.set(env, pageOfRender(env, facts().inputDir)?.url);
    return pageUrls.get(env);
  };
  md.renderer.rules.image = (tokens, i, options, env, self) => {
    const token = tokens[i];
    const alt = self.renderInlineAsText(token.children ?? [], options, env);
    const url = typeof env === "object" && env !== null ? pageUrlOf(env) : undefined;
    const picture =
      url && facts().pageAt(url)
        ? facts().pictures.picture(String(token.attrGet("src") ?? ""), {
            alt,
            sizes: "(min-width: 48rem) 42rem, 100vw",
            loading: "lazy",
            decoding: "async",
          })
        : undefined;
    return picture ?? renderImage?.(tokens, i, options, env, self) ?? self.renderToken(tokens, i, options);
  };
}

/** Whether a token is one the checks read: a link, an image or raw HTML. */
function isTracked(token: Token): boolean {
  return token.type === "link_open" || token.type === "image" || token.type === "html_inline";
}

/** Number of spaces, tabs and `>` quote markers a source line starts with. */
function leadingSpace(line: string | undefined): number {
  return /^[\s>]*/.exec(line ?? "")?.[0].length ?? 0;
}

/**
 * The file line and column of each position in a token's text. `text` is the token's content, whose
 * first line is source line `first` (0-based, in the body); markdown-it strips indentation and
 * quote markers from each line, so each line is found again in its source line for the column, once
 * a line however many positions are asked for: a token's places cost time in proportion to its text.
 */
function placer(text: string, first: number, source: readonly string[], offset: number): (index: number) => Place {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  const shifts = new Map<number, number>();
  return (index) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= index) low = middle;
      else high = middle - 1;
    }
    let shift = shifts.get(low);
    if (shift === undefined) {
      const textLine = text.slice(starts[low], low + 1 < starts.length ? starts[low + 1] - 1 : text.length);
      const sourceLine = source[first + low] ?? "";
      const indent = textLine.length - textLine.trimStart().length;
      shift = Math.max(0, sourceLine.indexOf(textLine.trim() === "" ? textLine : textLine.trimStart()) - indent);
      shifts.set(low, shift);
    }
    return { line: offset + first + low + 1, column: shift + index - starts[low] + 1 };
  };
}

/** The text of an inline token, without its Markdown: `**Bold** title` is `Bold title`. */
function plainText(token: { children: { type: string; content: string }[] | null } | undefined): string {
  return (token?.children ?? [])
    .filter((child) => child.type === "text" || child.type === "code_inline")
    .map((child) => child.content)
    .join("");
}
