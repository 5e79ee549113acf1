import { describe, expect, it } from "vitest";
import { STATUSES } from "../../src/book/schema.js";
import { READER_STATUS_LABELS, shownStatus } from "../../src/view/status.js";

describe("a page's status as readers see it", () => {
  it("is shown beside a book or chapter only when the text is not ready", () => {
    expect(shownStatus("green")).toBeUndefined();
    expect(shownStatus("yellow")).toBe("yellow");
    expect(shownStatus("orange")).toBe("orange");
    expect(shownStatus("red")).toBe("red");
    expect(shownStatus(undefined)).toBeUndefined();
  });

  it("is told in the reader's words, one for every status the schema allows", () => {
    expect(Object.keys(READER_STATUS_LABELS).sort()).toEqual([...STATUSES].sort());
    expect(READER_STATUS_LABELS).toEqual({
      green: "Ready to read",
      yellow: "In progress",
      orange: "Early notes",
      red: "Just started",
    });
  });
});
