import type { SiteSettings } from "../site-settings.js";
import { absoluteUrl, isoDate } from "../view/page-view.js";
import { shownStatus } from "../view/status.js";
import type { EleventyConfig } from "./adapter.js";
import type { BuildState } from "./build-state.js";

/**
 * The filters the layouts use: `view` gives a page everything it shows, computed once per build;
 * the others only format.
 */
export function addTemplateFilters(eleventyConfig: EleventyConfig, site: SiteSettings, state: () => BuildState): void {
  const dateFormat = new Intl.DateTimeFormat(site.language, { dateStyle: "long", timeZone: "UTC" });
  eleventyConfig.addFilter("view", (url: string) => state().view(url, site));
  eleventyConfig.addFilter("toAbsoluteUrl", absoluteUrl);
  eleventyConfig.addFilter("isoDate", isoDate);
  eleventyConfig.addFilter("readableDate", (date: Date) => dateFormat.format(date));
  eleventyConfig.addFilter("shownStatus", shownStatus);
}
