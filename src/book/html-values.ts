import type { HtmlIssue } from "./html-issue.js";

/**
 * What an attribute of the allow-list may hold, where HTML defines it: a test of the value and the
 * values allowed, as the message says them. Attributes not here hold any text (`title`, `alt`,
 * `class`, `aria-label`), or are checked as addresses (`href`, `src`).
 */
const ATTRIBUTE_VALUES: Readonly<Record<string, { ok: (value: string, tag: string) => boolean; allowed: string }>> = {
  dir: { ok: (v) => ["ltr", "rtl", "auto"].includes(v), allowed: "ltr, rtl or auto" },
  lang: {
    ok: (v) => v === "" || isLanguageTag(v),
    allowed: 'a language tag such as en, en-GB or zh-Hant, or "" for none',
  },
  hreflang: { ok: isLanguageTag, allowed: "a language tag such as en, en-GB or zh-Hant" },
  "aria-hidden": { ok: (v) => v === "true" || v === "false", allowed: "true or false" },
  scope: { ok: (v) => ["row", "col", "rowgroup", "colgroup"].includes(v), allowed: "row, col, rowgroup or colgroup" },
  colspan: { ok: (v) => isInteger(v, 1, 1000), allowed: "a whole number from 1 to 1000" },
  rowspan: { ok: (v) => isInteger(v, 1, 65534), allowed: "a whole number from 1 to 65534" },
  span: { ok: (v) => isInteger(v, 1, 1000), allowed: "a whole number from 1 to 1000" },
  start: { ok: (v) => /^-?\d{1,9}$/.test(v), allowed: "a whole number such as 3 or -1" },
  value: { ok: (v) => /^-?\d{1,9}$/.test(v), allowed: "a whole number such as 3 or -1" },
  type: { ok: (v) => ["1", "a", "A", "i", "I"].includes(v), allowed: "1, a, A, i or I" },
  width: { ok: (v) => /^\d{1,9}$/.test(v), allowed: "a number of pixels, digits only, such as 320" },
  height: { ok: (v) => /^\d{1,9}$/.test(v), allowed: "a number of pixels, digits only, such as 240" },
  loading: { ok: (v) => v === "lazy" || v === "eager", allowed: "lazy or eager" },
  reversed: { ok: (v) => v === "" || v.toLowerCase() === "reversed", allowed: "nothing: write reversed alone" },
  open: { ok: (v) => v === "" || v.toLowerCase() === "open", allowed: "nothing: write open alone" },
  rel: {
    ok: (v) =>
      v.trim() !== "" &&
      v
        .trim()
        .split(/[ \t\n\f\r]+/)
        .every((word) => LINK_TYPES.includes(word.toLowerCase())),
    allowed:
      "one or more of alternate, author, bookmark, external, help, license, next, nofollow, noopener, noreferrer, prev, search, tag",
  },
  datetime: {
    ok: (v, tag) => (tag === "time" ? isTimeValue(v) : isDate(v) || isGlobalDateTime(v)),
    allowed: "",
  },
  id: { ok: isFragment, allowed: "" },
  name: { ok: isFragment, allowed: "" },
};

/** The link types HTML defines for `<a rel>`. */
const LINK_TYPES =
  "alternate author bookmark external help license next nofollow noopener noreferrer prev search tag".split(" ");

/** What `datetime` may hold, as the message says it, on `<time>` and on `<del>` and `<ins>`. */
const DATETIME_FORMS = {
  time: "a date (2024-05-06), a month (2024-05), a year (2024), a day of the year (05-06), a time (14:30 or 14:30:15), a date and time (2024-05-06T14:30, with Z or +02:00 for its time zone if you like), a week (2024-W19) or a duration (PT2H30M, or 2H 30M)",
  change: "a date (2024-05-06), or a date and time with its time zone (2024-05-06T14:30Z or 2024-05-06T14:30+02:00)",
};

/**
 * What is wrong with the value of an attribute HTML gives a meaning to, if anything: a direction,
 * a language, a number, a keyword, a date, an id that a link can name. Pure.
 */
export function judgeAttributeValue(tag: string, attribute: string, value: string): HtmlIssue | undefined {
  const name = attribute.toLowerCase();
  const rule = ATTRIBUTE_VALUES[name];
  if (!rule || (name === "name" && tag !== "a") || rule.ok(value, tag)) return undefined;
  const written = `<${tag} ${name}="${value}">`;
  if (name === "id" || name === "name") {
    return {
      attribute: name,
      message: `${written} is not an id a link can name: an id is one word of letters, digits and - _ . : (or other characters of a web address), without spaces, quotes, < > or a % that is not followed by two hex digits.`,
      fix: `write ${name}="${suggestId(value)}".`,
    };
  }
  const allowed = name === "datetime" ? DATETIME_FORMS[tag === "time" ? "time" : "change"] : rule.allowed;
  return {
    attribute: name,
    message: `${written} is not a value HTML defines for ${name}, so browsers and e-readers ignore it or read it wrongly. Allowed: ${allowed}.`,
    fix: `write ${name} with an allowed value, or remove it.`,
  };
}

/** An id made of what an author wrote: spaces and other characters a link cannot hold become "-". */
function suggestId(value: string): string {
  return (
    value
      .trim()
      .replace(/%(?![0-9A-Fa-f]{2})/g, "-")
      .replace(/[\s"'<>`#\\^{}|[\]]+/g, "-")
      .replace(/^-+|-+$/g, "") || "section"
  );
}

/**
 * True for an id a link's `#fragment` can name: not empty, no white space, only characters of a
 * web address (letters, digits, `-._~!$&'()*+,;=:@/?` and letters outside ASCII), and every `%`
 * followed by two hex digits that decode.
 */
export function isFragment(value: string): boolean {
  if (
    !/^(?:[\w.~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2}|[\u00A0-\uD7FF\uE000-\uFFFD]|[\uD800-\uDBFF][\uDC00-\uDFFF])+$/.test(
      value,
    )
  )
    return false;
  try {
    decodeURIComponent(value);
    return true;
  } catch {
    return false;
  }
}

/** A language tag as BCP 47 writes it: language, script, region, variants, extensions, private use. */
const LANGUAGE_TAG =
  /^(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[\da-wy-z](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?|x(?:-[a-z\d]{1,8})+)$/i;

/** True for a well-formed BCP 47 language tag. */
function isLanguageTag(value: string): boolean {
  return LANGUAGE_TAG.test(value);
}

/** True for digits alone, no sign or space, from `min` to `max`. */
function isInteger(value: string, min: number, max: number): boolean {
  return /^\d{1,9}$/.test(value) && Number(value) >= min && Number(value) <= max;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `2024-05-06`, a day that exists. */
function isDate(value: string): boolean {
  const date = /^(\d{4,})-(\d{2})-(\d{2})$/.exec(value);
  if (!date) return false;
  const [year, month, day] = date.slice(1).map(Number);
  return year > 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/** `14:30`, `14:30:15` or `14:30:15.250`. */
function isTime(value: string): boolean {
  const time = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/.exec(value);
  return time !== null && Number(time[1]) < 24 && Number(time[2]) < 60 && Number(time[3] ?? 0) < 60;
}

/** `Z`, `+02:00`, `-0530`. */
function isZone(value: string): boolean {
  const zone = /^(?:Z|[+-](\d{2}):?(\d{2}))$/.exec(value);
  return zone !== null && (value === "Z" || (Number(zone[1]) < 24 && Number(zone[2]) < 60));
}

/** A date and a time, with a time zone when `zone` is "required". */
function isDateTime(value: string, zone: "optional" | "required"): boolean {
  const parts = /^(\d{4,}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (!parts || !isDate(parts[1]) || !isTime(parts[2])) return false;
  return parts[3] === undefined ? zone === "optional" : isZone(parts[3]);
}

function isGlobalDateTime(value: string): boolean {
  return isDateTime(value, "required");
}

/** Every form `<time datetime>` may take that browsers and e-readers read alike. */
function isTimeValue(value: string): boolean {
  if (isDate(value) || isTime(value) || isDateTime(value, "optional")) return true;
  if (/^\d{4}$/.test(value)) return Number(value) > 0;
  const month = /^(\d{4,})-(\d{2})$/.exec(value);
  if (month) return Number(month[1]) > 0 && Number(month[2]) >= 1 && Number(month[2]) <= 12;
  const yearless = /^(?:--)?(\d{2})-(\d{2})$/.exec(value);
  if (yearless) {
    const [month, day] = yearless.slice(1).map(Number);
    return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(2000, month);
  }
  const week = /^(\d{4,})-W(\d{2})$/.exec(value);
  if (week) return Number(week[1]) > 0 && Number(week[2]) >= 1 && Number(week[2]) <= weeksIn(Number(week[1]));
  return (
    /^P(?:\d+D|(?:\d+D)?T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d{1,3})?S)?)$/.test(value) ||
    /^(?: *(?:\d+ *[WDHM]|\d+(?:\.\d{1,3})? *S) *)+$/.test(value)
  );
}

/** 52 or 53: the weeks of an ISO year. */
function weeksIn(year: number): number {
  const day = (y: number) => new Date(Date.UTC(y, 0, 1)).getUTCDay();
  const leap = daysIn(year, 2) === 29;
  return day(year) === 4 || (leap && day(year) === 3) ? 53 : 52;
}
