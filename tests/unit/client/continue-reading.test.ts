import { describe, expect, it } from "vitest";
import { continueLabel } from "../../../src/client/continue-reading.js";

describe("Continue reading", () => {
  it("names the chapter to continue at with its position when it has one", () => {
    expect(continueLabel({ url: "/pages/okr-chapter-2/", title: "Scoring", position: 2 })).toBe(
      "Continue: Chapter 2, Scoring",
    );
    expect(continueLabel({ url: "/pages/okr/", title: "OKRs" })).toBe("Continue: OKRs");
  });
});
