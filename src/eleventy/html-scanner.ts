import { type Token as Html, Tokenizer } from "parse5";
import {
  type Child,
  closesImplicitly,
  EMPTY_DETAILS,
  escapeAttribute,
  HTML_NESTING_LIMIT,
  judgePlace,
  MARKDOWN_TEXT,
  type MarkupFault,
} from "../book/html-policy.js";
import type { Place } from "../book/page-content.js";
import type { MarkdownRecord } from "../book/page-record.js";

/** Records a URL written in a page, at its place, and returns it resolved as the page publishes it. */
export type LinkRecorder = (written: string, tag: string, place: Place & { alt?: string }) => string;

/** An attribute as written in raw HTML: its name, value and where it stands in the HTML. */
interface WrittenAttribute {
  name: string;
  value: string;
  start: number;
  end: number;
}

/** A tag of raw HTML, as a browser's tokenizer reads it, and where it starts in the HTML. */
type WrittenTag =
  | { kind: "start"; tag: string; start: number; attributes: WrittenAttribute[] }
  | { kind: "end"; tag: string; start: number }
  | { kind: "text"; start: number };

/** parse5's tokenizer, which also says what it is in the middle of when the HTML ends. */
class PlacedTokenizer extends Tokenizer {
  /** The tag or comment being read, and the attribute being read. */
  get open(): { token: Html.Token | null; attributeStart: number | undefined } {
    return { token: this.currentToken, attributeStart: this.currentLocation?.startOffset };
  }
}

/**
 * Every tag of a piece of HTML, read by the HTML standard's tokenizer as browsers read it, and
 * the markup in it that does not read as it looks: bogus comments (`<![CDATA[`, `<?`), a tag or
 * comment the piece ends inside, an attribute written twice. The piece is read from the tokenizer's
 * data state, where every piece before it left the page (any piece that does not is refused).
 */
export function scanHtml(html: string): { tags: WrittenTag[]; faults: { start: number; fault: MarkupFault }[] } {
  const tags: WrittenTag[] = [];
  const faults: { start: number; fault: MarkupFault }[] = [];
  const written = (start: number) => html.slice(start, start + 12).split(/\s/)[0];
  const tokenizer: PlacedTokenizer = new PlacedTokenizer(
    { sourceCodeLocationInfo: true },
    {
      onStartTag(token) {
        const start = token.location?.startOffset ?? 0;
        const attributes = token.attrs.map(({ name, value }) => {
          const at = token.location?.attrs?.[name];
          return { name, value, start: at?.startOffset ?? start, end: at?.endOffset ?? start };
        });
        tags.push({ kind: "start", tag: token.tagName, start, attributes });
      },
      onEndTag(token) {
        tags.push({ kind: "end", tag: token.tagName, start: token.location?.startOffset ?? 0 });
      },
      onComment(token) {
        const start = token.location?.startOffset ?? 0;
        if (!html.startsWith("<!--", start))
          faults.push({ start, fault: { kind: "bogus-comment", written: written(start) } });
      },
      onParseError(error) {
        const { token, attributeStart } = tokenizer.open;
        const start = token?.location?.startOffset ?? error.startOffset;
        if (error.code === "eof-in-tag" && token && "tagName" in token)
          faults.push({ start, fault: { kind: "unfinished-tag", tag: token.tagName } });
        else if (error.code === "eof-in-comment") faults.push({ start, fault: { kind: "unfinished-comment" } });
        else if (error.code.startsWith("eof-"))
          faults.push({ start, fault: { kind: "unfinished-markup", written: written(start) } });
        else if (error.code === "duplicate-attribute" && token && "tagName" in token) {
          const at = attributeStart ?? error.startOffset;
          const attribute = /^[^\s=/>]+/.exec(html.slice(at))?.[0].toLowerCase() ?? "";
          faults.push({ start: at, fault: { kind: "duplicate-attribute", tag: token.tagName, attribute } });
        }
      },
      onDoctype() {},
      onCharacter(token) {
        // Text other than white space, once after each tag: where it starts is all the structure check needs.
        if (tags.at(-1)?.kind !== "text") tags.push({ kind: "text", start: token.location?.startOffset ?? 0 });
      },
      onNullCharacter() {},
      onWhitespaceCharacter() {},
      onEof() {},
    },
  );
  tokenizer.write(html, true);
  return { tags, faults };
}

/**
 * Closes the innermost open element of a tag, and those inside it, as browsers do; an end tag with no
 * such element open (or only outside the current line of text) closes nothing. A `<details>` closed
 * without a child is told it has no `<summary>`.
 */
function closeHolder(nesting: Nesting, record: MarkdownRecord, tag: string, place: Place): void {
  const { holders } = nesting;
  for (let i = holders.length - 1; i >= 0 && holders[i].tag !== MARKDOWN_TEXT; i--) {
    if (holders[i].tag !== tag) continue;
    if (tag === "details" && holders[i].children === 0 && !nesting.tooDeep)
      record.misplaced.push({ ...place, ...EMPTY_DETAILS });
    holders.length = i;
    return;
  }
}

/** Elements that are never open: they have no content and no end tag. */
const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);

/** How deep a page's raw HTML is at the current piece, and where it first went too deep. */
export interface Nesting {
  depth: number;
  tooDeep?: boolean;
  /** The elements open around the current place, innermost last: raw HTML, and Markdown text around it. */
  holders: Holder[];
  /** How many Markdown blocks are open around the current place. */
  markdownDepth: number;
}

/** An element open around raw HTML, as the structure check follows it. */
interface Holder {
  tag: string;
  /** The Markdown depth it was opened at: a Markdown block at that depth stands directly inside it. */
  markdownDepth: number;
  /** How many children it has had so far. */
  children: number;
}

/** Judges where a child stands in the open elements, records any problem at `place`, and counts the child. */
export function placeChild(nesting: Nesting, record: MarkdownRecord, child: Child, place: Place): void {
  if (nesting.tooDeep) return;
  const top = nesting.holders.at(-1);
  const issue = judgePlace(
    nesting.holders.map((h) => h.tag),
    child,
    (top?.children ?? 0) === 0,
  );
  if (issue) record.misplaced.push({ ...place, ...issue });
  if (top) top.children++;
}

/**
 * Records the elements, ids, URLs and faults of a piece of HTML the author wrote, each at its place,
 * and returns the HTML with every `href` and `src` resolved as Markdown links are, whatever its
 * quoting. From the piece that opens more elements than a page may nest on, the page's raw HTML is
 * left out, so nothing that reads the page afterwards meets that depth.
 */
export function authoredHtml(
  html: string,
  link: LinkRecorder,
  record: MarkdownRecord,
  placeOf: (index: number) => Place,
  nesting: Nesting,
): string {
  const replacements: { start: number; end: number; text: string }[] = [];
  const { tags, faults } = scanHtml(html);
  for (const { start, fault } of faults) record.markupFaults.push({ fault, ...placeOf(start) });
  for (const written of tags) {
    if (written.kind === "text") {
      placeChild(nesting, record, { text: true }, placeOf(written.start));
      continue;
    }
    if (written.kind === "end") {
      nesting.depth = Math.max(0, nesting.depth - 1);
      // Past the limit nothing is judged: the open elements are no longer followed.
      if (!nesting.tooDeep) closeHolder(nesting, record, written.tag, placeOf(written.start));
      continue;
    }
    const { tag, start, attributes } = written;
    const { holders } = nesting;
    while (holders.length > 0 && closesImplicitly(holders[holders.length - 1].tag, tag)) holders.pop();
    placeChild(nesting, record, { element: tag }, placeOf(start));
    if (!VOID_ELEMENTS.has(tag)) {
      nesting.depth++;
      if (!nesting.tooDeep) nesting.holders.push({ tag, markdownDepth: nesting.markdownDepth, children: 0 });
    }
    // An end tag that closes nothing (`<div></p>`) lowers the count but leaves the element open:
    // the elements still open (and the line of text they may stand in) count too, so every judgement
    // and every end tag looks through at most the limit's number of them.
    if ((nesting.depth > HTML_NESTING_LIMIT || holders.length > HTML_NESTING_LIMIT + 1) && !nesting.tooDeep) {
      nesting.tooDeep = true;
      record.htmlTooDeep = placeOf(start);
    }
    record.html.push({
      tag,
      ...placeOf(start),
      attributes: attributes.map((a) => ({ name: a.name, value: a.value, ...placeOf(a.start) })),
    });
    for (const attribute of attributes) {
      if (attribute.name === "id" || (attribute.name === "name" && tag === "a")) record.ids.add(attribute.value);
      if (attribute.name !== "href" && attribute.name !== "src") continue;
      const kind = attribute.name === "src" ? "img" : "a";
      const url = link(attribute.value, kind, placeOf(attribute.start));
      replacements.push({
        start: attribute.start,
        end: attribute.end,
        text: `${attribute.name}="${escapeAttribute(url)}"`,
      });
    }
  }
  if (nesting.tooDeep) return "";
  const parts: string[] = [];
  let from = 0;
  for (const { start, end, text } of replacements) {
    parts.push(html.slice(from, start), text);
    from = end;
  }
  parts.push(html.slice(from));
  return parts.join("");
}
