import type { HtmlIssue } from "./html-issue.js";

/** Elements that belong inside another, and the elements that may hold each directly. */
const PARENTS: Readonly<Record<string, readonly string[]>> = {
  li: ["ol", "ul"],
  dt: ["dl"],
  dd: ["dl"],
  caption: ["table"],
  colgroup: ["table"],
  thead: ["table"],
  tbody: ["table"],
  tfoot: ["table"],
  tr: ["table", "thead", "tbody", "tfoot"],
  td: ["tr"],
  th: ["tr"],
  col: ["colgroup"],
  figcaption: ["figure"],
  rt: ["ruby"],
  rp: ["ruby"],
  summary: ["details"],
};

/** How each element that belongs inside another is written in its place, for the fix. */
const PLACED: Readonly<Record<string, string>> = {
  li: "<ul><li>…</li></ul>",
  caption: "<table><caption>…</caption>…</table>",
  colgroup: "<table><colgroup>…</colgroup>…</table>",
  thead: "<table><thead><tr>…</tr></thead>…</table>",
  tbody: "<table><tbody><tr>…</tr></tbody></table>",
  tfoot: "<table>…<tfoot><tr>…</tr></tfoot></table>",
  tr: "<table><tr><td>…</td></tr></table>",
  td: "<table><tr><td>…</td></tr></table>",
  th: "<table><tr><th>…</th></tr></table>",
  dt: "<dl><dt>…</dt><dd>…</dd></dl>",
  dd: "<dl><dt>…</dt><dd>…</dd></dl>",
  col: "<colgroup><col></colgroup>",
  figcaption: "<figure>…<figcaption>…</figcaption></figure>",
  rt: "<ruby>漢<rt>kan</rt></ruby>",
  rp: "<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>",
  summary: "<details><summary>…</summary>…</details>",
};

/** Elements that hold only some elements directly, and nothing else (no text, no Markdown). */
const CHILDREN: Readonly<Record<string, readonly string[]>> = {
  ol: ["li"],
  ul: ["li"],
  dl: ["dt", "dd", "div"],
  table: ["caption", "colgroup", "thead", "tbody", "tfoot", "tr"],
  thead: ["tr"],
  tbody: ["tr"],
  tfoot: ["tr"],
  tr: ["td", "th"],
  colgroup: ["col"],
};

/** Elements that are blocks: they cannot stand inside text. */
const BLOCKS: ReadonlySet<string> = new Set([
  ...["blockquote", "details", "div", "dl", "figure", "hr", "ol", "p", "pre", "table", "ul"],
  ...["h2", "h3", "h4", "h5", "h6", "summary", "figcaption", "li", "dt", "dd"],
  ...["caption", "colgroup", "thead", "tbody", "tfoot", "tr", "td", "th"],
]);

/** Elements whose content is text and inline elements only. */
const TEXT_ONLY: ReadonlySet<string> = new Set([
  ...["p", "h2", "h3", "h4", "h5", "h6", "pre", "span", "em", "strong", "b", "i", "u", "s", "small", "mark"],
  ...["code", "kbd", "samp", "var", "dfn", "abbr", "cite", "q", "sub", "sup", "time", "bdi", "bdo", "rt", "rp"],
  ...["ruby", "summary"],
]);

/** Elements that take the content rules of the element around them. */
const TRANSPARENT: ReadonlySet<string> = new Set(["a", "ins", "del"]);

/**
 * What holds a piece of raw HTML: an element the author wrote, or the text of a Markdown paragraph,
 * heading or table cell around it (a line of text holds only inline elements).
 */
export const MARKDOWN_TEXT = "#markdown-text";

/** A child of raw HTML, as the structure check sees it: an element, text, or a block of Markdown. */
export type Child = { element: string } | { text: true } | { markdown: string };

/**
 * What is wrong with where something stands in raw HTML, if anything: an element outside the one
 * it belongs in (`<li>` outside a list), something a list or table cannot hold, a block inside a
 * line of text, a `<details>` that does not start with its `<summary>`, a link inside a link.
 * `holders` are the elements around it, innermost last; `first` says it is its holder's first child.
 * Pure. What the check lets through, EPUBCheck accepts.
 */
export function judgePlace(holders: readonly string[], child: Child, first: boolean): HtmlIssue | undefined {
  const holder = holders.at(-1);
  const name = "element" in child ? child.element : undefined;
  const what = name ? `<${name}>` : "markdown" in child ? `Markdown (${describeMarkdown(child.markdown)})` : "text";
  const where = holder === undefined ? "the page" : holder === MARKDOWN_TEXT ? "a line of text" : `<${holder}>`;
  const parents = name ? PARENTS[name] : undefined;
  if (name && parents && !parents.includes(holder ?? "")) {
    return {
      message: `${what} belongs directly inside ${parents.map((p) => `<${p}>`).join(" or ")}; here it is inside ${where}, so e-readers refuse the chapter and browsers move or drop it.`,
      fix: `write it in its place, as ${PLACED[name]}.`,
    };
  }
  if (holder === "details" && first && name !== "summary") {
    return {
      message: `<details> starts with ${what}; it must start with its <summary>, the line readers click to open it.`,
      fix: "write <summary>…</summary> right after <details>.",
    };
  }
  if (name === "summary" && !first) {
    return {
      message: "<summary> is not the first thing in its <details>; only the first is the line readers click.",
      fix: "move the <summary> to right after <details>, with nothing before it.",
    };
  }
  const allowed = holder === undefined ? undefined : CHILDREN[holder];
  if (allowed && !(name && allowed.includes(name))) {
    const into =
      holder === "tr"
        ? "a cell (<td>)"
        : allowed[0] === "li"
          ? "an item (<li>)"
          : holder === "dl"
            ? "a <dd>"
            : holder === "colgroup"
              ? "a <table> cell instead"
              : "a cell (<tr><td>…</td></tr>)";
    return {
      message: `<${holder}> holds only ${allowed.map((a) => `<${a}>`).join(", ")}; ${what} cannot stand directly inside it.`,
      fix: `put it inside ${into}, or move it out of the <${holder}>.`,
    };
  }
  const container = [...holders].reverse().find((h) => !TRANSPARENT.has(h));
  const block = (name !== undefined && BLOCKS.has(name)) || "markdown" in child;
  if (block && container !== undefined && (container === MARKDOWN_TEXT || TEXT_ONLY.has(container))) {
    const inText = container === MARKDOWN_TEXT;
    return {
      message: `${what} is a block, which cannot stand inside ${inText ? "a line of text" : `<${container}>`} (it holds only text and inline elements), so e-readers refuse the chapter and browsers break the text around it.`,
      fix: inText
        ? "write the HTML on lines of its own, with a blank line before and after it."
        : `close the <${container}> before it, or use an inline element such as <span> instead.`,
    };
  }
  if ((name === "a" || name === "details") && holders.includes("a")) {
    return {
      message: `${what} is inside a link (<a>), where nothing that readers click or open may stand.`,
      fix: "close the link before it.",
    };
  }
  return undefined;
}

/** A Markdown block by the tag it becomes, for a message. */
function describeMarkdown(tag: string): string {
  if (/^h\d$/.test(tag)) return "a heading";
  return (
    {
      p: "a paragraph",
      ul: "a list",
      ol: "a list",
      blockquote: "a quote",
      table: "a table",
      hr: "a rule",
      pre: "code",
    }[tag] ?? `<${tag}>`
  );
}

/** Elements a start tag closes when one is open, as browsers read HTML: `<li>` closes the `<li>` before it. */
const CLOSED_BY: Readonly<Record<string, readonly string[]>> = {
  p: [
    ...["address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure"],
    ...["footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "menu", "nav", "ol", "p"],
    ...["pre", "section", "table", "ul"],
  ],
  li: ["li"],
  dt: ["dt", "dd"],
  dd: ["dt", "dd"],
  tr: ["tr"],
  td: ["td", "th", "tr"],
  th: ["td", "th", "tr"],
  thead: ["tbody", "tfoot"],
  tbody: ["tbody", "tfoot"],
  rt: ["rt", "rp"],
  rp: ["rt", "rp"],
};

/** True when a start tag of `tag` ends an open `open` element without its end tag, as browsers read it. */
export function closesImplicitly(open: string, tag: string): boolean {
  return CLOSED_BY[open]?.includes(tag) ?? false;
}

/** What a `<details>` closed with nothing in it is told. */
export const EMPTY_DETAILS: HtmlIssue = {
  message: "<details> has nothing in it; it must start with its <summary>, the line readers click to open it.",
  fix: "write <summary>…</summary> right after <details>, then what it hides.",
};
