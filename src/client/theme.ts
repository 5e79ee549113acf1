// /assets/theme.js, run before the page paints (a script in the head, neither deferred nor a
// module): applies the theme the reader chose, so the wrong one never flashes, and marks the page as
// having scripts, so enhanced controls can take the place of their fallbacks. It also shows what the
// reader's own progress changes on the page ("Continue", chapters read and updated) as the parser
// reaches it, before it is first painted, so the page never moves for a returning reader.

import { whenParsed } from "./before-paint.js";
import { fillContinue, markChapterLink, progressReader, showChangedNote } from "./continue-reading.js";
import { foldTableOfContents } from "./table-of-contents.js";
import { applyStoredTheme } from "./theme-choice.js";

const root = document.documentElement;
root.classList.add("js");
applyStoredTheme(root);
const progressOf = progressReader();
whenParsed(root, [
  // A chapter's contents fold above the text on narrower screens, and stay open beside it.
  [".layout--chapter details.toc", foldTableOfContents],
  ["[data-continue]", fillContinue],
  ["ol[data-book] > li > a", markChapterLink(progressOf)],
  // A chapter changed since the reader last read it says so at its top.
  ["[data-changed-since]", showChangedNote(progressOf)],
]);
