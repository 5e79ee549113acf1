import { readdir } from "node:fs/promises";
import path from "node:path";
import { Parser } from "htmlparser2";

/** Every `id`, and every `name` of an `<a>`, in a page: the targets a `#fragment` may name. */
export function collectIds(html: string): Set<string> {
  const ids = new Set<string>();
  const parser = new Parser({
    onopentag(name, attributes) {
      if (attributes.id) ids.add(attributes.id);
      if (name === "a" && attributes.name) ids.add(attributes.name);
    },
  });
  parser.write(html);
  parser.end();
  return ids;
}

/** URL paths of every file under a folder, as served under a URL prefix (`/images/x.svg`). */
export async function listServedFiles(dir: string, prefix: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const relative = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
      return path.posix.join("/", prefix, relative);
    });
}

/** A heading of a page, for its table of contents. */
export interface Heading {
  level: number;
  id: string;
  text: string;
}

/** The h2 and h3 headings that carry an id, in page order. */
export function collectHeadings(html: string): Heading[] {
  const headings: Heading[] = [];
  let current: Heading | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if ((name === "h2" || name === "h3") && attributes.id) {
          current = { level: Number(name[1]), id: attributes.id, text: "" };
        }
      },
      ontext(text) {
        if (current) current.text += text;
      },
      onclosetag(name) {
        if (current && name === `h${current.level}`) {
          headings.push({ ...current, text: current.text.trim() });
          current = undefined;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return headings;
}
