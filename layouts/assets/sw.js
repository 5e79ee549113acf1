// The service worker of offline reading, published at /sw.js so that it answers for the whole site.
// It is registered only when a reader saves a book (layouts/assets/offline.js). A saved book is kept
// in a cache of its own: every file its offline manifest (/pages/<book>/offline.json) lists. Pages
// and files come from the network as usual; when the network does not answer, from the saved books.
// Each time a page of a saved book is opened online, the worker compares the book's manifest with
// the saved one and, when a new build changed it, saves the new version, then drops the old one.

/** Every saved book's cache is named `minibooks-offline <manifest URL> <version>`. */
const PREFIX = "minibooks-offline ";

/** Saves under way, by manifest URL, so that two saves of one book never run side by side. */
const saving = new Map();

self.addEventListener("install", () => {
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  // Pages are asked for while the worker starts, so that it costs a reader no time.
  event.waitUntil(Promise.all([self.clients.claim(), self.registration.navigationPreload?.enable()]));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(answer(event, url));
});

/** The network's answer; the saved copy when there is none. Opening a saved book's page online keeps the book up to date. */
async function answer(event, url) {
  const request = event.request;
  const navigation = request.mode === "navigate";
  try {
    const response = (navigation && (await event.preloadResponse)) || (await fetch(request));
    if (navigation) event.waitUntil(refreshBookOf(url.pathname).catch(() => {}));
    return response;
  } catch (error) {
    // A page may be opened with a query (a search word to mark) or a #section: the page is the same.
    const saved = await caches.match(url.pathname, { ignoreSearch: navigation });
    if (saved) return saved;
    throw error;
  }
}

self.addEventListener("message", (event) => {
  const { type, manifest } = event.data ?? {};
  const port = event.ports[0];
  if (!port || typeof manifest !== "string" || !/^\/[^?#]*\.json$/.test(manifest)) return;
  const reply = (message) => port.postMessage(message);
  let work;
  if (type === "status") work = status(manifest).then(reply);
  else if (type === "save")
    work = saveBook(manifest, (done, total) => reply({ state: "saving", done, total })).then(
      () => status(manifest).then(reply),
      (error) => reply({ state: "error", message: error.message }),
    );
  else if (type === "remove") work = removeBook(manifest).then(() => status(manifest).then(reply));
  if (work) event.waitUntil(work);
});

/** Whether a book is saved, how much it takes, and how many books are saved in all. */
async function status(manifestUrl) {
  const saved = await savedBook(manifestUrl);
  const books = new Set(
    (await caches.keys()).filter((name) => name.startsWith(PREFIX)).map((name) => name.split(" ")[1]),
  );
  return saved
    ? { state: "saved", size: saved.manifest.size, version: saved.manifest.version, books: books.size }
    : { state: "none", books: books.size };
}

/** The saved version of a book: its cache and the manifest it was saved from, or undefined. */
async function savedBook(manifestUrl) {
  for (const name of await caches.keys()) {
    if (!name.startsWith(`${PREFIX}${manifestUrl} `)) continue;
    const cache = await caches.open(name);
    // The manifest is put last: a cache without it is a save that did not finish.
    const stored = await cache.match(manifestUrl);
    if (stored) return { name, cache, manifest: await stored.json() };
  }
  return undefined;
}

/** The book's manifest as the site has it now. */
async function fetchManifest(manifestUrl) {
  const response = await fetch(manifestUrl, { cache: "no-store" });
  if (!response.ok) throw new Error(`the site answered ${response.status} for ${manifestUrl}`);
  const manifest = await response.json();
  if (typeof manifest.version !== "string" || !Array.isArray(manifest.files)) {
    throw new Error(`${manifestUrl} is not a book's offline manifest`);
  }
  return manifest;
}

/** Saves a book, or the site's newer version of a saved one; one save of a book at a time. */
function saveBook(manifestUrl, progress = () => {}) {
  let running = saving.get(manifestUrl);
  if (!running) {
    running = save(manifestUrl, progress).finally(() => saving.delete(manifestUrl));
    saving.set(manifestUrl, running);
  }
  return running;
}

/**
 * Saves every file of the book's manifest in a new cache, taking the files whose hash did not
 * change from the saved version, then drops the older versions. When the site changed while the
 * book was being saved, it is saved again from the new manifest, so the copy is one build's whole.
 */
async function save(manifestUrl, progress) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const manifest = await fetchManifest(manifestUrl);
    const saved = await savedBook(manifestUrl);
    if (saved?.manifest.version === manifest.version) return;
    const name = `${PREFIX}${manifestUrl} ${manifest.version}`;
    const cache = await caches.open(name);
    try {
      const before = new Map((saved?.manifest.files ?? []).map((file) => [file.url, file.hash]));
      let done = 0;
      for (const file of manifest.files) {
        const kept = before.get(file.url) === file.hash ? await saved.cache.match(file.url) : undefined;
        const response = kept ?? (await fetch(file.url, { cache: "no-cache" }));
        if (!response.ok) throw new Error(`the site answered ${response.status} for ${file.url}`);
        await cache.put(file.url, response);
        progress(++done, manifest.files.length);
      }
      if ((await fetchManifest(manifestUrl)).version !== manifest.version) {
        await caches.delete(name);
        continue;
      }
      await cache.put(
        manifestUrl,
        new Response(JSON.stringify(manifest), { headers: { "content-type": "application/json" } }),
      );
    } catch (error) {
      await caches.delete(name);
      throw error;
    }
    for (const other of await caches.keys()) {
      if (other.startsWith(`${PREFIX}${manifestUrl} `) && other !== name) await caches.delete(other);
    }
    return;
  }
  throw new Error("the site kept changing while the book was being saved");
}

/** Drops every saved version of a book. */
async function removeBook(manifestUrl) {
  await saving.get(manifestUrl)?.catch(() => {});
  for (const name of await caches.keys()) {
    if (name.startsWith(`${PREFIX}${manifestUrl} `)) await caches.delete(name);
  }
}

/** When a page of a saved book is opened online, saves the book again if the site has a new version of it. */
async function refreshBookOf(pathname) {
  const books = new Set();
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX)) books.add(name.split(" ")[1]);
  }
  for (const manifestUrl of books) {
    const saved = await savedBook(manifestUrl);
    if (saved && (await saved.cache.match(pathname))) {
      await saveBook(manifestUrl);
      return;
    }
  }
}
