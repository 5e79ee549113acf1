// Runs before the page paints: applies the theme the reader chose, so the wrong one never flashes,
// and marks the page as having scripts, so enhanced controls can take the place of their fallbacks.
(() => {
  const root = document.documentElement;
  root.classList.add("js");
  try {
    const theme = localStorage.getItem("minibooks-theme");
    if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
  } catch {
    // Storage can be off; the OS theme applies.
  }
})();
