import { servedFile, type PageInput, type Redirect } from "./library.js";
import { valueLine, type Problem } from "./problem.js";

/** An alias as a page lists it, with where it is written. */
interface Listed {
  alias: string;
  page: PageInput;
  line?: number;
}

/** Every alias of every page, pages in file order, each alias in the order written. */
function listed(pages: readonly PageInput[]): Listed[] {
  return [...pages]
    .sort((a, b) => a.file.localeCompare(b.file))
    .flatMap((page) =>
      (page.data.aliases ?? []).map((alias, i) => ({ alias, page, line: valueLine(page.lines, ["aliases", i]) })),
    );
}

/**
 * Sorts aliases into those that may redirect (the first claim on a URL no page holds) and the
 * problems of the others.
 */
function sortAliases(pages: readonly PageInput[]): { redirects: Redirect[]; problems: Problem[] } {
  const pageAt = new Map(pages.map((page) => [servedFile(page.url), page]));
  const claimed = new Map<string, Redirect>();
  const problems: Problem[] = [];
  for (const { alias, page, line } of listed(pages)) {
    const where = { file: page.file, line, field: "aliases" };
    const target = pageAt.get(servedFile(alias));
    const earlier = claimed.get(servedFile(alias));
    if (target === page) {
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
      claimed.set(servedFile(alias), { from: alias, to: page.url, title: page.data.title, file: page.file, line });
    }
  }
  return { redirects: [...claimed.values()].sort((a, b) => a.from.localeCompare(b.from)), problems };
}

/** The redirect pages the pages' `aliases` ask for, in URL order; an alias that collides gets none. */
export function aliasRedirects(pages: readonly PageInput[]): Redirect[] {
  return sortAliases(pages).redirects;
}

/**
 * The alias check: an alias that is the URL of a page, or that another alias claimed first, is a
 * problem at its line.
 */
export function aliasProblems(pages: readonly PageInput[]): Problem[] {
  return sortAliases(pages).problems;
}
