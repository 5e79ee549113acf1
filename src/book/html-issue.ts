/** What is wrong with one element: the element itself, or one of its attributes. */
export interface HtmlIssue {
  /** The attribute at fault, or undefined when the element itself is refused. */
  attribute?: string;
  message: string;
  fix: string;
}
