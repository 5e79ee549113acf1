import { Parser } from "htmlparser2";
import type { Problem } from "./problem.js";

/** Elements an SVG picture may not hold: they run script or embed documents when the file is opened. */
const REFUSED_ELEMENTS: ReadonlySet<string> = new Set([
  "script",
  "foreignobject",
  "iframe",
  "embed",
  "object",
  "handler",
  "listener",
]);

/** Animation elements, which may rewrite a link's target into something that runs. */
const ANIMATIONS: ReadonlySet<string> = new Set(["set", "animate", "animatemotion", "animatetransform"]);

/** What an SVG may refer to: its own parts (`#id`), or a raster picture embedded in it. */
const OWN_PART = /^\s*(?:#|data:image\/(?:png|jpeg|jpg|gif|webp|avif)[;,])/i;

/** A CSS `url(...)` that points anywhere but at the picture's own parts. */
const FOREIGN_URL = /url\(\s*(?!['"]?#)/i;

/**
 * The SVG check: a picture published from images/ is opened on its own by readers who follow it, where
 * the browser runs any script it holds with the site's rights. An SVG may therefore hold no script,
 * no embedded documents, no event attributes, and no links or references except to its own parts
 * (`#id`). Each problem names the line. Pure: takes the file's path and text.
 */
export function svgProblems(file: string, text: string): Problem[] {
  const problems: Problem[] = [];
  const lineAt = (index: number) => text.slice(0, index).split("\n").length;
  const refuse = (index: number, message: string, fix: string) =>
    problems.push({ file, line: lineAt(index), message, fix });
  let attributes: [string, string][] = [];
  let inStyle = false;
  const parser: Parser = new Parser(
    {
      onattribute(name, value) {
        attributes.push([name.toLowerCase(), value]);
      },
      onopentag(tag) {
        const name = tag.toLowerCase();
        const at = parser.startIndex;
        if (REFUSED_ELEMENTS.has(name)) {
          refuse(
            at,
            `holds a <${tag}> element, which runs script or embeds a document when the picture is opened.`,
            `remove the <${tag}> element; a picture needs only shapes, text and styles.`,
          );
        }
        for (const [attribute, value] of attributes) {
          if (attribute.startsWith("on")) {
            refuse(
              at,
              `has an event attribute ${attribute} on <${tag}>, which runs script when the picture is opened.`,
              `remove the ${attribute} attribute.`,
            );
          } else if (
            (attribute === "href" || attribute === "xlink:href" || attribute === "src") &&
            !OWN_PART.test(value)
          ) {
            refuse(
              at,
              `links <${tag}> to "${value}"; a picture may refer only to its own parts (#id) and embedded raster pictures.`,
              "remove the link, or draw what it points at into the picture.",
            );
          } else if (FOREIGN_URL.test(value)) {
            refuse(
              at,
              `loads "${value}" from elsewhere in its ${attribute} attribute; a picture may refer only to its own parts.`,
              "remove the url(...), or use one of the picture's own parts (url(#id)).",
            );
          } else if (ANIMATIONS.has(name) && attribute === "attributename" && /href$/i.test(value.trim())) {
            refuse(
              at,
              `animates the ${value} of an element, which can turn it into a link that runs script.`,
              `remove the <${tag}> element.`,
            );
          }
        }
        attributes = [];
        inStyle = name === "style";
      },
      onclosetag() {
        inStyle = false;
      },
      ontext(text) {
        if (inStyle && (FOREIGN_URL.test(text) || /@import/i.test(text))) {
          refuse(
            parser.startIndex,
            "has a style that loads something from elsewhere (@import or url(...)).",
            "keep the styles to the picture's own parts: no @import, and url(#id) only.",
          );
        }
      },
      onprocessinginstruction(name, data) {
        if (/^\?xml-stylesheet/i.test(data) || (/^!doctype/i.test(name) && data.includes("["))) {
          refuse(
            parser.startIndex,
            "loads a style sheet or declares entities, which a picture does not need.",
            "remove the <?xml-stylesheet ...?> or <!DOCTYPE [...]> line.",
          );
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(text);
  parser.end();
  return problems;
}
