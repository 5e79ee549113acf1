import render from "dom-serializer";
import { findAll, prependChild, removeElement, textContent } from "domutils";
import { Element, Text, type ChildNode, type ParentNode } from "domhandler";
import { parseDocument } from "htmlparser2";
import { isExternal } from "../book/links.js";
import { UNREAD_ELEMENTS } from "../renderers/unread-elements.js";
import { widestCandidate } from "../renderers/widest-picture.js";

/** Where the links and images of a chapter lead inside the EPUB. */
export interface LinkTargets {
  /** The site's public URL, for links to pages that are not chapters of the book. */
  siteUrl: string;
  /** The URL of the page the HTML comes from, for links to its own sections. */
  pageUrl: string;
  /** The EPUB file of a chapter published at a URL (`/pages/a/` to `a.xhtml`), if it is in the book. */
  chapterFile(url: string): string | undefined;
  /** The EPUB file of a picture at a site path (`/img/x.png`), recording it for the package. */
  imageFile(sitePath: string): string;
}

/** A heading of a chapter, for the book's table of contents. */
export interface XhtmlHeading {
  level: number;
  id: string;
  text: string;
}

/** A chapter's body as XHTML, and its h2 and h3 headings in order. */
export interface ChapterXhtml {
  body: string;
  headings: XhtmlHeading[];
}

/** Elements of HTML's flow and phrasing content that an EPUB keeps as they are. */
const KEPT: ReadonlySet<string> = new Set([
  "a",
  "abbr",
  "address",
  "article",
  "aside",
  "b",
  "bdi",
  "bdo",
  "blockquote",
  "br",
  "caption",
  "cite",
  "code",
  "col",
  "colgroup",
  "dd",
  "del",
  "details",
  "dfn",
  "div",
  "dl",
  "dt",
  "em",
  "figcaption",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "i",
  "img",
  "ins",
  "kbd",
  "li",
  "mark",
  "ol",
  "p",
  "pre",
  "q",
  "rp",
  "rt",
  "ruby",
  "s",
  "samp",
  "section",
  "small",
  "span",
  "strong",
  "sub",
  "summary",
  "sup",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "time",
  "tr",
  "u",
  "ul",
  "var",
  "wbr",
]);

/** Attributes of the site's pages that mean nothing in a book: loading hints, focus order, link targets. */
const DROPPED_ATTRIBUTES: ReadonlySet<string> = new Set([
  "loading",
  "decoding",
  "fetchpriority",
  "sizes",
  "srcset",
  "tabindex",
  "target",
  "ping",
  "download",
]);

/** A name XML accepts as an attribute name, without namespaces. */
const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Characters XML 1.0 does not allow in a document. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML forbids, matched to drop them.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * A chapter's HTML, as the site publishes it, as the body of an XHTML document inside an EPUB:
 * parsed by a real HTML parser and serialised as XML; links to chapters of the book lead to their
 * files, links to sections stay, links to the rest of the site become absolute, pictures become
 * one image packed in the book; scripts, embedded pages and the section links beside headings go.
 * Footnotes become notes a reading app can pop up, alerts boxed asides with their label.
 */
export function toXhtml(html: string, targets: LinkTargets): ChapterXhtml {
  const document = parseDocument(html);
  const ids = new Set<string>();
  setChildren(
    document,
    document.children.flatMap((node) => clean(node, targets, ids)),
  );
  markNotes(document.children);
  markAlerts(document.children);
  const headings = findAll(
    (node) => (node.name === "h2" || node.name === "h3") && node.attribs.id !== undefined,
    document.children,
  ).map((node) => ({
    level: Number(node.name[1]),
    id: node.attribs.id,
    text: textContent(node).replace(/\s+/g, " ").trim(),
  }));
  return {
    body: render(document.children, { xmlMode: true, encodeEntities: "utf8", selfClosingTags: true }),
    headings,
  };
}

/** What a node becomes in the book: itself cleaned, what it holds, another element, or nothing. */
function clean(node: ChildNode, targets: LinkTargets, ids: Set<string>): ChildNode[] {
  if (node instanceof Text) {
    node.data = node.data.replace(NOT_XML, "");
    return [node];
  }
  // Comments, doctypes and processing instructions go.
  if (!(node instanceof Element)) return [];
  const name = node.name.toLowerCase();
  if (UNREAD_ELEMENTS.has(name) || (name === "a" && hasClass(node, "heading-anchor"))) return [];
  if (name === "picture") {
    const img = node.children.find((child): child is Element => child instanceof Element && child.name === "img");
    if (!img) return [];
    img.attribs.src = widestCandidate(img) ?? img.attribs.src ?? "";
    return clean(img, targets, ids);
  }
  const children = () => node.children.flatMap((child) => clean(child, targets, ids));
  // Unknown elements and the site's heading wrappers give way to what they hold.
  if (!KEPT.has(name) || (name === "div" && hasClass(node, "heading"))) return children();
  node.name = name;
  cleanAttributes(node, ids);
  if (name === "img") return [packImage(node, targets)];
  if (name === "a") rewriteLink(node, targets);
  setChildren(node, children());
  return [node];
}

/** Keeps the attributes XHTML accepts, without scripts, and each id once. */
function cleanAttributes(node: Element, ids: Set<string>): void {
  for (const [name, value] of Object.entries(node.attribs)) {
    const lower = name.toLowerCase();
    delete node.attribs[name];
    if (!XML_NAME.test(name) || lower.startsWith("on") || lower.startsWith("xml") || DROPPED_ATTRIBUTES.has(lower))
      continue;
    const text = value.replace(NOT_XML, "");
    if (lower === "id") {
      if (!text || /\s/.test(text) || ids.has(text)) continue;
      ids.add(text);
    }
    node.attribs[lower] = text;
  }
}

/** Points a link at the chapter's file in the book, at its own section, or at the site. */
function rewriteLink(node: Element, targets: LinkTargets): void {
  const href = node.attribs.href;
  if (href === undefined) return;
  if (href.startsWith("#")) return;
  if (isExternal(href)) {
    if (!/^(https?|mailto):/i.test(href)) delete node.attribs.href;
    return;
  }
  let url: URL;
  try {
    url = new URL(href, new URL(targets.pageUrl, targets.siteUrl));
  } catch {
    delete node.attribs.href;
    return;
  }
  const chapter = url.origin === new URL(targets.siteUrl).origin ? targets.chapterFile(url.pathname) : undefined;
  if (chapter !== undefined) {
    node.attribs.href = url.pathname === targets.pageUrl && url.hash ? url.hash : `${chapter}${url.hash}`;
  } else {
    node.attribs.href = url.href;
  }
}

/**
 * Packs a local image into the book and points at it; an image from elsewhere becomes a link to it
 * (a book loads nothing from the network).
 */
function packImage(node: Element, targets: LinkTargets): ChildNode {
  const src = node.attribs.src ?? "";
  node.attribs.alt ??= "";
  if (src.startsWith("/") && !src.startsWith("//")) {
    node.attribs.src = targets.imageFile(decodeURI(src.split(/[?#]/)[0]));
    node.children = [];
    return node;
  }
  const link = new Element("a", /^https?:/i.test(src) ? { href: src } : {});
  setChildren(link, [new Text(node.attribs.alt || src)]);
  return link;
}

/**
 * Footnotes as EPUB 3 notes, which reading apps show in a pop-up: each reference a `noteref` link,
 * each note an `aside` of type `footnote` (with its number, since the list around it goes), the
 * way back a `backlink`. The rule above the notes goes; the notes keep their labelled section.
 */
function markNotes(nodes: ChildNode[]): void {
  for (const link of findAll((node) => node.name === "a" && isFootnoteReference(node), nodes)) {
    Object.assign(link.attribs, { "epub:type": "noteref", role: "doc-noteref" });
    // "[1]", "[1:1]" for a second reference to one note: the number alone, raised by its <sup>.
    for (const text of link.children)
      if (text instanceof Text) text.data = text.data.replace(/^\[(\d+)(?::\d+)?\]$/, "$1");
  }
  for (const rule of findAll((node) => node.name === "hr" && hasClass(node, "footnotes-sep"), nodes)) {
    removeElement(rule);
  }
  for (const section of findAll((node) => node.name === "section" && hasClass(node, "footnotes"), nodes)) {
    section.attribs["epub:type"] = "footnotes";
    const notes = section.children.flatMap((child) =>
      child instanceof Element && child.name === "ol" && hasClass(child, "footnotes-list")
        ? child.children.filter((item): item is Element => item instanceof Element && item.name === "li")
        : [child],
    );
    let number = 0;
    for (const note of notes) {
      if (!(note instanceof Element) || note.name !== "li") continue;
      number++;
      note.name = "aside";
      note.attribs = {
        ...(note.attribs.id ? { id: note.attribs.id } : {}),
        class: "footnote",
        "epub:type": "footnote",
        role: "doc-footnote",
      };
      const label = new Element("span", { class: "footnote-number" });
      setChildren(label, [new Text(`${number}. `)]);
      const first = note.children.find((child): child is Element => child instanceof Element);
      if (first?.name === "p") prependChild(first, label);
      else {
        const paragraph = new Element("p", {});
        setChildren(paragraph, [label]);
        prependChild(note, paragraph);
      }
    }
    setChildren(section, notes);
    for (const back of findAll((node) => node.name === "a" && hasClass(node, "footnote-backref"), section.children)) {
      Object.assign(back.attribs, { "epub:type": "backlink", role: "doc-backlink" });
    }
  }
}

/** A link the footnotes plugin wrote to a note: inside `<sup class="footnote-ref">`, to `#fn...`. */
function isFootnoteReference(node: Element): boolean {
  const parent = node.parent;
  return (
    parent instanceof Element &&
    parent.name === "sup" &&
    hasClass(parent, "footnote-ref") &&
    /^#fn/.test(node.attribs.href ?? "")
  );
}

/** What each kind of alert is in EPUB's and DPUB-ARIA's words: a tip is a tip, the others notices. */
const ALERT_SEMANTICS: Readonly<Record<string, { type: string; role: string }>> = {
  tip: { type: "tip", role: "doc-tip" },
};

/**
 * Alerts (`> [!NOTE]`) as boxed asides with their label first, in bold: the site's icon is a
 * picture the book leaves out, so the label says what kind of alert it is.
 */
function markAlerts(nodes: ChildNode[]): void {
  for (const alert of findAll((node) => node.name === "div" && hasClass(node, "markdown-alert"), nodes)) {
    const kind = /(?:^|\s)markdown-alert-([a-z]+)(?:\s|$)/.exec(alert.attribs.class ?? "")?.[1] ?? "note";
    const { type, role } = ALERT_SEMANTICS[kind] ?? { type: "notice", role: "note" };
    alert.name = "aside";
    alert.attribs = {
      ...(alert.attribs.id ? { id: alert.attribs.id } : {}),
      class: `alert alert-${kind}`,
      "epub:type": type,
      role,
    };
    for (const title of findAll(
      (node) => node.name === "p" && hasClass(node, "markdown-alert-title"),
      alert.children,
    )) {
      title.attribs = { class: "alert-title" };
      const strong = new Element("strong", {});
      setChildren(strong, title.children);
      setChildren(title, [strong]);
    }
  }
}

function hasClass(node: Element, name: string): boolean {
  return (node.attribs.class ?? "").split(/\s+/).includes(name);
}

/** Makes `nodes` the children of `parent`, linked to it and to each other. */
function setChildren(parent: ParentNode, nodes: ChildNode[]): void {
  parent.children = nodes;
  nodes.forEach((child, i) => {
    child.parent = parent;
    child.prev = nodes[i - 1] ?? null;
    child.next = nodes[i + 1] ?? null;
  });
}
