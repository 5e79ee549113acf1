import GithubSlugger from "github-slugger";
import type { MarkdownIt, StateInline } from "markdown-it";
import markdownItFootnote from "markdown-it-footnote";
import markdownItGitHubAlerts from "markdown-it-github-alerts";
import { LAYOUT_IDS } from "../book/layout-ids.js";

/**
 * What authors of technical guides expect from Markdown, as GitHub shows it too: heading ids and
 * links, alerts (`> [!NOTE]`), footnotes, and tables and code blocks that scroll as keyboard-
 * reachable regions with a name.
 */
export function authorMarkdown(md: MarkdownIt): void {
  // Each render starts from the page's data but keeps what the plugins note while rendering (the
  // heading ids taken, the footnotes) to itself: the dev server renders a page again with the
  // data of its last render, where they would still be.
  const render = md.render.bind(md);
  md.render = (source, env) => render(source, typeof env === "object" && env !== null ? Object.create(env) : env);
  md.use(closingBracketFirst).use(headingLinks).use(markdownItGitHubAlerts).use(markdownItFootnote).use(scrollRegions);

  // An alert is a note for assistive technology; its title is text, never markup.
  md.renderer.rules.alert_open = (tokens, i) => {
    // markdown-it-github-alerts notes the alert's type, title and icon (its own SVG) on the token.
    const { title = "", type = "", icon = "" } = tokens[i].meta ?? {};
    const kind = md.utils.escapeHtml(String(type));
    return `<div class="markdown-alert markdown-alert-${kind}" role="note"><p class="markdown-alert-title">${String(icon)}${md.utils.escapeHtml(String(title))}</p>`;
  };

  // Footnotes are a labelled list; the way back names where it leads.
  md.renderer.rules.footnote_block_open = () =>
    '<section class="footnotes" aria-label="Footnotes">\n<ol class="footnotes-list">\n';
  // biome-ignore lint/style/noNonNullAssertion: markdown-it-footnote, used just above, sets this rule.
  const backref = md.renderer.rules.footnote_anchor!;
  md.renderer.rules.footnote_anchor = (tokens, i, options, env, self) => {
    const n = Number(tokens[i].meta?.id) + 1;
    return backref(tokens, i, options, env, self).replace(
      'class="footnote-backref"',
      `class="footnote-backref" aria-label="Back to the text of footnote ${n}"`,
    );
  };
}

/**
 * A link or an image needs a "]" after its "[". markdown-it looks for it from each "[" by reading
 * ahead token by token, which a line of half a million "![" makes seconds of work; the two rules
 * are asked only where the text still holds a "]" further on, and answer as before.
 */
function closingBracketFirst(md: MarkdownIt): void {
  const lastClosing = new WeakMap<StateInline, number>();
  for (const name of ["link", "image"]) {
    const rule = md.inline.ruler.__rules__[md.inline.ruler.__find__(name)]?.fn;
    if (!rule) continue;
    md.inline.ruler.at(name, (state: StateInline, silent: boolean) => {
      let last = lastClosing.get(state);
      if (last === undefined) {
        last = state.src.lastIndexOf("]");
        lastClosing.set(state, last);
      }
      return last > state.pos && rule(state, silent);
    });
  }
}

/**
 * Tables and code blocks scroll sideways inside the text column. Each is a focusable region named
 * after what it holds, so a keyboard can scroll it and a screen reader announces it.
 */
function scrollRegions(md: MarkdownIt): void {
  // Each table is named after the heading it follows.
  md.core.ruler.push("minibooks_table_names", (state) => {
    let heading = "";
    state.tokens.forEach((token, i) => {
      if (token.type === "heading_open") heading = state.tokens[i + 1]?.content ?? "";
      else if (token.type === "table_open") token.meta = { name: heading ? `Table: ${heading}` : "Table" };
    });
  });
  const escapeHtml = md.utils.escapeHtml;
  const tableOpen =
    md.renderer.rules.table_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
  const tableClose =
    md.renderer.rules.table_close ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
  md.renderer.rules.table_open = (tokens, i, options, env, self) =>
    `<div class="table-scroll" role="region" tabindex="0" aria-label="${escapeHtml(String(tokens[i].meta?.name ?? "Table"))}">` +
    tableOpen(tokens, i, options, env, self);
  md.renderer.rules.table_close = (tokens, i, options, env, self) =>
    `${tableClose(tokens, i, options, env, self)}</div>`;

  // biome-ignore lint/style/noNonNullAssertion: one of markdown-it's own rules, always set.
  const fence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, i, options, env, self) => {
    const language = tokens[i].info.trim().split(/[\s{/]/)[0];
    const name = language && language !== "text" ? `Code example, ${language}` : "Code example";
    return fence(tokens, i, options, env, self).replace(
      /^<pre\b(?![^>]*\btabindex=)/,
      `<pre tabindex="0" role="region" aria-label="${escapeHtml(name)}"`,
    );
  };
}

/** The heading levels that get an id and a link to themselves. */
const LINKED_HEADINGS: ReadonlySet<string> = new Set(["h2", "h3", "h4"]);

/**
 * Ids from heading text as GitHub makes them (`What Are My OKRs?` is `what-are-my-okrs`, a second
 * `## Setup` is `setup-1`), so a link that works on GitHub works on the site, and a link after each
 * heading to copy. A heading never takes an id the layout uses: "## Main" is main-1, as a second
 * "## Main" would be. One pass over the page's tokens, with a slugger that remembers how many of each
 * id it gave, so a page of many equal headings takes time in proportion to their number.
 */
function headingLinks(md: MarkdownIt): void {
  const escapeHtml = md.utils.escapeHtml;
  md.core.ruler.push("minibooks_heading_links", (state) => {
    const slugger = new GithubSlugger();
    for (const id of LAYOUT_IDS) slugger.slug(id);
    const tokens = state.tokens;
    for (let i = 0; i + 1 < tokens.length; i++) {
      const open = tokens[i];
      const inline = tokens[i + 1];
      if (open.type !== "heading_open" || !LINKED_HEADINGS.has(open.tag) || inline.type !== "inline") continue;
      let title = "";
      for (const child of inline.children ?? [])
        if (child.type === "text" || child.type === "code_inline") title += child.content;
      open.attrSet("id", slugger.slug(title));
      open.attrSet("tabindex", "-1");
      // A literal, not a spread with the title added: V8 makes the first many times faster.
      open.meta = open.meta ? { ...open.meta, anchorTitle: title } : { anchorTitle: title };
    }
  });
  // The wrapper and the link are written by the heading's own tokens as they render: no token of
  // their own, for pages of many headings.
  const renderOpen =
    md.renderer.rules.heading_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
  const renderClose =
    md.renderer.rules.heading_close ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
  md.renderer.rules.heading_open = (tokens, i, options, env, self) => {
    const html = renderOpen(tokens, i, options, env, self);
    return typeof tokens[i].meta?.anchorTitle === "string" ? `<div class="heading">\n${html}` : html;
  };
  md.renderer.rules.heading_close = (tokens, i, options, env, self) => {
    const html = renderClose(tokens, i, options, env, self);
    const open = tokens[i - 2];
    const title = open?.type === "heading_open" ? open.meta?.anchorTitle : undefined;
    if (typeof title !== "string") return html;
    return (
      `${html}<a class="heading-anchor" href="#${escapeHtml(String(open.attrGet("id")))}">` +
      // Plain ASCII here keeps a page of plain text one byte a character in memory.
      `<span class="visually-hidden">Link to the section: ${escapeHtml(title)}</span> ` +
      '<span aria-hidden="true">#</span></a></div>\n'
    );
  };
}
