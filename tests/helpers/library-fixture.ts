// What tests/fixtures/library/ holds, for tests that assert titles, counts and positions.

/** A chapter of the fixture: its URL and title. */
export interface FixtureChapter {
  url: string;
  title: string;
}

/** The garden book: three chapters; chapter 2 has a header image, two h2 headings and an h3. */
export const GARDEN = {
  url: "/pages/garden/",
  title: "Growing a Garden",
  status: "green",
  chapters: [
    { url: "/pages/garden-chapter-1/", title: "Soil First" },
    { url: "/pages/garden-chapter-2/", title: "Water Wisely" },
    { url: "/pages/garden-chapter-3/", title: "Harvest Time" },
  ] as FixtureChapter[],
} as const;

/** The kitchen book: one chapter. */
export const KITCHEN = {
  url: "/pages/kitchen/",
  title: "Cooking the Harvest",
  status: "orange",
  chapters: [{ url: "/pages/kitchen-chapter-1/", title: "Soups and Stews" }] as FixtureChapter[],
} as const;

/** The fixture's books, as the home page lists them (by title). */
export const BOOKS = [KITCHEN, GARDEN];

/** The pages the browser checks walk: home, a book home, a chapter, the print page and the 404 page. */
export const LIBRARY_KEY_PAGES = ["/", GARDEN.url, GARDEN.chapters[1].url, `${GARDEN.url}print/`, "/404.html"] as const;
