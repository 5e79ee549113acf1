import { describe, expect, it } from "vitest";
import { missingMembers, RELIED_ON } from "../../src/eleventy/private-members.js";

describe("the check of a dependency's private members", () => {
  it("finds nothing missing on an object that holds each member as relied on", () => {
    const writer = { _generateTemplate: (_entry: unknown, _to: unknown) => undefined, _templatePathCache: new Map() };
    expect(missingMembers(writer, "Eleventy's writer")).toEqual([]);
  });

  it("names a member gone, one of another kind, and a function of another arity", () => {
    expect(missingMembers({ _templatePathCache: [] }, "Eleventy's writer")).toEqual([
      "Eleventy's writer: _generateTemplate is undefined, where Minibooks relies on a function of 2 argument(s)",
    ]);
    expect(
      missingMembers({ _generateTemplate: () => undefined, _templatePathCache: "x" }, "Eleventy's writer"),
    ).toEqual([
      "Eleventy's writer: _generateTemplate is a function of 0 argument(s), where Minibooks relies on a function of 2 argument(s)",
      "Eleventy's writer: _templatePathCache is string, where Minibooks relies on an object",
    ]);
  });

  it("reads the members of a function (a class's static members) and finds every member missing on nothing", () => {
    const TemplatePath = Object.assign(function TemplatePath() {}, {
      getWorkingDir: () => "",
      normalize: (_path: string) => "",
      join: (..._paths: string[]) => "",
      absolutePath: (..._paths: string[]) => "",
      relativePath: (_path: string) => "",
    });
    expect(missingMembers(TemplatePath, "Eleventy's path utilities")).toEqual([]);
    expect(missingMembers(undefined, "Eleventy's file list")).toHaveLength(
      Object.keys(RELIED_ON["Eleventy's file list"]).length,
    );
    expect(missingMembers(null, "chokidar's watcher")).toHaveLength(3);
  });
});
