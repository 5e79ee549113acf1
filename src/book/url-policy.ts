import { closest } from "./closest.js";

/** The schemes a published link may use; anything else is refused. */
export const ALLOWED_SCHEMES = ["https", "http", "mailto", "tel"] as const;

/** What a URL written in content is, once judged safe: a page or file of the site, or one of the allowed schemes. */
export type UrlKind = "site" | "web" | "mail" | "phone";

/** A URL's verdict: its kind, or why it may not be published and how to fix it. */
export type UrlVerdict = { ok: true; kind: UrlKind } | { ok: false; message: string; fix: string };

/** Schemes that run code or read what the site cannot check, with why each is refused. */
const REFUSED: Record<string, { why: string; fix: string }> = {
  javascript: { why: "runs script in the reader's browser", fix: "link to a page or a web address instead." },
  vbscript: { why: "runs script in the reader's browser", fix: "link to a page or a web address instead." },
  data: {
    why: "carries its content inside the link, out of the checks' sight",
    fix: "put the file in images/ and link to it by its path.",
  },
  file: {
    why: "points at a file on your own computer, which readers cannot open",
    fix: "copy the file into images/ and link to it by its path.",
  },
  blob: { why: "only exists in one browser's memory", fix: "link to a page or a web address instead." },
};

/** First path segments that are folders of a computer, never of the site. */
const LOCAL_FOLDERS = /^\/(?:home|Users|tmp|var|etc|mnt|opt|usr|root|private|Volumes|srv|media)\//;

/** Host names that mean "this computer" to whoever opens the link. */
const LOCAL_HOST = /^(?:localhost|.+\.localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1?\])$/i;

/** A tab, line break or other control character: browsers drop them from a URL, so it goes elsewhere than it reads. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose.
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F]/;

/**
 * Judges a URL as an author wrote it in a link, an image or raw HTML. Only site-relative paths and
 * `http`, `https`, `mailto` and `tel` pass; script and data schemes, protocol-relative and
 * backslash tricks, local files and `localhost` are refused with a fix. Pure.
 */
export function judgeUrl(written: string): UrlVerdict {
  if (CONTROL_CHARACTER.test(written)) {
    return refuse(
      `"${printable(written)}" contains a tab, line break or control character, which browsers drop, so the link goes elsewhere than it reads.`,
      "write the address on one line, without tabs or control characters.",
    );
  }
  const url = written.trim();
  if (/^[a-z]:[\\/]/i.test(url)) {
    return refuse(
      `"${written}" is a file on your own computer, which readers cannot open.`,
      "copy the file into images/ and link to it by its path.",
    );
  }
  if (url.includes("\\")) {
    return refuse(
      `"${written}" contains a backslash, which browsers read as "/"${url.startsWith("/\\") || url.startsWith("\\") ? `: it leads to another site` : ""}.`,
      url.startsWith("/\\") || url.startsWith("\\")
        ? "write a path with forward slashes only, such as /pages/name/, or a full https:// address."
        : "use forward slashes (/) only.",
    );
  }
  if (url.startsWith("//")) {
    const host = url.slice(2).split(/[/?#]/)[0];
    return refuse(
      `"${written}" leaves the site for ${host || "another host"} without saying how (a protocol-relative address).`,
      `write the address in full: https:${url}.`,
    );
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    if (url.startsWith("~/") || LOCAL_FOLDERS.test(url)) {
      return refuse(
        `"${written}" is a path on your own computer, not a page or file of the site.`,
        "copy the file into images/ and link to it relative to the Markdown file (../images/...).",
      );
    }
    return { ok: true, kind: "site" };
  }
  const refused = REFUSED[scheme];
  if (refused)
    return refuse(`"${written}" is a ${scheme}: link, which ${refused.why}; it is never published.`, refused.fix);
  switch (scheme) {
    case "http":
    case "https":
      return judgeWebAddress(written, url);
    case "mailto":
      return /^mailto:[^@\s]+@[^@\s]+\.[^@\s]+/i.test(url)
        ? { ok: true, kind: "mail" }
        : refuse(`"${written}" is not a complete e-mail link.`, "write mailto:name@example.org.");
    case "tel":
      return /^tel:\+?[0-9][0-9 ().-]*$/i.test(url)
        ? { ok: true, kind: "phone" }
        : refuse(
            `"${written}" is not a telephone number.`,
            "write tel: and the number in digits, such as tel:+441234567890.",
          );
    default: {
      const guess = closest(scheme, ALLOWED_SCHEMES);
      return refuse(
        `"${written}" uses the scheme "${scheme}:", which is not published. Allowed: ${ALLOWED_SCHEMES.join(", ")} and paths of the site.`,
        guess
          ? `did you mean ${url.replace(/^[^:]+:/, `${guess}:`)}?`
          : "link to a web address (https://...) or a page of the site.",
      );
    }
  }
}

function judgeWebAddress(written: string, url: string): UrlVerdict {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse(`"${written}" is not a well-formed URL.`, "write a full address such as https://example.org/page.");
  }
  if (!/^https?:\/\/[^/]/i.test(url)) {
    return refuse(`"${written}" is not a well-formed URL.`, "write a full address such as https://example.org/page.");
  }
  if (LOCAL_HOST.test(parsed.hostname)) {
    return refuse(
      `"${written}" points at ${parsed.hostname}, which is the computer of whoever opens the link, not a site.`,
      "link to the page on the site (/pages/<name>/) or to its public address.",
    );
  }
  if (!parsed.hostname.includes(".")) {
    return refuse(
      `"${written}" is not a well-formed URL: "${parsed.hostname}" is not a public host name.`,
      "write a full address such as https://example.org/page.",
    );
  }
  return { ok: true, kind: "web" };
}

function refuse(message: string, fix: string): UrlVerdict {
  return { ok: false, message, fix };
}

/** The URL with control characters made visible, for a message. */
function printable(text: string): string {
  return text.replace(new RegExp(CONTROL_CHARACTER, "g"), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
