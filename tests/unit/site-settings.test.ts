import { describe, expect, it } from "vitest";
import { site, siteSettings } from "../../src/site-settings.js";

describe("siteSettings", () => {
  it("is this site's settings when nothing is laid over them", () => {
    expect(siteSettings()).toEqual(site);
  });

  it("lays overrides over this site's settings", () => {
    const settings = siteSettings({ title: "Other", categories: ["one"] });
    expect(settings).toMatchObject({ title: "Other", categories: ["one"], url: site.url, language: site.language });
  });

  it("refuses an empty category list, naming the setting", () => {
    expect(() => siteSettings({ categories: [] })).toThrow(
      "minibooks: site setting categories must list at least one category.",
    );
  });

  it("refuses a URL that is not absolute, quoting it", () => {
    expect(() => siteSettings({ url: "minibooks.example.org" })).toThrow(
      'minibooks: site setting url must be an absolute URL, got "minibooks.example.org".',
    );
  });
});
