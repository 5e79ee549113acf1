// Work done on elements as the parser reaches them, before the browser first paints them, so the
// page never moves or flashes for what a script changes.

/** A selector and what is done, once, to each element it matches. */
export type Step = readonly [selector: string, step: (element: HTMLElement) => void];

/** True once the parser has gone past an element's end tag: something follows it or an ancestor. */
function parsed(element: Node): boolean {
  for (let node: Node | null = element; node; node = node.parentNode) if (node.nextSibling) return true;
  return false;
}

/**
 * Runs each step on every element its selector matches, once, as soon as the parser has passed the
 * element's end (mutation callbacks run before the browser paints what the parser added), and on
 * what is left once the document is parsed.
 */
export function whenParsed(root: HTMLElement, steps: readonly Step[]): void {
  const done = new WeakSet<Element>();
  const run = (all: boolean) => {
    for (const [selector, step] of steps) {
      for (const element of document.querySelectorAll<HTMLElement>(selector)) {
        if (done.has(element) || !(all || parsed(element))) continue;
        done.add(element);
        step(element);
      }
    }
  };
  const observer = new MutationObserver(() => run(false));
  observer.observe(root, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => {
    observer.disconnect();
    run(true);
  });
}
