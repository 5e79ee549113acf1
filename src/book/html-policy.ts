/** Attributes any allowed element may carry (and every `aria-*`). */
export const GLOBAL_ATTRIBUTES = ["id", "class", "title", "lang", "dir"] as const;

/**
 * The raw HTML a page may contain: elements for text, lists, tables, figures and disclosure, each
 * with the attributes it may carry besides the global ones. Nothing here can run script, load
 * another page or style the page around the author's text.
 */
export const HTML_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  a: ["href", "name", "hreflang", "rel"],
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

/** What is wrong with one element: the element itself, or one of its attributes. */
export interface HtmlIssue {
  /** The attribute at fault, or undefined when the element itself is refused. */
  attribute?: string;
  message: string;
  fix: string;
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
    if (
      allowed.includes(attribute) ||
      (GLOBAL_ATTRIBUTES as readonly string[]).includes(attribute) ||
      /^aria-[a-z]+$/.test(attribute)
    )
      continue;
    if (attribute.startsWith("on")) {
      issues.push({
        attribute,
        message: `<${name} ${attribute}> runs script in the reader's browser and is not allowed.`,
        fix: `remove the ${attribute} attribute.`,
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
        message: `<${name} ${attribute}> is not allowed. Allowed on <${name}>: ${allowedHere.join(", ")} and aria-*.`,
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
