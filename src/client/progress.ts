// A reader's progress through each book, kept in this browser only (localStorage): the chapters
// read, where they stopped, and which version of each chapter they last read.

/** A chapter as progress names it: its address, its title, and its position in its book. */
export interface Place {
  url: string;
  title: string;
  position?: number;
}

/** A reader's progress through one book. */
export interface Progress {
  /** The chapters read to their end, by address. */
  read: string[];
  /** Where to continue: the chapter the reader is at, or the next one once it is read. */
  at?: Place;
  /** Which version of each chapter the reader last read: the date it last changed, as its page said. */
  seen: Record<string, string>;
}

/**
 * True for a chapter's address as progress stores it, taken from the site's own links: a path of
 * plain segments (letters, digits, `.`, `_`, `-`), never another site, a backslash or a control character.
 */
export function isSiteUrl(url: unknown): url is string {
  return typeof url === "string" && /^(?:\/(?!\.{1,2}\/)[\p{L}\p{N}._-]+)+\/$/u.test(url) && url.length < 500;
}

/** The fields of a stored value, or none when it is not an object. */
function fields(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? Object.fromEntries(Object.entries(value)) : {};
}

/** Progress read from its stored JSON text, keeping only what a site's own page could have stored. */
export function parseProgress(text: string | null): Progress {
  try {
    const value = fields(JSON.parse(text ?? "{}"));
    const read = Array.isArray(value.read) ? value.read.filter(isSiteUrl) : [];
    const at = fields(value.at);
    const seen: Record<string, string> = {};
    for (const [url, version] of Object.entries(fields(value.seen)))
      if (isSiteUrl(url) && typeof version === "string" && !Number.isNaN(Date.parse(version))) seen[url] = version;
    if (!isSiteUrl(at.url)) return { read, seen };
    return {
      read,
      at: { url: at.url, title: String(at.title ?? ""), position: Number(at.position) || undefined },
      seen,
    };
  } catch {
    return { read: [], seen: {} };
  }
}

/** Where one book's progress is stored. */
export function progressKey(book: string): string {
  return `minibooks-progress:${book}`;
}

/** The reader's progress through a book; none when storage is off. */
export function loadProgress(book: string): Progress {
  try {
    return parseProgress(localStorage.getItem(progressKey(book)));
  } catch {
    return { read: [], seen: {} };
  }
}

/** Keeps the reader's progress through a book. */
export function saveProgress(book: string, progress: Progress): void {
  try {
    localStorage.setItem(progressKey(book), JSON.stringify(progress));
  } catch {
    // Storage can be off or full; progress is then not kept.
  }
}

/** Forgets the reader's progress through a book. */
export function forgetProgress(book: string): void {
  try {
    localStorage.removeItem(progressKey(book));
  } catch {
    // Nothing was kept.
  }
}

/** True when a chapter changed after the version of it the reader last read. */
export function changedSince(progress: Progress, url: string, updated: string | undefined): boolean {
  const seen = progress.seen[url];
  return Boolean(seen && updated && Date.parse(updated) > Date.parse(seen));
}
