import { describe, expect, it } from "vitest";
import { errorCode, errorMessage } from "../../src/book/error-code.js";

describe("reading what was thrown", () => {
  it("gives the code Node gives an error, and none for anything else", () => {
    expect(errorCode(Object.assign(new Error("gone"), { code: "ENOENT" }))).toBe("ENOENT");
    expect(errorCode(new Error("plain"))).toBeUndefined();
    expect(errorCode(Object.assign(new Error("odd"), { code: 5 }))).toBeUndefined();
    expect(errorCode({ code: "ENOENT" })).toBeUndefined();
    expect(errorCode(undefined)).toBeUndefined();
  });

  it("gives an error's message, and any other value as text", () => {
    expect(errorMessage(new TypeError("not a function"))).toBe("not a function");
    expect(errorMessage("stopped")).toBe("stopped");
    expect(errorMessage(42)).toBe("42");
  });
});
