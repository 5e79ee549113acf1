import { describe, expect, it } from "vitest";
import { svgProblems } from "../../src/book/svg-policy.js";

/** The problems of an SVG made of `body`, each as `<line> <message>`. */
const told = (body: string) =>
  svgProblems("images/x.svg", `<svg xmlns="http://www.w3.org/2000/svg">\n${body}\n</svg>`).map(
    (problem) => `${problem.line} ${problem.message}`,
  );

describe("svgProblems", () => {
  it("passes shapes, text, styles, gradients and links to the picture's own parts", () => {
    const svg = [
      '<defs><linearGradient id="g"><stop offset="0" stop-color="#363"/></linearGradient></defs>',
      "<style>.a { fill: url(#g); }</style>",
      '<rect class="a" width="10" height="10" fill="url(#g)"/>',
      '<use href="#g"/><use xlink:href="#g"/>',
      '<image href="data:image/png;base64,iVBORw0KGgo="/>',
      "<text>Hello</text>",
    ].join("\n");
    expect(told(svg)).toEqual([]);
  });

  it("refuses script and embedded documents, each at its line and named as written", () => {
    expect(told("<rect/>\n<script>alert(1)</script>\n<foreignObject><div/></foreignObject>")).toEqual([
      "3 holds a <script> element, which runs script or embeds a document when the picture is opened.",
      "4 holds a <foreignObject> element, which runs script or embeds a document when the picture is opened.",
    ]);
    expect(svgProblems("images/x.svg", "<svg><iframe/><embed/><object/></svg>")).toHaveLength(3);
  });

  it("refuses an event attribute, whatever its case, on any element", () => {
    expect(told('<rect onClick="go()"/>')).toEqual([
      "2 has an event attribute onclick on <rect>, which runs script when the picture is opened.",
    ]);
    expect(svgProblems("images/x.svg", "<svg onload='x()'/>")[0].fix).toBe("remove the onload attribute.");
  });

  it("refuses links and references to anything outside the picture", () => {
    expect(told('<a href="https://example.org/"><text>x</text></a>')).toEqual([
      '2 links <a> to "https://example.org/"; a picture may refer only to its own parts (#id) and embedded raster pictures.',
    ]);
    expect(told('<image xlink:href="/images/other.png"/>')).toHaveLength(1);
    expect(told('<image href="data:image/svg+xml;base64,PHN2Zz4="/>')).toHaveLength(1);
    expect(told('<rect fill="url(https://example.org/p.svg#g)"/>')).toEqual([
      '2 loads "url(https://example.org/p.svg#g)" from elsewhere in its fill attribute; a picture may refer only to its own parts.',
    ]);
  });

  it("refuses a style that imports or loads from elsewhere", () => {
    expect(told('<style>@import "https://example.org/a.css";</style>')).toEqual([
      "2 has a style that loads something from elsewhere (@import or url(...)).",
    ]);
    expect(told("<style>rect { fill: url(/images/p.png); }</style>")).toHaveLength(1);
  });

  it("refuses an animation that rewrites a link's target", () => {
    expect(told('<a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a>')).toEqual([
      "2 animates the href of an element, which can turn it into a link that runs script.",
    ]);
    expect(told('<rect><animate attributeName="width" to="20"/></rect>')).toEqual([]);
  });

  it("refuses a style sheet processing instruction and declared entities", () => {
    const sheet = svgProblems("images/x.svg", '<?xml-stylesheet href="a.css"?>\n<svg/>');
    expect(sheet.map((problem) => [problem.line, problem.fix])).toEqual([
      [1, "remove the <?xml-stylesheet ...?> or <!DOCTYPE [...]> line."],
    ]);
    expect(svgProblems("images/x.svg", '<!DOCTYPE svg [<!ENTITY a "b">]>\n<svg/>')).toHaveLength(1);
    expect(svgProblems("images/x.svg", "<!DOCTYPE svg>\n<svg/>")).toEqual([]);
  });

  it("names the file it was given in every problem", () => {
    expect(svgProblems("images/headers/a.svg", "<svg><script/></svg>")[0].file).toBe("images/headers/a.svg");
  });
});
