import type { PageInput } from "../../src/book/library.js";
import { urlForFile } from "../../src/book/library.js";
import type { FrontMatter } from "../../src/book/schema.js";

/** A valid book home page for model tests. */
export function home(slug: string, title = `Book ${slug}`): PageInput {
  return page(`pages/${slug}.md`, { title });
}

/** A valid chapter page for model tests. */
export function chapter(book: string, number: number, file = `pages/${book}-chapter-${number}.md`): PageInput {
  return page(file, { title: `${book} ${number}`, book, chapter: number });
}

/** A page with the given front matter on top of valid defaults. */
export function page(file: string, data: Partial<FrontMatter>): PageInput {
  return {
    file,
    url: urlForFile(file),
    data: { title: "T", description: "D", layout: "custom", draft: false, ...data },
    lines: { title: 2, book: 4, chapter: 5 },
  };
}
