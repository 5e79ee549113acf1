import type { Status } from "../book/schema.js";

/**
 * What a page's `status` says to a reader: how far along the text is, in the reader's words (the
 * author's are `STATUS_LABELS`). "Ready to read" is the home page's filter's word only: a status is
 * shown beside a book or chapter when it warns that the text is not ready yet.
 */
export const READER_STATUS_LABELS: Record<Status, string> = {
  green: "Ready to read",
  yellow: "In progress",
  orange: "Early notes",
  red: "Just started",
};

/** The status a reader is shown beside a book or chapter: none for a text that is ready. */
export function shownStatus(status: Status | undefined): Status | undefined {
  return status === "green" ? undefined : status;
}
