/** The file a URL is served from, inside a built `_site/`. */
export function fileForUrl(url: string): string {
  const clean = decodeURI(url.split(/[?#]/)[0]);
  return clean.endsWith("/") ? `${clean}index.html` : clean;
}
