import { bookSlugForFile, servedFile, type PageInput, type Redirect } from "./library.js";
import { valueLine, type Problem } from "./problem.js";
import { siteOwnUrl } from "./site-urls.js";

/** An alias as a page lists it, with where it is written. */
interface Listed {
  alias: string;
  page: PageInput;
  line?: number;
  column?: number;
}

/** Every alias of every page, pages in file order, each alias in the order written. */
function listed(pages: readonly PageInput[]): Listed[] {
  return [...pages]
    .sort((a, b) => a.file.localeCompare(b.file))
    .flatMap((page) =>
      (page.data.aliases ?? []).map((alias, i) => ({
        alias,
        page,
        line: valueLine(page.lines, ["aliases", i]),
        column: valueLine(page.columns ?? {}, ["aliases", i]),
      })),
    );
}

/** The books the pages make, as the site's own URLs need them: each top-level page without `book`. */
export function bookPlaces(pages: readonly PageInput[]): { slug: string; url: string }[] {
  return pages.flatMap((page) => {
    const slug = bookSlugForFile(page.file);
    return slug !== undefined && page.data.book === undefined ? [{ slug, url: page.url }] : [];
  });
}

/**
 * Sorts aliases into those that may redirect (the first claim on a URL no page holds and the site
 * does not write for itself) and the problems of the others. An alias written as `/old/index.html`
 * redirects from `/old/`: the redirect page is that file either way.
 */
function sortAliases(pages: readonly PageInput[]): { redirects: Redirect[]; problems: Problem[] } {
  const pageAt = new Map(pages.map((page) => [servedFile(page.url), page]));
  const books = bookPlaces(pages);
  const claimed = new Map<string, Redirect>();
  const problems: Problem[] = [];
  for (const { alias, page, line, column } of listed(pages)) {
    const where = { file: page.file, line, column, field: "aliases" };
    const target = pageAt.get(servedFile(alias));
    const earlier = claimed.get(servedFile(alias));
    const own = siteOwnUrl(alias, books);
    if (own) {
      problems.push({
        ...where,
        message: `${alias} is ${own}, which the site writes itself: a redirect there would take its place.`,
        fix: `remove ${alias} from aliases: the site keeps that URL for its own use.`,
      });
    } else if (target === page) {
      problems.push({
        ...where,
        message: `${alias} is this page's own URL, so it cannot also redirect to it.`,
        fix: `remove ${alias} from aliases.`,
      });
    } else if (target) {
      problems.push({
        ...where,
        message: `${alias} is the URL of ${target.file}: a redirect there would hide that page.`,
        fix: `remove ${alias} from aliases, or rename ${target.file} first so that its URL is free.`,
      });
    } else if (earlier) {
      const same = earlier.file === page.file;
      problems.push({
        ...where,
        message: same
          ? `${alias} is listed twice.`
          : `${alias} is also an alias of ${earlier.file}${earlier.line ? ` (line ${earlier.line})` : ""}: an old URL can lead to one page only.`,
        fix: same ? "list it once." : `keep ${alias} in the aliases of one of the two pages.`,
      });
    } else {
      const from = alias.replace(/\/index\.html$/, "/");
      claimed.set(servedFile(alias), { from, to: page.url, title: page.data.title, file: page.file, line });
    }
  }
  return { redirects: [...claimed.values()].sort((a, b) => a.from.localeCompare(b.from)), problems };
}

/** The redirect pages the pages' `aliases` ask for, in URL order; an alias that collides gets none. */
export function aliasRedirects(pages: readonly PageInput[]): Redirect[] {
  return sortAliases(pages).redirects;
}

/**
 * The alias check: an alias that is the URL of a page or of a file the site writes for itself, or
 * that another alias claimed first, is a problem at its line.
 */
export function aliasProblems(pages: readonly PageInput[]): Problem[] {
  return sortAliases(pages).problems;
}
