import { z } from "zod";
import { site } from "../site-settings.js";

/** How finished a page is, from nearly done to barely started. */
export const STATUSES = ["green", "yellow", "orange", "red"] as const;

/** What each status means, shown to readers next to the colour. */
export const STATUS_LABELS: Record<Status, string> = {
  green: "Nearly done",
  yellow: "Taking shape",
  orange: "Jottings",
  red: "Barely started",
};

/** The longest title that still fits a button, a list and a browser tab. */
export const MAX_TITLE_LENGTH = 120;

/** The longest author name a cover and a reading app's library show whole. */
export const MAX_AUTHOR_LENGTH = 120;

/** Layouts an author may pick in front matter. */
export const LAYOUTS = ["custom", "home"] as const;

/** A book slug: lower-case letters, digits and dashes, as in `okr` or `site-reliability`. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * An old URL of a page, as a path on the site: `/pages/old-name/`, or a file such as `/old/page.html`.
 * Segments are letters (of any script, as in file names: `/pages/café/`), digits and `-._~`, and
 * never start with a dot.
 */
export const ALIAS_PATTERN =
  /^\/(?:[\p{L}\p{M}\p{N}_~-][\p{L}\p{M}\p{N}._~-]*\/)*[\p{L}\p{M}\p{N}_~-][\p{L}\p{M}\p{N}._~-]*(?:\/|\.html)$/u;

/** A prev/next override: `false` hides that side, a string replaces the neighbour's title. */
const neighbourOverride = z.union([z.literal(false), z.string().trim().min(1)]);

/** The front matter schema for one site, with the site's own category list. */
export function frontMatterSchema(categories: readonly string[] = site.categories) {
  return z
    .strictObject({
      /** Page title, shown as the heading and in every list and button; short enough to fit them. */
      title: z.string().trim().min(1).max(MAX_TITLE_LENGTH),
      /** One sentence under the title and in lists. */
      description: z.string().trim().min(1),
      /** How finished the page is. */
      status: z.enum(STATUSES).optional(),
      /** What kind of guide this is; the site settings list the allowed values. */
      category: z.enum(categories as [string, ...string[]]).optional(),
      /** Layout to render through; `custom` is the default. */
      layout: z.enum(LAYOUTS).default("custom"),
      /** The book a chapter belongs to: the slug of `pages/<slug>.md`. */
      book: z.string().regex(SLUG_PATTERN).optional(),
      /** Position of a chapter in its book; any finite number, decimals and negatives included. */
      chapter: z.number().finite().optional(),
      /** Header image, relative to the Markdown file (`../images/headers/x.svg`). */
      image: z.string().trim().min(1).optional(),
      /** Text alternative for the header image. */
      imageAlt: z.string().trim().optional(),
      /** Who wrote the book, on its home page; the site's `author` when none is given. */
      author: z.string().trim().min(1).max(MAX_AUTHOR_LENGTH).optional(),
      /** In the dark theme pictures are dimmed slightly so they don't glare; false keeps them at full brightness. */
      dimImages: z.boolean().optional(),
      /** A draft is previewed by the dev server and left out of production builds. */
      draft: z.boolean().default(false),
      /** Override of the previous-chapter button. */
      prev: neighbourOverride.optional(),
      /** Override of the next-chapter button. */
      next: neighbourOverride.optional(),
      /** Old URLs the page was published at; each is written as a redirect page to the page's URL. */
      aliases: z.array(z.string().regex(ALIAS_PATTERN)).optional(),
    })
    .superRefine((data, context) => {
      if (data.image && !data.imageAlt) {
        context.addIssue({
          code: "custom",
          path: ["imageAlt"],
          message: "is required when image is set: readers who cannot see the picture hear this text instead.",
        });
      }
    });
}

/** Front matter as authors write it, after validation and defaults. */
export type FrontMatter = z.output<ReturnType<typeof frontMatterSchema>>;

/** One of the page statuses. */
export type Status = (typeof STATUSES)[number];

/** Every key the schema knows, for "did you mean" hints. */
export const KNOWN_KEYS = Object.keys(frontMatterSchema().shape);
