// The reader's choice of a light or a dark theme, kept in this browser; without one, the OS's applies.

/** A theme a reader can choose. */
export type Theme = "light" | "dark";

/** Where the reader's choice is stored. */
const THEME_KEY = "minibooks-theme";

/** The theme a stored value names, or undefined for anything else. */
export function storedTheme(value: string | null): Theme | undefined {
  return value === "light" || value === "dark" ? value : undefined;
}

/** The theme a press of the toggle switches to. */
export function otherTheme(dark: boolean): Theme {
  return dark ? "light" : "dark";
}

/** Applies the theme the reader chose, before the page paints, so the wrong one never flashes. */
export function applyStoredTheme(root: HTMLElement): void {
  try {
    const theme = storedTheme(localStorage.getItem(THEME_KEY));
    if (theme) root.setAttribute("data-theme", theme);
  } catch {
    // Storage can be off; the OS theme applies.
  }
}

/** The theme toggle: flips between light and dark and remembers the choice. */
export function setUpThemeToggle(): void {
  const button = document.querySelector<HTMLButtonElement>(".theme-toggle");
  if (!button) return;
  const root = document.documentElement;
  const prefersDark = window.matchMedia("(prefers-color-scheme: dark)");
  const isDark = () => (root.dataset.theme ? root.dataset.theme === "dark" : prefersDark.matches);
  const show = () => button.setAttribute("aria-pressed", String(isDark()));
  button.hidden = false;
  show();
  prefersDark.addEventListener("change", show);
  button.addEventListener("click", () => {
    const theme = otherTheme(isDark());
    root.dataset.theme = theme;
    try {
      localStorage.setItem(THEME_KEY, theme);
    } catch {
      // Storage can be off; the choice lasts for this page only.
    }
    show();
  });
}
