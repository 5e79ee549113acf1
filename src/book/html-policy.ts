import { LAYOUT_IDS } from "./layout-ids.js";

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
    if (allowed.includes(attribute) || (GLOBAL_ATTRIBUTES as readonly string[]).includes(attribute)) continue;
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

/**
 * What an attribute of the allow-list may hold, where HTML defines it: a test of the value and the
 * values allowed, as the message says them. Attributes not here hold any text (`title`, `alt`,
 * `class`, `aria-label`), or are checked as addresses (`href`, `src`).
 */
const ATTRIBUTE_VALUES: Readonly<Record<string, { ok: (value: string, tag: string) => boolean; allowed: string }>> = {
  dir: { ok: (v) => ["ltr", "rtl", "auto"].includes(v), allowed: "ltr, rtl or auto" },
  lang: {
    ok: (v) => v === "" || isLanguageTag(v),
    allowed: 'a language tag such as en, en-GB or zh-Hant, or "" for none',
  },
  hreflang: { ok: isLanguageTag, allowed: "a language tag such as en, en-GB or zh-Hant" },
  "aria-hidden": { ok: (v) => v === "true" || v === "false", allowed: "true or false" },
  scope: { ok: (v) => ["row", "col", "rowgroup", "colgroup"].includes(v), allowed: "row, col, rowgroup or colgroup" },
  colspan: { ok: (v) => isInteger(v, 1, 1000), allowed: "a whole number from 1 to 1000" },
  rowspan: { ok: (v) => isInteger(v, 1, 65534), allowed: "a whole number from 1 to 65534" },
  span: { ok: (v) => isInteger(v, 1, 1000), allowed: "a whole number from 1 to 1000" },
  start: { ok: (v) => /^-?\d{1,9}$/.test(v), allowed: "a whole number such as 3 or -1" },
  value: { ok: (v) => /^-?\d{1,9}$/.test(v), allowed: "a whole number such as 3 or -1" },
  type: { ok: (v) => ["1", "a", "A", "i", "I"].includes(v), allowed: "1, a, A, i or I" },
  width: { ok: (v) => /^\d{1,9}$/.test(v), allowed: "a number of pixels, digits only, such as 320" },
  height: { ok: (v) => /^\d{1,9}$/.test(v), allowed: "a number of pixels, digits only, such as 240" },
  loading: { ok: (v) => v === "lazy" || v === "eager", allowed: "lazy or eager" },
  reversed: { ok: (v) => v === "" || v.toLowerCase() === "reversed", allowed: "nothing: write reversed alone" },
  open: { ok: (v) => v === "" || v.toLowerCase() === "open", allowed: "nothing: write open alone" },
  rel: {
    ok: (v) =>
      v.trim() !== "" &&
      v
        .trim()
        .split(/[ \t\n\f\r]+/)
        .every((word) => LINK_TYPES.includes(word.toLowerCase())),
    allowed:
      "one or more of alternate, author, bookmark, external, help, license, next, nofollow, noopener, noreferrer, prev, search, tag",
  },
  datetime: {
    ok: (v, tag) => (tag === "time" ? isTimeValue(v) : isDate(v) || isGlobalDateTime(v)),
    allowed: "",
  },
  id: { ok: isFragment, allowed: "" },
  name: { ok: isFragment, allowed: "" },
};

/** The link types HTML defines for `<a rel>`. */
const LINK_TYPES =
  "alternate author bookmark external help license next nofollow noopener noreferrer prev search tag".split(" ");

/** What `datetime` may hold, as the message says it, on `<time>` and on `<del>` and `<ins>`. */
const DATETIME_FORMS = {
  time: "a date (2024-05-06), a month (2024-05), a year (2024), a day of the year (05-06), a time (14:30 or 14:30:15), a date and time (2024-05-06T14:30, with Z or +02:00 for its time zone if you like), a week (2024-W19) or a duration (PT2H30M, or 2H 30M)",
  change: "a date (2024-05-06), or a date and time with its time zone (2024-05-06T14:30Z or 2024-05-06T14:30+02:00)",
};

/**
 * What is wrong with the value of an attribute HTML gives a meaning to, if anything: a direction,
 * a language, a number, a keyword, a date, an id that a link can name. Pure.
 */
export function judgeAttributeValue(tag: string, attribute: string, value: string): HtmlIssue | undefined {
  const name = attribute.toLowerCase();
  const rule = ATTRIBUTE_VALUES[name];
  if (!rule || (name === "name" && tag !== "a") || rule.ok(value, tag)) return undefined;
  const written = `<${tag} ${name}="${value}">`;
  if (name === "id" || name === "name") {
    return {
      attribute: name,
      message: `${written} is not an id a link can name: an id is one word of letters, digits and - _ . : (or other characters of a web address), without spaces, quotes, < > or a % that is not followed by two hex digits.`,
      fix: `write ${name}="${suggestId(value)}".`,
    };
  }
  const allowed = name === "datetime" ? DATETIME_FORMS[tag === "time" ? "time" : "change"] : rule.allowed;
  return {
    attribute: name,
    message: `${written} is not a value HTML defines for ${name}, so browsers and e-readers ignore it or read it wrongly. Allowed: ${allowed}.`,
    fix: `write ${name} with an allowed value, or remove it.`,
  };
}

/** An id made of what an author wrote: spaces and other characters a link cannot hold become "-". */
function suggestId(value: string): string {
  return (
    value
      .trim()
      .replace(/%(?![0-9A-Fa-f]{2})/g, "-")
      .replace(/[\s"'<>`#\\^{}|[\]]+/g, "-")
      .replace(/^-+|-+$/g, "") || "section"
  );
}

/**
 * True for an id a link's `#fragment` can name: not empty, no white space, only characters of a
 * web address (letters, digits, `-._~!$&'()*+,;=:@/?` and letters outside ASCII), and every `%`
 * followed by two hex digits that decode.
 */
export function isFragment(value: string): boolean {
  if (
    !/^(?:[\w.~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2}|[\u00A0-\uD7FF\uE000-\uFFFD]|[\uD800-\uDBFF][\uDC00-\uDFFF])+$/.test(
      value,
    )
  )
    return false;
  try {
    decodeURIComponent(value);
    return true;
  } catch {
    return false;
  }
}

/** A language tag as BCP 47 writes it: language, script, region, variants, extensions, private use. */
const LANGUAGE_TAG =
  /^(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[\da-wy-z](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?|x(?:-[a-z\d]{1,8})+)$/i;

/** True for a well-formed BCP 47 language tag. */
function isLanguageTag(value: string): boolean {
  return LANGUAGE_TAG.test(value);
}

/** True for digits alone, no sign or space, from `min` to `max`. */
function isInteger(value: string, min: number, max: number): boolean {
  return /^\d{1,9}$/.test(value) && Number(value) >= min && Number(value) <= max;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `2024-05-06`, a day that exists. */
function isDate(value: string): boolean {
  const date = /^(\d{4,})-(\d{2})-(\d{2})$/.exec(value);
  if (!date) return false;
  const [year, month, day] = date.slice(1).map(Number);
  return year > 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/** `14:30`, `14:30:15` or `14:30:15.250`. */
function isTime(value: string): boolean {
  const time = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/.exec(value);
  return time !== null && Number(time[1]) < 24 && Number(time[2]) < 60 && Number(time[3] ?? 0) < 60;
}

/** `Z`, `+02:00`, `-0530`. */
function isZone(value: string): boolean {
  const zone = /^(?:Z|[+-](\d{2}):?(\d{2}))$/.exec(value);
  return zone !== null && (value === "Z" || (Number(zone[1]) < 24 && Number(zone[2]) < 60));
}

/** A date and a time, with a time zone when `zone` is "required". */
function isDateTime(value: string, zone: "optional" | "required"): boolean {
  const parts = /^(\d{4,}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (!parts || !isDate(parts[1]) || !isTime(parts[2])) return false;
  return parts[3] === undefined ? zone === "optional" : isZone(parts[3]);
}

function isGlobalDateTime(value: string): boolean {
  return isDateTime(value, "required");
}

/** Every form `<time datetime>` may take that browsers and e-readers read alike. */
function isTimeValue(value: string): boolean {
  if (isDate(value) || isTime(value) || isDateTime(value, "optional")) return true;
  if (/^\d{4}$/.test(value)) return Number(value) > 0;
  const month = /^(\d{4,})-(\d{2})$/.exec(value);
  if (month) return Number(month[1]) > 0 && Number(month[2]) >= 1 && Number(month[2]) <= 12;
  const yearless = /^(?:--)?(\d{2})-(\d{2})$/.exec(value);
  if (yearless) {
    const [month, day] = yearless.slice(1).map(Number);
    return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(2000, month);
  }
  const week = /^(\d{4,})-W(\d{2})$/.exec(value);
  if (week) return Number(week[1]) > 0 && Number(week[2]) >= 1 && Number(week[2]) <= weeksIn(Number(week[1]));
  return (
    /^P(?:\d+D|(?:\d+D)?T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d{1,3})?S)?)$/.test(value) ||
    /^(?: *(?:\d+ *[WDHM]|\d+(?:\.\d{1,3})? *S) *)+$/.test(value)
  );
}

/** 52 or 53: the weeks of an ISO year. */
function weeksIn(year: number): number {
  const day = (y: number) => new Date(Date.UTC(y, 0, 1)).getUTCDay();
  const leap = daysIn(year, 2) === 29;
  return day(year) === 4 || (leap && day(year) === 3) ? 53 : 52;
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
const BLOCKS = new Set([
  ...["blockquote", "details", "div", "dl", "figure", "hr", "ol", "p", "pre", "table", "ul"],
  ...["h2", "h3", "h4", "h5", "h6", "summary", "figcaption", "li", "dt", "dd"],
  ...["caption", "colgroup", "thead", "tbody", "tfoot", "tr", "td", "th"],
]);

/** Elements whose content is text and inline elements only. */
const TEXT_ONLY = new Set([
  ...["p", "h2", "h3", "h4", "h5", "h6", "pre", "span", "em", "strong", "b", "i", "u", "s", "small", "mark"],
  ...["code", "kbd", "samp", "var", "dfn", "abbr", "cite", "q", "sub", "sup", "time", "bdi", "bdo", "rt", "rp"],
  ...["ruby", "summary"],
]);

/** Elements that take the content rules of the element around them. */
const TRANSPARENT = new Set(["a", "ins", "del"]);

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
  if (parents && !parents.includes(holder ?? "")) {
    return {
      message: `${what} belongs directly inside ${parents.map((p) => `<${p}>`).join(" or ")}; here it is inside ${where}, so e-readers refuse the chapter and browsers move or drop it.`,
      fix: `write it in its place, as ${PLACED[name!]}.`,
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
