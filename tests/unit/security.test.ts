import { describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY } from "../../src/view/security.js";

/** The policy's directives, by name, each with its sources. */
const directives = new Map(
  CONTENT_SECURITY_POLICY.split(";").map((directive) => {
    const [name, ...sources] = directive.trim().split(/\s+/);
    return [name, sources];
  }),
);

describe("the Content Security Policy", () => {
  it("loads everything from the site itself by default", () => {
    expect(directives.get("default-src")).toEqual(["'self'"]);
  });

  it("runs the site's own scripts only: no inline script, no eval but WebAssembly's for the search", () => {
    expect(directives.get("script-src")).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });

  it("takes the site's own stylesheet only, no inline style", () => {
    expect(directives.get("style-src")).toEqual(["'self'"]);
  });

  it("shows pictures from the site and data: URLs, and asks nothing of any other site", () => {
    expect(directives.get("img-src")).toEqual(["'self'", "data:"]);
    expect(directives.get("connect-src")).toEqual(["'self'"]);
  });

  it("allows no plugin, no other base URL and no form sent elsewhere", () => {
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("base-uri")).toEqual(["'self'"]);
    expect(directives.get("form-action")).toEqual(["'self'"]);
  });

  it("names no source that opens a way around it", () => {
    const sources = [...directives.values()].flat();
    for (const open of ["'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:", "blob:"]) {
      expect(sources).not.toContain(open);
    }
    expect(directives.size).toBe(8);
  });
});
