/**
 * Elements of a page that a whole-book output (EPUB, PDF) leaves out: scripts, embedded pages, media
 * that would load from elsewhere, forms and the document's head. Nothing in them is text to read.
 */
export const UNREAD_ELEMENTS: ReadonlySet<string> = new Set([
  "script",
  "noscript",
  "style",
  "template",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "link",
  "meta",
  "base",
  "audio",
  "video",
  "source",
  "track",
  "canvas",
  "svg",
  "math",
  "form",
  "input",
  "button",
  "select",
  "textarea",
  "dialog",
  "head",
  "title",
]);
