import { parseFrontMatter, splitFrontMatter, type FrontMatterText, type ParsedFrontMatter } from "./front-matter.js";

/** A content file's front matter as read once, from the text between its `---` lines. */
export interface FrontMatterRecord {
  /** The text Eleventy found between the `---` lines, as it found it. */
  text: string;
  /** The YAML, where it starts in the file, and the 0-based line the body starts at. */
  block: FrontMatterText;
  /** What the YAML says, each key at its line and column, and its problems. */
  parsed: ParsedFrontMatter;
}

/**
 * Reads front matter as Eleventy hands it (the text after the opening `---`, up to the closing
 * one), the one parse a build makes of it: line numbers are the file's, and the body starts on the
 * line after the closing `---`. Undefined when the text does not read as a block of ours (an
 * opening line such as `---yaml`): the file is then read whole, from disk.
 */
export function readFrontMatter(file: string, text: string): FrontMatterRecord | undefined {
  const { block } = splitFrontMatter(file, `---${text}\n---\n`.replace(/\r\n?/g, "\n"));
  return block && { text, block, parsed: parseFrontMatter(file, block.yaml, block.firstLine) };
}
