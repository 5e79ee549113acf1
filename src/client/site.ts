// /assets/site.js, run once the page is parsed (deferred): enhancements on top of pages that work
// without scripts. Each is set up only where its page has what it needs.

import { setUpBookFilter } from "./book-filter.js";
import { setUpProgress } from "./continue-reading.js";
import { setUpCopyButtons } from "./copy-buttons.js";
import { setUpImageDialog } from "./image-dialog.js";
import { setUpArrowKeys } from "./keys.js";
import { setUpPassageReport } from "./passage-report.js";
import { setUpSearch } from "./search.js";
import { markSearchedWords } from "./search-marks.js";
import { setUpHeader, setUpSidebar } from "./sidebar.js";
import { setUpSectionTracking, setUpTableOfContents } from "./table-of-contents.js";
import { setUpThemeToggle } from "./theme-choice.js";

setUpThemeToggle();
setUpSidebar();
setUpHeader();
setUpTableOfContents();
setUpArrowKeys();
setUpSectionTracking();
setUpProgress();
setUpCopyButtons();
setUpImageDialog();
setUpBookFilter();
setUpPassageReport();
setUpSearch();
markSearchedWords().catch(() => {
  // Without the highlighter the page reads as it is, unmarked.
});
