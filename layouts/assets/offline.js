// "Save for offline reading", on a book's home page and its chapters: keeps the whole book on this
// device through the service worker /sw.js (layouts/assets/sw.js), says when it is saved and how
// much it takes, and removes it. The control stays hidden where the browser cannot keep a book or the
// site has no offline manifest for it (the dev server), and without JavaScript.

(() => {
  const box = document.querySelector("[data-offline]");
  if (!box || !("serviceWorker" in navigator) || !("caches" in window)) return;
  const manifest = box.dataset.offline;
  const status = box.querySelector("[data-offline-status]");
  const save = box.querySelector("[data-offline-save]");
  const remove = box.querySelector("[data-offline-remove]");

  /** A size as readers say it, as the site writes the EPUB's: `840 bytes`, `312 KB`, `1.4 MB`. */
  const size = (bytes) =>
    bytes < 1000
      ? `${bytes} bytes`
      : bytes < 1_000_000
        ? `${Math.round(bytes / 1000)} KB`
        : `${(bytes / 1_000_000).toFixed(1)} MB`;

  /** Shows what the worker said of the book. */
  function show(answer, bookSize) {
    save.disabled = false;
    remove.disabled = false;
    if (answer.state === "saved") {
      status.textContent = `Saved on this device (${size(answer.size)}): every chapter opens without a connection.`;
      save.hidden = true;
      remove.hidden = false;
    } else if (answer.state === "saving") {
      status.textContent = `Saving the book: ${answer.done} of ${answer.total} files…`;
      save.disabled = true;
      remove.disabled = true;
    } else {
      const failed = answer.state === "error" ? `The book could not be saved: ${answer.message}. ` : "";
      status.textContent = `${failed}Keep this book on this device (${size(bookSize)}) to read it without a connection.`;
      save.hidden = false;
      remove.hidden = true;
    }
  }

  /** Sends the worker a request about this book; `listen` hears every answer, the promise the last. */
  function ask(worker, type, listen = () => {}) {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = ({ data }) => {
        listen(data);
        if (data.state !== "saving") {
          channel.port1.close();
          resolve(data);
        }
      };
      worker.postMessage({ type, manifest }, [channel.port2]);
    });
  }

  async function start() {
    // The manifest says what saving the book takes; where there is none, nothing can be saved.
    const response = await fetch(manifest, { cache: "no-cache" }).catch(() => undefined);
    const book = response?.ok ? await response.json().catch(() => undefined) : undefined;
    const registration = await navigator.serviceWorker.getRegistration("/");
    const saved = registration?.active ? await ask(registration.active, "status") : undefined;
    // Offline, the manifest is in the saved book if it is saved at all.
    if (!book && saved?.state !== "saved") return;
    const bookSize = book?.size ?? 0;
    show(saved ?? { state: "none" }, bookSize);
    box.hidden = false;

    save.addEventListener("click", async () => {
      show({ state: "saving", done: 0, total: book?.files.length ?? 0 }, bookSize);
      try {
        await navigator.serviceWorker.register("/sw.js", { scope: "/" });
        const { active } = await navigator.serviceWorker.ready;
        const answer = await ask(active, "save", (progress) => show(progress, bookSize));
        show(answer, bookSize);
        // The button pressed is gone: the keyboard goes on from the one that takes its place.
        (answer.state === "saved" ? remove : save).focus();
      } catch (error) {
        show({ state: "error", message: error.message }, bookSize);
      }
    });

    remove.addEventListener("click", async () => {
      const current = await navigator.serviceWorker.getRegistration("/");
      if (!current?.active) return show({ state: "none" }, bookSize);
      const answer = await ask(current.active, "remove");
      // With no book left to keep, the worker goes too.
      if (answer.books === 0) await current.unregister();
      show(answer, bookSize);
      save.focus();
    });
  }

  start();
})();
