/** The page shown for an address the site does not have. */
export const NOT_FOUND = {
  url: "/404.html",
  title: "Page not found",
  description: "There is no page at this address.",
} as const;

/** Where the sitemap is published. */
export const SITEMAP_URL = "/sitemap.xml";

/** Where the Atom feed of new chapters is published. */
export const FEED_URL = "/feed.xml";

/** How many of the newest changes to chapters the feed lists. */
export const FEED_LENGTH = 50;
