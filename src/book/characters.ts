import type { Place } from "./page-content.js";

/**
 * Characters that are not text: the C0 controls but tab, line feed and carriage return, DEL and
 * the C1 controls, half of a surrogate pair on its own, and U+FFFE and U+FFFF. XML cannot hold most
 * of them, so one in a page would make its feed entry and its EPUB chapter unreadable.
 */
const CONTROL_CHARACTER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The usual short names of the C0 controls, by code (tab, line feed and carriage return are text). */
const C0_NAMES = [
  "NUL",
  "SOH",
  "STX",
  "ETX",
  "EOT",
  "ENQ",
  "ACK",
  "BEL",
  "BS",
  "",
  "",
  "VT",
  "FF",
  "",
  "SO",
  "SI",
  "DLE",
  "DC1",
  "DC2",
  "DC3",
  "DC4",
  "NAK",
  "SYN",
  "ETB",
  "CAN",
  "EM",
  "SUB",
  "ESC",
  "FS",
  "GS",
  "RS",
  "US",
];

/** True when a text holds a character that is not text (see `controlCharacters`). */
export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

/** A character that is not text, where it stands in a text: its 0-based index and its code. */
export interface FoundCharacter {
  index: number;
  code: number;
}

/**
 * The first character that is not text on each line of a text that has one, in order, in time
 * linear in the text: a control character other than tab, line feed and carriage return, an
 * unpaired surrogate, U+FFFE or U+FFFF.
 */
export function controlCharacters(text: string): FoundCharacter[] {
  const found: FoundCharacter[] = [];
  const pattern = new RegExp(CONTROL_CHARACTER.source, "g");
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    found.push({ index: match.index, code: match[0].charCodeAt(0) });
    const end = text.indexOf("\n", match.index);
    if (end === -1) break;
    pattern.lastIndex = end;
  }
  return found;
}

/** A character that is not text, named for a message: `U+0007 (BEL)`. */
export function describeCharacter(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  if (code < 0x20) return `${hex} (${C0_NAMES[code]})`;
  if (code === 0x7f) return `${hex} (DEL)`;
  if (code >= 0xd800 && code <= 0xdfff) return `${hex} (half of a surrogate pair, without its other half)`;
  if (code >= 0xfffe) return `${hex} (not a character)`;
  return `${hex} (a C1 control character)`;
}

/**
 * The 1-based line and column of each index of a text, for indices asked in increasing order:
 * time linear in the text, however many are asked.
 */
export function placesInOrder(text: string, firstLine = 1): (index: number) => Required<Place> {
  let line = firstLine;
  let lineStart = 0;
  let scanned = 0;
  return (index) => {
    for (let i = text.indexOf("\n", scanned); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) {
      line++;
      lineStart = i + 1;
    }
    scanned = Math.max(scanned, index);
    return { line, column: index - lineStart + 1 };
  };
}

/** Where a file's bytes stop being UTF-8: the first byte that is not, its line and column. */
export interface BadByte extends Required<Place> {
  /** The byte itself. */
  byte: number;
}

/**
 * The first byte of a file that is not UTF-8, with its 1-based line and column (columns count
 * characters, a byte order mark at the start not among them); undefined when all of it is UTF-8.
 */
export function firstBadByte(bytes: Uint8Array): BadByte | undefined {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  let offset = 0;
  let line = 1;
  let column = 1;
  for (const character of text) {
    const code = character.codePointAt(0)!;
    const length = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    // A replacement character the file did not spell out in UTF-8 (EF BF BD) stands for a bad byte.
    if (code === 0xfffd && !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd))
      return { line, column, byte: bytes[offset] };
    offset += length;
    if (code === 0x0a) {
      line++;
      column = 1;
    } else if (!(code === 0xfeff && offset === 3)) {
      column += character.length;
    }
  }
  return undefined;
}
