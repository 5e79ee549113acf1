import { expect, it } from "vitest";
import { describeInBrowser, useBrowserSite } from "../helpers/browser.js";

/** Relative luminance of an `rgb(...)` colour, enough to tell dark text from light. */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

describeInBrowser("a book's print page, printed", () => {
  const browser = useBrowserSite();

  it("prints dark text on white from the dark theme, a title page of its own, pictures whole and undimmed", async () => {
    const { page, context } = await browser.open("/pages/okr/print/", { colorScheme: "dark" });
    try {
      await page.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"));
      await page.emulateMedia({ media: "print", colorScheme: "dark" });
      const printed = await page.evaluate(() => {
        const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
        return {
          // Body text, and the softer text of each chapter's description.
          text: [style(".print-book__content p").color, style(".print-book__chapter .lede").color],
          background: style("body").backgroundColor,
          breaks: [...document.querySelectorAll(".print-book__chapter")].map((s) => getComputedStyle(s).breakBefore),
          titlePage: style(".print-book__title-page").breakAfter,
          filters: [...document.querySelectorAll(".print-book img")].map((img) => getComputedStyle(img).filter),
          contentsShown: style(".print-book__toc").display,
          hidden: [".site-header", ".print-book__hint", ".site-footer"].map((s) => style(s).display),
          images: [...document.querySelectorAll(".print-book img")].map((img) => getComputedStyle(img).breakInside),
        };
      });
      for (const color of printed.text) expect(luminance(color)).toBeLessThan(0.45);
      expect(luminance(printed.background)).toBeGreaterThan(0.95);
      // Chapters follow one another: none is forced onto a new page, which left pages nearly empty.
      expect(printed.breaks.length).toBeGreaterThan(0);
      expect(new Set(printed.breaks)).toEqual(new Set(["auto"]));
      expect(printed.titlePage).toBe("page");
      // Paper has no dark theme: no picture is dimmed as it is on a dark screen.
      expect(printed.filters.length).toBeGreaterThan(0);
      expect(new Set(printed.filters)).toEqual(new Set(["none"]));
      expect(printed.contentsShown).toBe("block");
      expect(printed.hidden).toEqual(["none", "none", "none"]);
      for (const value of printed.images) expect(value).toBe("avoid");

      // A4 pages: the title page with the contents, then the rest.
      const pdf = Buffer.from(await page.pdf({ format: "A4" })).toString("latin1");
      const pages = pdf.match(/\/Type\s*\/Page\b/g)?.length ?? 0;
      expect(pages).toBeGreaterThanOrEqual(2);
    } finally {
      await context.close();
    }
  });

  it("shows where an external link leads, on paper", async () => {
    const { page, context } = await browser.open("/pages/okr/print/");
    try {
      await page.emulateMedia({ media: "print" });
      const after = await page.evaluate(() => {
        const content = document.querySelector(".print-book__content")!;
        const outside = Object.assign(document.createElement("a"), {
          href: "https://example.org/okrs",
          textContent: "elsewhere",
        });
        const inside = Object.assign(document.createElement("a"), { href: "/pages/okr/", textContent: "the book" });
        content.append(outside, inside);
        return [outside, inside].map((a) => getComputedStyle(a, "::after").content);
      });
      expect(after).toEqual(['" (https://example.org/okrs)"', "none"]);
    } finally {
      await context.close();
    }
  });
});

describeInBrowser("a short book's print page, printed", () => {
  const browser = useBrowserSite("epub-book");

  it("prints the introduction and three short chapters one after another, not each on a page of its own", async () => {
    const { page, context, problems } = await browser.open("/pages/tea/print/", { colorScheme: "dark" });
    try {
      await page.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"));
      // On a dark screen the pictures are dimmed; printed, they are not.
      const screen = await page.evaluate(() =>
        [...document.querySelectorAll(".print-book__image img")].map((img) => getComputedStyle(img).filter),
      );
      expect(screen).toHaveLength(2);
      for (const filter of screen) expect(filter).not.toBe("none");
      await page.emulateMedia({ media: "print", colorScheme: "dark" });
      const printed = await page.evaluate(() =>
        [...document.querySelectorAll(".print-book__image img")].map((img) => getComputedStyle(img).filter),
      );
      expect(printed).toEqual(["none", "none"]);
      // Every picture loaded before printing: none waits to be scrolled to.
      await page.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0));
      const pdf = Buffer.from(await page.pdf({ format: "A4" })).toString("latin1");
      const pages = pdf.match(/\/Type\s*\/Page\b/g)?.length ?? 0;
      // A new page for each would take at least five: the title page, the introduction and three chapters.
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(pages).toBeLessThanOrEqual(4);
      expect(problems).toEqual({ errors: [], csp: [] });
    } finally {
      await context.close();
    }
  });
});
