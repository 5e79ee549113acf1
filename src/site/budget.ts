import { readFile } from "node:fs/promises";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { findAll, getAttributeValue } from "domutils";
import { parseDocument } from "htmlparser2";

/** One file a page loads, with its size raw and compressed. */
export interface Weight {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

/** The HTML of a built page and the stylesheets and scripts it loads up front, with their sizes. */
export async function pageWeight(outputDir: string, url: string): Promise<Weight[]> {
  const htmlFile = path.join(outputDir, url.endsWith("/") ? `${url}index.html` : url);
  const html = await readFile(htmlFile);
  const elements = findAll(() => true, parseDocument(html.toString("utf8")).children);
  const sources = (name: string, attribute: string, rel?: string) =>
    elements.flatMap((el) => {
      const value = el.name === name && el.attribs.rel === rel ? getAttributeValue(el, attribute) : undefined;
      return value?.startsWith("/") ? [value] : [];
    });
  // Stylesheets first, then scripts, each in the order the page loads them; files of other sites aside.
  const assets = [...sources("link", "href", "stylesheet"), ...sources("script", "src")];
  const weights = [weigh(path.relative(outputDir, htmlFile), html)];
  for (const asset of assets) weights.push(weigh(asset.slice(1), await readFile(path.join(outputDir, asset))));
  return weights;
}

function weigh(file: string, bytes: Buffer): Weight {
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes).length,
  };
}
