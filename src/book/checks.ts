import { aliasProblems } from "./aliases.js";
import { structureProblems, type Library, type PageInput } from "./library.js";
import { fileNameProblem, misplacedPageProblem } from "./file-names.js";
import { checkLinks, type BuiltPage } from "./links.js";
import { resolveRelativeUrl } from "./urls.js";
import {
  altTextProblems,
  headingProblems,
  fenceProblems,
  htmlProblems,
  nestingProblems,
  placeholderTextProblems,
  urlProblems,
} from "./page-content.js";
import type { BadByte } from "./characters.js";
import {
  authorPlaceProblems,
  badByteProblem,
  bodyCharacterProblems,
  emptyChapterProblems,
  frontMatterProblems,
  homeLayoutProblems,
  placeholderDescriptionProblems,
  type PageFile,
} from "./page.js";
import type { Problem } from "./problem.js";

/** What the content checks look at: every file as read, the pages the library holds, and the library. */
export interface ContentFacts {
  /** Every content file as read, valid or not, drafts included. */
  files: readonly PageFile[];
  /** The pages the library was built from: valid front matter, drafts only where they are published. */
  pages: readonly PageInput[];
  library: Library;
  /** Categories the site allows. */
  categories: readonly string[];
  /** Drafts left out of the build: the URL each would have, and its file. */
  drafts?: ReadonlyMap<string, string>;
  /** Content files that are not UTF-8, each with its first byte that is not. */
  badBytes?: ReadonlyMap<string, BadByte>;
}

/** What the site checks look at, once every page and output is written. */
export interface SiteFacts extends ContentFacts {
  /** Every page as rendered: its links as written and as resolved, and its ids. */
  built: readonly BuiltPage[];
  /** Every URL path the site serves (`/images/x.svg`, `/pages/a/index.html`), renderers' files included. */
  served: ReadonlySet<string>;
  /** Pictures whose copies for the pages could not be made, by decoded site path: what is wrong, and the fix. */
  failedPictures?: ReadonlyMap<string, { message: string; fix: string }>;
}

/**
 * One named check. A `content` check runs on what the sources say, before anything is rendered;
 * a `site` check runs on the finished site. Each is a pure function that returns problems.
 */
export type Check =
  | { name: string; about: string; stage: "content"; run: (facts: ContentFacts) => Problem[] }
  | { name: string; about: string; stage: "site"; run: (facts: SiteFacts) => Problem[] };

/** Every check a build runs, in the order their problems are gathered. Add a check here. */
export const CHECKS: readonly Check[] = [
  {
    name: "front-matter",
    about: "front matter is YAML and follows the schema: known keys, allowed values, required fields",
    stage: "content",
    run: ({ files, categories }) => files.flatMap((file) => frontMatterProblems(file, categories)),
  },
  {
    name: "encoding",
    about: "every content file is UTF-8 text",
    stage: "content",
    run: ({ badBytes }) => [...(badBytes ?? [])].map(([file, bad]) => badByteProblem(file, bad)),
  },
  {
    name: "characters",
    about: "no page holds a control character or another character that is not text, which XML cannot hold",
    stage: "content",
    run: ({ files }) => files.flatMap(bodyCharacterProblems),
  },
  {
    name: "empty-chapters",
    about: "every published chapter has text after its front matter",
    stage: "content",
    run: ({ files }) => files.flatMap(emptyChapterProblems),
  },
  {
    name: "file-names",
    about:
      "every page is a file directly in pages/ (or index.md), whose name makes a clean URL: no #, ?, %, spaces or other punctuation",
    stage: "content",
    run: ({ files }) => files.flatMap((file) => misplacedPageProblem(file.file) ?? fileNameProblem(file.file) ?? []),
  },
  {
    name: "home-layout",
    about: "only index.md uses the home layout",
    stage: "content",
    run: ({ files }) => files.flatMap(homeLayoutProblems),
  },
  {
    name: "author",
    about: "only a book's home page names the book's author",
    stage: "content",
    run: ({ files }) => files.flatMap(authorPlaceProblems),
  },
  {
    name: "structure",
    about: "every chapter names a book that exists, is published and has a number no other chapter of its book has",
    stage: "content",
    run: ({ files, pages, library, drafts }) =>
      structureProblems(pages, library, {
        drafts: new Set(drafts?.values()),
        unread: new Set(files.filter((file) => !file.page).map((file) => file.file)),
      }),
  },
  {
    name: "aliases",
    about: "no alias (an old URL in `aliases`) is the URL of a page or an alias of another page",
    stage: "content",
    run: ({ pages }) => aliasProblems(pages),
  },
  {
    name: "urls",
    about: "only site paths and http, https, mailto and tel addresses are published, in Markdown and raw HTML",
    stage: "site",
    run: ({ built, pages, files }) => withHeaderImages(built, pages, files).flatMap(urlProblems),
  },
  {
    name: "links",
    about:
      "every link reaches a published page or file of the site, not a page's old URL, and every #fragment an id on its page",
    stage: "site",
    run: ({ built, served, drafts, library }) =>
      checkLinks(built, served, { which: (link) => link.tag !== "img", drafts, redirects: library.redirects }),
  },
  {
    name: "images",
    about: "every image, in the text or the header, is a file of the site",
    stage: "site",
    run: ({ built, served, pages, files, drafts }) =>
      checkLinks(withHeaderImages(built, pages, files), served, { which: (link) => link.tag === "img", drafts }),
  },
  {
    name: "pictures",
    about:
      "every picture, in the text or the header, can be made into the copies pages show (under the pixel limit, readable)",
    stage: "site",
    run: ({ built, pages, files, failedPictures }) =>
      failedPictures?.size
        ? withHeaderImages(built, pages, files).flatMap((page) => pictureProblems(page, failedPictures))
        : [],
  },
  {
    name: "alt-text",
    about: "every Markdown image says what it shows",
    stage: "site",
    run: ({ built }) => built.flatMap(altTextProblems),
  },
  {
    name: "raw-html",
    about:
      "raw HTML uses only the allowed elements and attributes, none of which can run script, reads as browsers read it, and takes no id of the layout",
    stage: "site",
    run: ({ built }) => built.flatMap(htmlProblems),
  },
  {
    name: "code-languages",
    about: "every code block names a plain language, or none",
    stage: "site",
    run: ({ built }) => built.flatMap(fenceProblems),
  },
  {
    name: "headings",
    about: "the title is the page's only level-1 heading",
    stage: "site",
    run: ({ built }) => built.flatMap(headingProblems),
  },
  {
    name: "nesting",
    about: "no Markdown is nested deeper than the parser reads, so none is dropped",
    stage: "site",
    run: ({ built }) => built.flatMap(nestingProblems),
  },
  {
    name: "placeholders",
    about: "a published page keeps none of the text npm run new wrote",
    stage: "site",
    run: ({ files, built }) => [
      ...files.flatMap(placeholderDescriptionProblems),
      ...built.flatMap(placeholderTextProblems),
    ],
  },
];

/** Runs the checks of the content stage. */
export function runContentChecks(facts: ContentFacts, checks: readonly Check[] = CHECKS): Problem[] {
  return checks.flatMap((check) => (check.stage === "content" ? check.run(facts) : []));
}

/** Runs the checks of the site stage. */
export function runSiteChecks(facts: SiteFacts, checks: readonly Check[] = CHECKS): Problem[] {
  return checks.flatMap((check) => (check.stage === "site" ? check.run(facts) : []));
}

/** Each use of a picture that could not be made, at its place in the page that uses it. */
function pictureProblems(page: BuiltPage, failed: ReadonlyMap<string, { message: string; fix: string }>): Problem[] {
  return page.links.flatMap((link) => {
    const failure = link.tag === "img" ? failed.get(decodedPath(link.url)) : undefined;
    return failure
      ? [
          {
            file: page.file,
            line: link.line,
            column: link.column,
            field: "image",
            message: `"${link.written}" ${failure.message}`,
            fix: failure.fix,
          },
        ]
      : [];
  });
}

/** A URL's path, decoded, without query or fragment. */
function decodedPath(url: string): string {
  const path = url.split(/[?#]/)[0];
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Built pages with their front matter `image` added to their links, as a picture of the page. */
function withHeaderImages(
  built: readonly BuiltPage[],
  pages: readonly PageInput[],
  files: readonly PageFile[],
): BuiltPage[] {
  const images = new Map(pages.flatMap((page) => (page.data.image ? [[page.url, page.data.image] as const] : [])));
  const lines = new Map(pages.map((page) => [page.url, page.lines.image]));
  const columns = new Map(files.map((file) => [file.file, file.columns?.image]));
  return built.map((page) => {
    const image = images.get(page.url);
    if (image === undefined) return page;
    return {
      ...page,
      links: [
        ...page.links,
        {
          url: resolveRelativeUrl(image, page.file),
          written: image,
          tag: "img",
          line: lines.get(page.url),
          column: columns.get(page.file),
        },
      ],
    };
  });
}
