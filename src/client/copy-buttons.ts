// A copy button on every code block of the text.

/** A copy button on every code block. */
export function setUpCopyButtons(): void {
  for (const pre of document.querySelectorAll(".content pre")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "Copy";
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(pre.querySelector("code")?.textContent ?? pre.textContent ?? "");
        button.textContent = "Copied";
      } catch {
        button.textContent = "Press Ctrl+C to copy";
      }
      setTimeout(() => {
        button.textContent = "Copy";
      }, 2000);
    });
    pre.classList.add("has-copy");
    pre.before(button);
  }
}
