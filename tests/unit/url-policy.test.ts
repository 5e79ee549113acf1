import { describe, expect, it } from "vitest";
import { judgeUrl } from "../../src/book/url-policy.js";

describe("judgeUrl", () => {
  it.each([
    ["/pages/okr/", "site"],
    ["./okr-chapter-2.md#part", "site"],
    ["../images/a.svg", "site"],
    ["#top", "site"],
    ["https://example.org/a?b#c", "web"],
    ["http://example.org", "web"],
    ["mailto:someone@example.org", "mail"],
    ["tel:+44 1234 567890", "phone"],
  ])("publishes %s", (url, kind) => {
    expect(judgeUrl(url)).toEqual({ ok: true, kind });
  });

  it.each([
    ["javascript:alert(1)", "is a javascript: link, which runs script"],
    ["JavaScript:alert(1)", "is a javascript: link, which runs script"],
    [" javascript:alert(1)", "is a javascript: link, which runs script"],
    ["java\tscript:alert(1)", "contains a tab, line break or control character"],
    ["vbscript:msgbox", "is a vbscript: link"],
    ["data:text/html,<script>", "is a data: link"],
    ["data:image/png;base64,AAAA", "is a data: link"],
    ["file:///etc/passwd", "is a file: link"],
    ["/\\evil.example", 'contains a backslash, which browsers read as "/": it leads to another site'],
    ["\\\\evil.example", 'contains a backslash, which browsers read as "/": it leads to another site'],
    ["//evil.example/x", "leaves the site for evil.example without saying how"],
    ["C:\\Users\\me\\a.png", "is a file on your own computer"],
    ["/home/me/notes.md", "is a path on your own computer"],
    ["~/notes.md", "is a path on your own computer"],
    ["http://localhost:8080/", "points at localhost"],
    ["http://127.0.0.1/", "points at 127.0.0.1"],
    ["https://[::1]/", "points at [::1]"],
    ["htps://example.org", 'uses the scheme "htps:", which is not published'],
    ["https://", "is not a well-formed URL"],
    ["https://intranet/", "is not a public host name"],
    ["mailto:", "is not a complete e-mail link"],
    ["tel:call-me", "is not a telephone number"],
  ])("refuses %j", (url, message) => {
    const verdict = judgeUrl(url);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.message).toContain(message);
  });

  it("suggests the scheme an unknown one is a typo of", () => {
    expect(judgeUrl("htps://example.org")).toMatchObject({ fix: "did you mean https://example.org?" });
    expect(judgeUrl("mailtoo:a@example.org")).toMatchObject({ fix: "did you mean mailto:a@example.org?" });
  });
});
