// A chapter's table of contents: open beside the text on wide screens, folded above it on narrower
// ones, with the entry of the section being read marked.

/** The widths at which the table of contents stands beside the text. */
const BESIDE_TEXT = "(min-width: 80rem)";

/** Opens the table of contents when it stands beside the text, folds it when it stands above. */
export function foldTableOfContents(toc: HTMLElement): void {
  if (toc instanceof HTMLDetailsElement) toc.open = matchMedia(BESIDE_TEXT).matches;
}

/** Beside the text the table of contents stays open; above it, on narrower screens, it folds, as the window changes. */
export function setUpTableOfContents(): void {
  const toc = document.querySelector<HTMLDetailsElement>(".layout--chapter details.toc");
  if (!toc) return;
  const besideText = matchMedia(BESIDE_TEXT);
  const fitToWidth = () => {
    toc.open = besideText.matches;
  };
  fitToWidth();
  besideText.addEventListener("change", fitToWidth);
}

/** The id a `#fragment` names, decoded; undefined for none, or one that does not decode. */
export function fragmentId(hash: string): string | undefined {
  if (!hash.startsWith("#") || hash.length === 1) return undefined;
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return undefined;
  }
}

/**
 * How far down the window (in pixels from its top) a heading must have come for its section to be
 * the one being read: the upper third, or, at the end of the page, anywhere in view.
 */
export function readingLine(window: { innerHeight: number; scrollY: number }, pageHeight: number): number {
  const atEnd = window.innerHeight + window.scrollY >= pageHeight - 2;
  return atEnd ? window.innerHeight : window.innerHeight / 3;
}

/** The last of the headings (by their tops, in page order) that has reached the line; -1 for none. */
export function lastReached(tops: readonly number[], line: number): number {
  let current = -1;
  tops.forEach((top, i) => {
    if (top <= line) current = i;
  });
  return current;
}

/**
 * Marks the table of contents entry of the section being read: the last heading that has reached
 * the upper third of the window, or at the end of the page the last heading in view. After a jump
 * to a place on the page (a footnote, a link, the address's #), the section that place is in, until
 * the reader scrolls on. Worked out again after every scroll, so End or a jump never leaves an old mark.
 */
export function setUpSectionTracking(): void {
  const links = new Map<string, Element>();
  for (const a of document.querySelectorAll(".layout--chapter .toc a[href^='#']")) {
    const id = fragmentId(a.getAttribute("href") ?? "");
    if (id !== undefined) links.set(id, a);
  }
  const headings = [...links.keys()].flatMap((id) => document.getElementById(id) ?? []);
  if (headings.length === 0) return;
  let queued = false;
  let jumped: { to: HTMLElement; y?: number } | undefined;
  const target = () => {
    const id = fragmentId(location.hash);
    return id === undefined ? null : document.getElementById(id);
  };
  const mark = () => {
    queued = false;
    let current: HTMLElement | undefined;
    if (jumped && jumped.y === undefined) jumped.y = window.scrollY;
    if (jumped && Math.abs(window.scrollY - (jumped.y ?? 0)) < 4) {
      const to = jumped.to;
      for (const heading of headings)
        if (heading === to || heading.compareDocumentPosition(to) & Node.DOCUMENT_POSITION_FOLLOWING) current = heading;
    } else {
      jumped = undefined;
      const line = readingLine(window, document.documentElement.scrollHeight);
      current =
        headings[
          lastReached(
            headings.map((heading) => heading.getBoundingClientRect().top),
            line,
          )
        ];
    }
    for (const [id, a] of links) {
      if (current && id === current.id) a.setAttribute("aria-current", "location");
      else a.removeAttribute("aria-current");
    }
  };
  const queue = () => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(mark);
    }
  };
  const jump = () => {
    const to = target();
    jumped = to ? { to } : undefined;
    queue();
  };
  window.addEventListener("scroll", queue, { passive: true });
  window.addEventListener("resize", queue, { passive: true });
  window.addEventListener("hashchange", jump);
  jump();
}
