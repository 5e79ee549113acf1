import { expect, it } from "vitest";
import { describeInBrowser, useBrowserSite } from "../helpers/browser.js";

/** Relative luminance of an `rgb(...)` colour, enough to tell dark text from light. */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

describeInBrowser("a book's print page, printed", () => {
  const browser = useBrowserSite();

  it("prints dark text on white from the dark theme, every chapter from a new page, pictures whole", async () => {
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
          contentsShown: style(".print-book__toc").display,
          hidden: [".site-header", ".print-book__hint", ".site-footer"].map((s) => style(s).display),
          images: [...document.querySelectorAll(".print-book img")].map((img) => getComputedStyle(img).breakInside),
        };
      });
      for (const color of printed.text) expect(luminance(color)).toBeLessThan(0.45);
      expect(luminance(printed.background)).toBeGreaterThan(0.95);
      expect(printed.breaks.length).toBeGreaterThan(0);
      expect(new Set(printed.breaks)).toEqual(new Set(["page"]));
      expect(printed.contentsShown).toBe("block");
      expect(printed.hidden).toEqual(["none", "none", "none"]);
      for (const value of printed.images) expect(value).toBe("avoid");

      // A4 pages: the title page with the contents, then at least one page per chapter.
      const pdf = Buffer.from(await page.pdf({ format: "A4" })).toString("latin1");
      const pages = pdf.match(/\/Type\s*\/Page\b/g)?.length ?? 0;
      expect(pages).toBeGreaterThanOrEqual(printed.breaks.length + 1);
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
