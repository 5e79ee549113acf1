// Pictures open larger in a modal dialog.

/** The dialog, made when a picture is first opened, and the element that opened it last. */
interface Parts {
  dialog: HTMLDialogElement;
  frame: HTMLElement;
  close: HTMLButtonElement;
  opener?: HTMLElement;
}

/** The dialog with its bar ("Full size", "Close") and the frame the picture is shown in. */
function makeDialog(): Parts {
  const dialog = document.createElement("dialog");
  dialog.className = "image-dialog";
  const bar = document.createElement("div");
  bar.className = "image-dialog__bar";
  const size = document.createElement("button");
  size.type = "button";
  size.className = "image-dialog__size";
  size.textContent = "Full size";
  size.setAttribute("aria-pressed", "false");
  const close = document.createElement("button");
  close.type = "button";
  close.className = "image-dialog__close";
  close.textContent = "Close";
  const frame = document.createElement("div");
  frame.className = "image-dialog__frame";
  frame.tabIndex = 0;
  bar.append(size, close);
  dialog.append(bar, frame);
  document.body.append(dialog);
  const parts: Parts = { dialog, frame, close };
  const full = (on: boolean) => {
    const img = frame.querySelector("img");
    if (on && img) {
      const fitted = img.getBoundingClientRect().width;
      dialog.style.setProperty("--full-width", `${Math.round(Math.max(img.naturalWidth, 2 * fitted))}px`);
    }
    dialog.classList.toggle("image-dialog--full", on);
    size.setAttribute("aria-pressed", String(on));
  };
  size.addEventListener("click", () => full(!dialog.classList.contains("image-dialog--full")));
  frame.addEventListener("click", (event) => {
    if (event.target instanceof HTMLImageElement) full(!dialog.classList.contains("image-dialog--full"));
  });
  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });
  dialog.addEventListener("close", () => {
    full(false);
    frame.replaceChildren();
    parts.opener?.focus();
  });
  return parts;
}

/**
 * Pictures open larger in a modal dialog: the header image (a link to its file without scripts) and
 * every picture of the text that is not a link. The dialog shows the whole picture at the size that
 * fits the window; "Full size", or a click on the picture, shows it larger in a frame the reader pans
 * (and pinches, on a touch screen). Escape closes it and focus goes back.
 */
export function setUpImageDialog(): void {
  const triggers: HTMLElement[] = [...document.querySelectorAll<HTMLElement>("a[data-zoom]")];
  for (const img of document.querySelectorAll<HTMLImageElement>(".content img")) {
    if (img.closest("a, button")) continue;
    img.tabIndex = 0;
    img.setAttribute("role", "button");
    img.setAttribute("aria-label", `${img.alt || "Picture"} (enlarge)`);
    img.classList.add("zoomable");
    triggers.push(img);
  }
  if (triggers.length === 0) return;
  let parts: Parts | undefined;
  const open = (trigger: HTMLElement) => {
    const image = trigger instanceof HTMLImageElement ? trigger : trigger.querySelector("img");
    if (!image) return;
    parts ??= makeDialog();
    // The whole picture, in every format and width the page has, chosen for the window's width.
    const source = image.parentElement instanceof HTMLPictureElement ? image.parentElement : image;
    const copy = source.cloneNode(true);
    if (!(copy instanceof Element)) return;
    for (const el of [copy, ...copy.querySelectorAll("*")]) {
      el.removeAttribute("loading");
      el.removeAttribute("fetchpriority");
      el.removeAttribute("tabindex");
      el.removeAttribute("role");
      el.removeAttribute("aria-label");
      el.classList.remove("zoomable");
      if (el.hasAttribute("sizes")) el.setAttribute("sizes", "100vw");
    }
    parts.frame.replaceChildren(copy);
    parts.frame.setAttribute("aria-label", image.alt || "Picture");
    parts.dialog.setAttribute("aria-label", image.alt || "Picture");
    parts.opener = trigger;
    parts.dialog.showModal();
    parts.close.focus();
  };
  for (const trigger of triggers) {
    trigger.setAttribute("aria-haspopup", "dialog");
    trigger.addEventListener("click", (event) => {
      event.preventDefault();
      open(trigger);
    });
    if (trigger instanceof HTMLImageElement) {
      trigger.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          open(trigger);
        }
      });
    }
  }
}
