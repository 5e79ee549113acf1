import { readdir } from "node:fs/promises";
import path from "node:path";

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
