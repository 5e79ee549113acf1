import path from "node:path";

/** Path of an input file relative to the content root, with `/` separators. */
export function toContentPath(inputDir: string, inputPath: string): string {
  return path.relative(inputDir, inputPath).split(path.sep).join("/");
}
