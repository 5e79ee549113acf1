// A process of its own that draws the books' covers for the build (`startCoverProcess` in
// cover.ts): it takes one cover's data at a time and answers with its PNG.
import { serveHelperProcess } from "../processes/helper-process.js";
import { bookCover, type CoverInput } from "./cover.js";
import { coverFonts } from "./cover-text.js";

const fonts = coverFonts();
serveHelperProcess((input: CoverInput) => bookCover(input, fonts));
