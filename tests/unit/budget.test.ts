import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageWeight } from "../../src/site/budget.js";

describe("pageWeight", () => {
  let site: string;
  const html = [
    "<!doctype html><html><head>",
    '<link rel="stylesheet" href="/assets/site.css">',
    '<link rel="icon" href="/favicon.svg">',
    '<link rel="stylesheet" href="https://fonts.example.org/a.css">',
    '<script src="/assets/site.js" type="module"></script>',
    "<script>/* inline */</script>",
    '</head><body><link rel="stylesheet" href="/assets/print.css"><p>Words.</p></body></html>',
  ].join("\n");

  beforeAll(async () => {
    site = await mkdtemp(path.join(tmpdir(), "minibooks-budget-unit-"));
    await mkdir(path.join(site, "pages/a"), { recursive: true });
    await mkdir(path.join(site, "assets"));
    await writeFile(path.join(site, "pages/a/index.html"), html);
    await writeFile(path.join(site, "assets/site.css"), "body { color: black; }\n".repeat(40));
    await writeFile(path.join(site, "assets/print.css"), "p { margin: 0; }\n");
    await writeFile(path.join(site, "assets/site.js"), "console.log(1);\n");
  });
  afterAll(() => rm(site, { recursive: true, force: true }));

  it("weighs the page and the site's own stylesheets, then its scripts, in the order the page loads them", async () => {
    const weights = await pageWeight(site, "/pages/a/");
    expect(weights.map((weight) => weight.file)).toEqual([
      path.join("pages", "a", "index.html"),
      "assets/site.css",
      "assets/print.css",
      "assets/site.js",
    ]);
  });

  it("gives each file's size raw, and compressed with gzip and brotli", async () => {
    const [page, css] = await pageWeight(site, "/pages/a/");
    expect(page.raw).toBe(Buffer.byteLength(html));
    expect(page.gzip).toBe(gzipSync(html, { level: 9 }).length);
    expect(css.raw).toBe(23 * 40);
    expect(css.gzip).toBeLessThan(css.raw);
    expect(css.brotli).toBeLessThan(css.raw);
  });
});
