import { describe, expect, it } from "vitest";
import { KNOWN_KEYS, frontMatterSchema } from "../../src/book/schema.js";
import { site } from "../../src/site-settings.js";

describe("frontMatterSchema", () => {
  it("allows the site's categories by default, or the ones it is given", () => {
    const page = { title: "T", description: "D" };
    expect(frontMatterSchema().safeParse({ ...page, category: site.categories[0] }).success).toBe(true);
    expect(frontMatterSchema(["cooking"]).safeParse({ ...page, category: site.categories[0] }).success).toBe(false);
  });

  it("fills in the defaults: the custom layout, not a draft", () => {
    expect(frontMatterSchema().parse({ title: "T", description: "D" })).toEqual({
      title: "T",
      description: "D",
      layout: "custom",
      draft: false,
    });
  });

  it("knows every key an author may write", () => {
    expect(KNOWN_KEYS).toEqual(
      expect.arrayContaining(["title", "book", "chapter", "image", "imageAlt", "prev", "next"]),
    );
  });
});
