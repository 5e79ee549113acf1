import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

/** Hugo's version line when `hugo` is on the PATH, else undefined. */
export function hugoVersion(): string | undefined {
  try {
    return execFileSync("hugo", ["version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

/**
 * Writes a minimal Hugo site into `dir` that builds the same library as the benchmark's other builders:
 * the library's Markdown as content, its images as static files, one layout with the page, its book's
 * prev/next and a book's chapter list. The library's index.md is left out: at the top of Hugo's content
 * it would make the whole library one page bundle; Hugo's own home page stands in for it. A book is a taxonomy term, so each book's chapters are grouped
 * once per build, not searched per page.
 */
export async function writeHugoSite(dir: string, library: string): Promise<void> {
  await mkdir(path.join(dir, "layouts", "_default"), { recursive: true });
  await mkdir(path.join(dir, "layouts", "partials"), { recursive: true });
  const config = `baseURL = "https://example.org/"
title = "Synthetic library"
[taxonomies]
book = "book"
[markup.goldmark.renderer]
unsafe = false
[module]
[[module.mounts]]
source = ${JSON.stringify(library)}
target = "content"
includeFiles = ["pages/**"]
[[module.mounts]]
source = ${JSON.stringify(path.join(library, "images"))}
target = "static/images"
`;
  await writeFile(path.join(dir, "hugo.toml"), config);
  await writeFile(path.join(dir, "layouts", "_default", "baseof.html"), BASE);
  await writeFile(path.join(dir, "layouts", "_default", "single.html"), SINGLE);
  await writeFile(path.join(dir, "layouts", "_default", "list.html"), LIST);
  await writeFile(path.join(dir, "layouts", "partials", "nav.html"), NAV);
}

const BASE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{{ .Title }}</title>
  <meta name="description" content="{{ .Params.description }}">
</head>
<body>
  <main>
    <h1>{{ .Title }}</h1>
    <p>{{ .Params.description }}</p>
    {{ block "main" . }}{{ end }}
  </main>
</body>
</html>
`;

// Hugo's Pages.Next returns the item before the page in the collection, Pages.Prev the one after it:
// in a book sorted by chapter number, the reading order's next chapter is ".Prev".
const SINGLE = `{{ define "main" }}
{{- $page := . }}
{{- with .Params.book }}
{{- $chapters := (index $.Site.Taxonomies.book (lower .)).Pages.ByParam "chapter" }}
{{- $previous := $chapters.Next $page }}
{{- $next := $chapters.Prev $page }}
{{- $nav := partial "nav.html" (dict "previous" $previous "next" $next) }}
{{- $nav }}
{{ $page.Content }}
{{- $nav }}
{{- else }}
{{ .Content }}
{{- with index $.Site.Taxonomies.book (lower .File.ContentBaseName) }}
<ol>
  {{- range .Pages.ByParam "chapter" }}
  <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
  {{- end }}
</ol>
{{- end }}
{{- end }}
{{ end }}
`;

const LIST = `{{ define "main" }}{{ .Content }}{{ end }}
`;

const NAV = `<nav>
  {{- with .previous }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
  {{- with .next }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
`;
