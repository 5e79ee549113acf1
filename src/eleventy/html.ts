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
