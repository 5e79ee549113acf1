import type { Element } from "domhandler";
import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import {
  alignmentOf,
  codeBlock,
  findElements,
  hasClass,
  image,
  paragraphOrImage,
  trimmed,
} from "../../src/pdf/tree-html.js";

/** The elements of an HTML fragment named `name`, in document order. */
const elements = (html: string, name: string): Element[] =>
  findElements(parseDocument(html).children, (node) => node.name === name);

describe("how the PDF's tree reads HTML elements", () => {
  it("gives print the widest picture of a srcset, and a picture from elsewhere as its description", () => {
    const [responsive, plain, outside, bare] = elements(
      [
        '<img src="/img/a-400.png" srcset="/img/a-400.png 400w, /img/a-1600.png 1600w, /img/a-800.png 800w" alt=" A  seedling ">',
        '<img src="/images/caf%C3%A9.svg?v=2" alt="Café">',
        '<img src="https://example.org/x.png" alt="A chart">',
        '<img src="//example.org/y.png">',
      ].join(""),
      "img",
    );
    expect(image(responsive)).toEqual([{ type: "image", src: "/img/a-1600.png", alt: "A seedling" }]);
    expect(image(plain)).toEqual([{ type: "image", src: "/images/café.svg", alt: "Café" }]);
    expect(image(outside)).toEqual([{ type: "text", value: "A chart" }]);
    expect(image(bare)).toEqual([]);
  });

  it("makes a paragraph of one picture that picture, and joins runs of text with single spaces, none at the ends", () => {
    const picture = { type: "image", src: "/a.png", alt: "" } as const;
    expect(paragraphOrImage([picture])).toEqual(picture);
    expect(
      trimmed([
        { type: "text", value: "  Two " },
        { type: "text", value: " words " },
        { type: "break" },
        { type: "text", value: " " },
      ]),
    ).toEqual([{ type: "text", value: "Two words " }, { type: "break" }]);
  });

  it("reads a code block's language from its classes and its text without the last line's end", () => {
    const [pre] = elements('<pre><code class="language-js">let a = 1;\nlet b = 2;\n</code></pre>', "pre");
    expect(codeBlock(pre)).toEqual({ type: "code-block", language: "js", value: "let a = 1;\nlet b = 2;" });
    const [plain] = elements("<pre>text\n</pre>", "pre");
    expect(codeBlock(plain)).toEqual({ type: "code-block", language: "", value: "text" });
  });

  it("aligns a cell by its align- class first, then by its style, else leaves it to the template", () => {
    const cells = elements(
      '<td class="align-right" style="text-align: left"></td><td style="text-align:center"></td><td class="x"></td>',
      "td",
    );
    expect(cells.map(alignmentOf)).toEqual(["right", "center", null]);
  });

  it("finds elements by class, looking inside only what it may", () => {
    const html = '<section class="notes a"><p class="notes">in</p></section><div><p class="notes">deep</p></div>';
    const { children } = parseDocument(html);
    expect(findElements(children, (node) => hasClass(node, "notes")).map((node) => node.name)).toEqual([
      "section",
      "p",
    ]);
    expect(
      findElements(
        children,
        (node) => node.name === "p",
        (node) => node.name !== "div",
      ),
    ).toHaveLength(1);
  });
});
