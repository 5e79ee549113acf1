import { Element, type ChildNode } from "domhandler";
import { textContent } from "domutils";
import type { Align, Block, Inline } from "./tree-data.js";
import { widestCandidate } from "../renderers/widest-picture.js";

/** A code block's language (from `language-js`) and its text, without the last line's end. */
export function codeBlock(node: Element): Block {
  const code = node.children.find((child): child is Element => child instanceof Element && child.name === "code");
  const classes = `${node.attribs.class ?? ""} ${code?.attribs.class ?? ""}`;
  const language = /(?:^|\s)language-([A-Za-z0-9_+#.-]+)/.exec(classes)?.[1] ?? "";
  return { type: "code-block", language, value: textContent(node).replace(/\n$/, "") };
}

/** A picture with a site path, the widest of its candidates; a picture from elsewhere, its description. */
export function image(img: Element): Inline[] {
  const src = widestCandidate(img) ?? img.attribs.src ?? "";
  const alt = normalSpace(img.attribs.alt ?? "").trim();
  if (!src.startsWith("/") || src.startsWith("//")) return alt ? [{ type: "text", value: alt }] : [];
  return [{ type: "image", src: decodeURI(src.split(/[?#]/)[0]), alt }];
}

/** A paragraph that holds one picture alone is that picture, as a block. */
export function paragraphOrImage(children: Inline[]): Block {
  const only = children.length === 1 ? children[0] : undefined;
  return only?.type === "image" ? only : { type: "paragraph", children };
}

/** Runs of text joined where they meet, one space between words, none at the two ends. */
export function trimmed(inlines: Inline[]): Inline[] {
  const result: Inline[] = [];
  for (const inline of inlines) {
    const last = result.at(-1);
    if (inline.type === "text" && last?.type === "text")
      result[result.length - 1] = { type: "text", value: `${last.value}${inline.value}`.replace(/ {2,}/g, " ") };
    else if (inline.type !== "text" || inline.value !== "") result.push(inline);
  }
  const first = result[0];
  if (first?.type === "text") result[0] = { type: "text", value: first.value.trimStart() };
  const last = result.at(-1);
  if (last?.type === "text") result[result.length - 1] = { type: "text", value: last.value.trimEnd() };
  return result.filter((inline) => inline.type !== "text" || inline.value !== "");
}

/** Spaces, tabs and line ends as one space, as HTML shows them. */
export function normalSpace(text: string): string {
  return text.replace(/[ \t\n\r\f]+/g, " ");
}

/** How a table cell is aligned: by its `align-*` class, else by its style; `null` when neither says. */
export function alignmentOf(cell: Element): Align {
  const classes = cell.attribs.class ?? "";
  const style = /text-align:\s*(left|center|right)/.exec(cell.attribs.style ?? "")?.[1];
  const named = /(?:^|\s)align-(left|center|right)(?:\s|$)/.exec(classes)?.[1];
  const written = named ?? style;
  return ALIGNMENTS.find((align) => align === written) ?? null;
}

const ALIGNMENTS = ["left", "center", "right"] as const;

/** Whether a node is an element with the class `name`. */
export function hasClass(node: ChildNode, name: string): boolean {
  return node instanceof Element && (node.attribs.class ?? "").split(/\s+/).includes(name);
}

/** Elements under `nodes` that match, looking inside only those `descend` allows. */
export function findElements(
  nodes: readonly ChildNode[],
  match: (node: Element) => boolean,
  descend: (node: Element) => boolean = () => true,
): Element[] {
  const found: Element[] = [];
  for (const node of nodes) {
    if (!(node instanceof Element)) continue;
    if (match(node)) found.push(node);
    else if (descend(node)) found.push(...findElements(node.children, match, descend));
  }
  return found;
}
