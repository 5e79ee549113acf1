import type { HtmlIssue } from "./html-issue.js";
import { LAYOUT_IDS } from "./layout-ids.js";

// The policy's other parts: the values HTML defines for attributes, and where each element may stand.
export type { HtmlIssue } from "./html-issue.js";
export { isFragment, judgeAttributeValue } from "./html-values.js";
export {
  type Child,
  closesImplicitly,
  EMPTY_DETAILS,
  judgePlace,
  MARKDOWN_TEXT,
} from "./html-placement.js";

/** Attributes any allowed element may carry. */
export const GLOBAL_ATTRIBUTES = ["id", "class", "title", "lang", "dir", "aria-label", "aria-hidden"] as const;

/**
 * The raw HTML a page may contain: elements for text, lists, tables, figures and disclosure, each
 * with the attributes it may carry besides the global ones. Nothing here can run script, load
 * another page or style the page around the author's text.
 */
export const HTML_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  a: ["href", "hreflang", "rel"],
  abbr: [],
  b: [],
  bdi: [],
  bdo: [],
  blockquote: [],
  br: [],
  caption: [],
  cite: [],
  code: [],
  col: ["span"],
  colgroup: ["span"],
  dd: [],
  del: ["datetime"],
  details: ["open"],
  dfn: [],
  div: [],
  dl: [],
  dt: [],
  em: [],
  figcaption: [],
  figure: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  hr: [],
  i: [],
  img: ["src", "alt", "width", "height", "loading"],
  ins: ["datetime"],
  kbd: [],
  li: ["value"],
  mark: [],
  ol: ["start", "reversed", "type"],
  p: [],
  pre: [],
  q: [],
  rp: [],
  rt: [],
  ruby: [],
  s: [],
  samp: [],
  small: [],
  span: [],
  strong: [],
  sub: [],
  summary: [],
  sup: [],
  table: [],
  tbody: [],
  td: ["colspan", "rowspan"],
  tfoot: [],
  th: ["colspan", "rowspan", "scope"],
  thead: [],
  time: ["datetime"],
  tr: [],
  u: [],
  ul: [],
  var: [],
  wbr: [],
};

/** Why the most likely refused elements are refused, for the message. */
const REFUSED_ELEMENTS: Readonly<Record<string, string>> = {
  script: "runs script in the reader's browser",
  noscript: "only matters to pages that run script",
  style: "styles the whole page; the site's stylesheet does that",
  link: "loads files into the page",
  meta: "changes how the page is read or loaded",
  base: "changes where every link of the page leads",
  iframe: "embeds another site's page",
  frame: "embeds another site's page",
  frameset: "embeds other pages",
  object: "embeds a plugin or another page",
  embed: "embeds a plugin or another page",
  applet: "embeds a plugin",
  portal: "embeds another site's page",
  form: "sends what readers type to another address",
  input: "belongs to a form, which sends what readers type elsewhere",
  button: "belongs to a form or to script",
  select: "belongs to a form, which sends what readers type elsewhere",
  textarea: "belongs to a form, which sends what readers type elsewhere",
  svg: "can carry script and links the site cannot check",
  math: "can carry links the site cannot check",
  template: "holds markup that only script uses",
  h1: "is the page's title, which the layout writes from the front matter",
};

/** An element an author wrote, with the attributes it carries (names as written). */
export interface HtmlElement {
  tag: string;
  attributes: readonly string[];
}

/** Judges one opening tag of raw HTML against the allowed elements and attributes. Pure. */
export function judgeElement({ tag, attributes }: HtmlElement): HtmlIssue[] {
  const name = tag.toLowerCase();
  const allowed = HTML_ELEMENTS[name];
  if (!allowed) {
    const why = REFUSED_ELEMENTS[name];
    return [
      {
        message: `<${name}> is not allowed in a page${why ? `: it ${why}` : ""}.`,
        fix:
          name === "h1"
            ? "start the page's sections at level 2 (## in Markdown, <h2> in HTML)."
            : `use Markdown, or one of the allowed elements: ${Object.keys(HTML_ELEMENTS).join(", ")}.`,
      },
    ];
  }
  const issues: HtmlIssue[] = [];
  for (const written of attributes) {
    const attribute = written.toLowerCase();
    if (allowed.includes(attribute) || GLOBAL_ATTRIBUTES.some((global) => global === attribute)) continue;
    if (attribute.startsWith("on")) {
      issues.push({
        attribute,
        message: `<${name} ${attribute}> runs script in the reader's browser and is not allowed.`,
        fix: `remove the ${attribute} attribute.`,
      });
    } else if (name === "a" && attribute === "name") {
      issues.push({
        attribute,
        message: "<a name> is obsolete HTML: e-readers and validators do not take it as a place a link can lead to.",
        fix: 'write id instead of name, as <a id="...">; a link to #... then leads to it everywhere.',
      });
    } else if (attribute === "style") {
      issues.push({
        attribute,
        message: `<${name} style> is not allowed: the site's Content Security Policy blocks inline styles, so it would not show.`,
        fix: "remove the style attribute; the site's stylesheet lays out every element.",
      });
    } else {
      const allowedHere = [...allowed, ...GLOBAL_ATTRIBUTES];
      issues.push({
        attribute,
        message: `<${name} ${attribute}> is not allowed. Allowed on <${name}>: ${allowedHere.join(", ")}.`,
        fix: `remove the ${attribute} attribute.`,
      });
    }
  }
  if (name === "img" && !attributes.some((a) => a.toLowerCase() === "alt")) {
    issues.push({
      message: "<img> has no alt text: readers who cannot see the picture get nothing.",
      fix: 'add alt="what the picture shows" (alt="" only for a picture that is pure decoration).',
    });
  }
  return issues;
}

/** How many elements of a page's raw HTML may be open at once; deeper HTML is left out of the page. */
export const HTML_NESTING_LIMIT = 100;

/**
 * Markup an HTML tokenizer reads differently from what it looks like, found as browsers find it:
 * `<![CDATA[`, `<?` and other openings that are bogus comments, a tag or comment left unfinished
 * where the author's HTML ends, an attribute written twice in one tag.
 */
export type MarkupFault =
  | { kind: "bogus-comment"; written: string }
  | { kind: "unfinished-tag"; tag: string }
  | { kind: "unfinished-comment" }
  | { kind: "unfinished-markup"; written: string }
  | { kind: "duplicate-attribute"; tag: string; attribute: string };

/** What is wrong with markup the tokenizer found at fault, and how to fix it. Pure. */
export function judgeMarkup(fault: MarkupFault): HtmlIssue {
  switch (fault.kind) {
    case "bogus-comment":
      return {
        message: `"${fault.written}" ${
          fault.written.startsWith("<![CDATA[")
            ? "is not CDATA in a page"
            : fault.written.startsWith("<?")
              ? "starts no tag in HTML"
              : "starts neither a tag nor a comment (<!-- -->)"
        }: browsers read it as a comment that ends at the first ">", and what follows that as HTML.`,
        fix: "write the text itself, with < as &lt;, or put code in a code block (```).",
      };
    case "unfinished-tag":
      return {
        message: `the tag <${fault.tag}> is never finished: the HTML ends before its ">", so browsers read the text that follows it as more of the tag.`,
        fix: 'end the tag with ">" before the next blank line, closing any quote it opens.',
      };
    case "unfinished-comment":
      return {
        message:
          'the comment "<!--" is never closed, so browsers hide what follows it, up to the next "-->" of the page.',
        fix: 'close the comment with "-->".',
      };
    case "unfinished-markup":
      return {
        message: `"${fault.written}" is left unfinished where the HTML ends, so browsers read what follows it as part of it.`,
        fix: "finish it, or write < as &lt; where it is text.",
      };
    case "duplicate-attribute":
      return {
        message: `<${fault.tag} ${fault.attribute}> is written twice in one tag; browsers read only the first.`,
        fix: `keep one ${fault.attribute} attribute.`,
      };
  }
}

/** What raw HTML nested deeper than the limit is told. */
export const TOO_DEEP_HTML: HtmlIssue = {
  message: `raw HTML is nested more than ${HTML_NESTING_LIMIT} elements deep here, so it is left out of the page.`,
  fix: "close elements (</div>) before opening more; a page's HTML rarely needs more than ten levels.",
};

/** A code block's language: a plain name such as js, c++, c#, objective-c or shell-session. */
const CODE_LANGUAGE = /^[A-Za-z0-9+#._-]+$/;

/** What is wrong with the language a code fence names, if anything. Pure. */
export function judgeCodeLanguage(language: string): HtmlIssue | undefined {
  if (language === "" || CODE_LANGUAGE.test(language)) return undefined;
  return {
    message: `the code block's language "${language}" is not a language name (letters, digits and + # - . _ only), so it is left out of the page.`,
    fix: "write a plain name after the ```, such as ```js or ```shell, or none.",
  };
}

/** What a raw HTML id or name that the layout already uses is told; undefined when it is free. */
export function judgeId(attribute: string, value: string): HtmlIssue | undefined {
  if (!LAYOUT_IDS.includes(value)) return undefined;
  return {
    attribute,
    message: `${attribute}="${value}" is an id the page's layout uses; two elements with one id send skip links, controls and #${value} links to the wrong one.`,
    fix: `choose another ${attribute}, such as "${value}-2".`,
  };
}

/** `"` and `&` escaped for a double-quoted attribute value. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
}
