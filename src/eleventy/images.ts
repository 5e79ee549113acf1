import { existsSync } from "node:fs";
import path from "node:path";
import { isExternal } from "../book/links.js";

/** A posthtml tree, as far as this module walks it. */
interface Tree {
  match(pattern: { tag: string }, visit: (node: ImageNode) => ImageNode): void;
}
interface ImageNode {
  attrs?: Record<string, string | undefined>;
}

/**
 * A posthtml plugin that leaves images whose file does not exist to the link check, which names
 * the Markdown file and the path as written, instead of letting the image pipeline fail on them.
 */
export function skipMissingImages(inputDir: string) {
  return (context: { page: { inputPath: string } }) => (tree: Tree) => {
    tree.match({ tag: "img" }, (node) => {
      const src = node.attrs?.src;
      if (!src || src.startsWith("data:") || isExternal(src)) return node;
      const file = decodeURI(src.split(/[?#]/)[0]);
      const onDisk = file.startsWith("/")
        ? path.join(inputDir, file)
        : path.join(path.dirname(context.page.inputPath), file);
      if (!existsSync(onDisk)) node.attrs!["eleventy:ignore"] = "";
      return node;
    });
    return tree;
  };
}
