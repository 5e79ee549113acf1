import type { Locator, Page } from "playwright-core";
import sharp from "sharp";
import { expect, it } from "vitest";
import { COLOR_SCHEMES, VIEWPORTS, axeViolations, describeInBrowser, useBrowserSite } from "../helpers/browser.js";

// tests/fixtures/reader-book: "A River Year". Chapter 1 has a wide table and a code block; chapter 2
// has two sections, "Kingfishers" (with a footnote) and "Herons at dusk"; chapter 3 has a picture.
const CHAPTERS = ["/pages/river-chapter-1/", "/pages/river-chapter-2/", "/pages/river-chapter-3/"];

/** The id of the heading whose entry "On this page" marks as current. */
const current = (page: Page) =>
  page.evaluate(() =>
    decodeURIComponent(document.querySelector(".toc a[aria-current]")?.getAttribute("href")?.slice(1) ?? ""),
  );

/** The id of the last heading of the text before an element. */
const sectionOf = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const headings = [...document.querySelectorAll(".content h2[id], .content h3[id]")];
    return headings.filter((h) => h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING).pop()?.id;
  });

/** How far, on average, a band of columns of a picture of an element is from a colour. */
async function bandDistance(element: Locator, side: "left" | "right", ground: number[]) {
  const { data, info } = await sharp(await element.screenshot())
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const band = 6;
  let sum = 0;
  let count = 0;
  for (let y = 0; y < info.height; y++) {
    for (let i = 0; i < band; i++) {
      const x = side === "left" ? 1 + i : info.width - 2 - i;
      const at = (y * info.width + x) * info.channels;
      sum += Math.abs(data[at] - ground[0]) + Math.abs(data[at + 1] - ground[1]) + Math.abs(data[at + 2] - ground[2]);
      count++;
    }
  }
  return sum / count;
}

describeInBrowser("reading aids in the text", () => {
  const browser = useBrowserSite("reader-book");

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`keeps the Copy button off every line of the code (${name})`, async () => {
      const { page, context } = await browser.open(CHAPTERS[0], { viewport });
      try {
        const button = (await page.locator(".copy-button").boundingBox())!;
        const lines = await page.locator(".content pre code").evaluate((code) => {
          const range = document.createRange();
          range.selectNodeContents(code);
          return [...range.getClientRects()].map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height }));
        });
        expect(lines.length).toBeGreaterThan(0);
        const overlapping = lines.filter(
          (r) =>
            r.x < button.x + button.width &&
            button.x < r.x + r.width &&
            r.y < button.y + button.height &&
            button.y < r.y + r.height,
        );
        expect(overlapping, "pieces of code under the Copy button").toEqual([]);
        // The button is on the code block, at its top right.
        const pre = (await page.locator(".content pre").boundingBox())!;
        expect(button.y).toBeGreaterThanOrEqual(pre.y);
        expect(button.x + button.width).toBeLessThanOrEqual(pre.x + pre.width);
        expect(button.y + button.height).toBeLessThanOrEqual(Math.min(...lines.map((r) => r.y)));
      } finally {
        await context.close();
      }
    });
  }

  it("marks the section being read in the contents at the end of the page, at a footnote and its way back", async () => {
    const { page, context, problems } = await browser.open(CHAPTERS[1], { viewport: VIEWPORTS.desktop });
    try {
      await page
        .locator("#kingfishers")
        .evaluate((h) => window.scrollTo(0, h.getBoundingClientRect().top + scrollY - 80));
      await expect.poll(() => current(page)).toBe("kingfishers");
      // To the end of the page and back to the top by script: the key that takes a reader there
      // is not what this test is about, and a busy browser once let such a key pass unscrolled.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await expect
        .poll(() => page.evaluate(() => innerHeight + scrollY >= document.documentElement.scrollHeight - 2))
        .toBe(true);
      await expect.poll(() => current(page), { message: "at the end of the page" }).toBe("herons-at-dusk");

      await page.evaluate(() => window.scrollTo(0, 0));
      await expect.poll(() => page.evaluate(() => scrollY)).toBe(0);
      const ref = page.locator(".content .footnote-ref a").first();
      expect(await sectionOf(page, ".content .footnote-ref")).toBe("kingfishers");
      await ref.click();
      const note = decodeURIComponent((await ref.getAttribute("href"))!.slice(1));
      await expect.poll(() => new URL(page.url()).hash).toBe(`#${note}`);
      await expect
        .poll(() => current(page), { message: "at the footnote" })
        .toBe(await sectionOf(page, `[id="${note}"]`));
      expect(await current(page)).toBe("herons-at-dusk");
      await page.locator(`[id="${note}"] .footnote-backref`).click();
      await expect.poll(() => current(page), { message: "back in the text" }).toBe("kingfishers");
      expect(problems).toEqual({ errors: [], csp: [] });
    } finally {
      await context.close();
    }
  });

  it("never starts a line of the breadcrumb with its ›, and keeps it to one line beside the text", async () => {
    const { page, context } = await browser.open(CHAPTERS[1], { viewport: { width: 320, height: 800 } });
    try {
      // Large text, as a reader who needs it sets it: the steps wrap.
      await page.evaluate(() => document.documentElement.style.setProperty("font-size", "250%"));
      const steps = await page.locator(".breadcrumb li").evaluateAll((items) =>
        items
          .filter((li) => li.getBoundingClientRect().width > 1)
          .map((li) => {
            const a = li.querySelector("a")!;
            const after = getComputedStyle(li, "::after").content;
            return {
              separator: after !== "none" && after !== "normal",
              lineOfLink: Math.round([...a.getClientRects()].pop()!.top),
              lineOfStep: Math.round([...li.getClientRects()].pop()!.top),
              lines: new Set([...li.getClientRects()].map((r) => Math.round(r.top))).size,
            };
          }),
      );
      expect(steps.map((step) => step.separator)).toEqual([true, false]);
      // The step's words wrap; its "›" stays on the line of its last word.
      expect(steps[1].lines, "the book's step wraps at this size").toBeGreaterThan(1);
      for (const step of steps) expect(step.lineOfStep).toBe(step.lineOfLink);

      await page.setViewportSize(VIEWPORTS.desktop);
      await page.evaluate(() => document.documentElement.style.removeProperty("font-size"));
      const lines = await page.locator(".breadcrumb ol").evaluate((ol) => {
        const range = document.createRange();
        range.selectNodeContents(ol);
        return new Set([...range.getClientRects()].filter((r) => r.width > 1).map((r) => Math.round(r.top))).size;
      });
      expect(lines).toBe(1);
    } finally {
      await context.close();
    }
  });

  for (const colorScheme of COLOR_SCHEMES) {
    it(`shows a wide table's hidden side with a shadow on a phone, until it is scrolled there (${colorScheme})`, async () => {
      const { page, context } = await browser.open(CHAPTERS[0], { colorScheme, viewport: VIEWPORTS.phone });
      try {
        const region = page.locator(".content .table-scroll");
        expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
        // Only the region's own ground is looked at: the table's words, lines and cells are made clear.
        await region.evaluate((el) => {
          for (const cell of el.querySelectorAll<HTMLElement>("table, th, td")) {
            cell.style.setProperty("color", "transparent");
            cell.style.setProperty("border-color", "transparent");
            cell.style.setProperty("background", "transparent");
          }
        });
        const ground = await page.evaluate(() =>
          (getComputedStyle(document.body).backgroundColor.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number),
        );
        const start = {
          left: await bandDistance(region, "left", ground),
          right: await bandDistance(region, "right", ground),
        };
        await region.evaluate((el) => el.scrollTo(el.scrollWidth, 0));
        await page.waitForTimeout(100);
        const end = {
          left: await bandDistance(region, "left", ground),
          right: await bandDistance(region, "right", ground),
        };
        expect(start.right, "a shadow where the table goes on").toBeGreaterThan(8);
        expect(start.left, "none on the side already seen").toBeLessThan(2);
        expect(end.left, "once scrolled: a shadow on the left").toBeGreaterThan(8);
        expect(end.right, "and none on the right").toBeLessThan(2);
      } finally {
        await context.close();
      }
    });
  }

  it("opens a picture of the text in the dialog with Enter, and gives focus back", async () => {
    const { page, context, problems } = await browser.open(CHAPTERS[2]);
    try {
      const picture = page.locator(".content img").first();
      expect(await picture.getAttribute("role")).toBe("button");
      expect(await picture.getAttribute("aria-label")).toBe("The river in flood, drawn as bands of blue (enlarge)");
      await picture.focus();
      await page.keyboard.press("Enter");
      const dialog = page.locator("dialog[open]");
      await dialog.waitFor({ state: "visible" });
      expect(await dialog.getAttribute("aria-label")).toBe("The river in flood, drawn as bands of blue");
      // The enlarged picture loads once the dialog opens: it is waited for, not read at once.
      await expect
        .poll(() => dialog.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
        .toBe(true);
      await page.keyboard.press("Escape");
      expect(await page.locator("dialog[open]").count()).toBe(0);
      expect(await picture.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(problems).toEqual({ errors: [], csp: [] });
    } finally {
      await context.close();
    }
  });

  it("shows a picture whole on a phone, larger at full size in a frame that pans, and lets the reader pinch it", async () => {
    const context = await browser.browser.newContext({
      viewport: VIEWPORTS.phone,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    try {
      const page = await context.newPage();
      await page.goto(browser.url(CHAPTERS[2]));
      await page.locator(".content img").first().tap();
      const dialog = page.locator("dialog[open]");
      await dialog.waitFor({ state: "visible" });
      const image = dialog.locator("img");
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete)).toBe(true);
      const fitted = (await image.boundingBox())!;
      const natural = await image.evaluate((img: HTMLImageElement) => img.naturalWidth / img.naturalHeight);
      // Whole and as large as the screen lets it be, in its own proportions.
      expect(fitted.x).toBeGreaterThanOrEqual(0);
      expect(fitted.y).toBeGreaterThanOrEqual(0);
      expect(fitted.x + fitted.width).toBeLessThanOrEqual(VIEWPORTS.phone.width + 0.5);
      expect(fitted.y + fitted.height).toBeLessThanOrEqual(VIEWPORTS.phone.height + 0.5);
      expect(
        Math.max(fitted.width / VIEWPORTS.phone.width, fitted.height / (VIEWPORTS.phone.height - 60)),
      ).toBeGreaterThan(0.97);
      expect(fitted.width / fitted.height).toBeCloseTo(natural, 1);
      // In the middle of the room under the buttons.
      const room = (await dialog.locator(".image-dialog__frame").boundingBox())!;
      expect(Math.abs(fitted.y + fitted.height / 2 - (room.y + room.height / 2))).toBeLessThan(2);

      await dialog.getByRole("button", { name: "Full size" }).tap();
      expect(await dialog.getByRole("button", { name: "Full size" }).getAttribute("aria-pressed")).toBe("true");
      const frame = dialog.locator(".image-dialog__frame");
      const full = (await image.boundingBox())!;
      expect(full.width).toBeGreaterThanOrEqual(2 * fitted.width - 1);
      const panned = await frame.evaluate((el) => {
        el.scrollTo(el.scrollWidth, el.scrollHeight);
        return { left: el.scrollLeft, canPan: el.scrollWidth > el.clientWidth };
      });
      expect(panned.canPan).toBe(true);
      expect(panned.left).toBeGreaterThan(0);
      for (const colorScheme of COLOR_SCHEMES) {
        await page.emulateMedia({ colorScheme });
        const violations = await axeViolations(page);
        expect(violations, `axe with the picture at full size (${colorScheme}):\n${violations.join("\n")}`).toEqual([]);
      }

      // Fingers on the frame may pan and pinch it; a pinch zooms in with the dialog open, as anywhere
      // on the page. (Headless Chromium synthesizes pinches from a touchpad, not a touch screen.)
      // "manipulation" is Chromium's name for "pan-x pan-y pinch-zoom".
      expect(["manipulation", "pan-x pan-y pinch-zoom"]).toContain(
        await frame.evaluate((el) => getComputedStyle(el).touchAction),
      );
      const cdp = await context.newCDPSession(page);
      await cdp.send("Input.synthesizePinchGesture", {
        x: VIEWPORTS.phone.width / 2,
        y: VIEWPORTS.phone.height / 2,
        scaleFactor: 2,
        gestureSourceType: "mouse",
      });
      await expect.poll(() => page.evaluate(() => window.visualViewport?.scale ?? 1)).toBeGreaterThan(1.5);
    } finally {
      await context.close();
    }
  });
});
