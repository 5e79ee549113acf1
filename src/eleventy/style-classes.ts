import type { MarkdownIt, Token } from "markdown-it";

/** Inline styles markdown-it writes, and the stylesheet classes that do the same. */
const STYLE_CLASSES: Record<string, string> = {
  "text-align:left": "align-left",
  "text-align:center": "align-center",
  "text-align:right": "align-right",
};

/**
 * A markdown-it plugin that turns the `style` attributes markdown-it writes (table column alignment)
 * into classes the stylesheet defines, since the site's Content Security Policy allows no inline
 * style. A style with no class is dropped: the policy would block it anyway.
 */
export function styleClassesPlugin(md: MarkdownIt): void {
  md.core.ruler.push("minibooks_style_classes", (state) => {
    const visit = (tokens: Token[]) => {
      for (const token of tokens) {
        const style = token.attrGet("style");
        if (style !== null) {
          token.attrs = (token.attrs ?? []).filter(([name]) => name !== "style");
          const name = STYLE_CLASSES[String(style).replace(/\s+/g, "").replace(/;$/, "")];
          if (name) token.attrJoin("class", name);
        }
        if (token.children) visit(token.children);
      }
    };
    visit(state.tokens);
  });
}
