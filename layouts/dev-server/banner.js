/**
 * The dev server's problem banner, which `npm start` adds to every page it serves and the site
 * itself never holds: the problems of the last build at the top of the page, as the terminal
 * printed them, until they are fixed. A page opened or reloaded after the save shows them too:
 * they come from the dev server's list. A build that fails reloads the page, so it shows what
 * that build wrote; one that succeeds is Eleventy's reload script's to show, banner gone.
 */

const PROBLEMS_URL = "/.minibooks/problems.json";

/** Fetches the last build's problems and shows them, or takes the banner away when there are none. */
async function showProblems() {
  let state;
  try {
    const response = await fetch(PROBLEMS_URL, { cache: "no-store" });
    state = await response.json();
  } catch {
    return;
  }
  document.querySelector(".build-error")?.remove();
  if (state.problems.length === 0 && !state.failure) return;
  document.body.prepend(banner(state));
}

/** The banner for the last build's problems: this page's first. */
function banner(state) {
  const here = location.pathname;
  const section = element("section", "build-error");
  section.setAttribute("role", "alert");
  section.setAttribute("aria-labelledby", "build-error-heading");
  const count = state.problems.length;
  const heading = element(
    "h2",
    "",
    state.failure
      ? "The site could not be built: fix this and save"
      : `${count} problem${count === 1 ? "" : "s"} in the content: fix ${count === 1 ? "it" : "them"} and save`,
  );
  heading.id = "build-error-heading";
  section.append(heading);
  if (state.kept.includes(here)) {
    section.append(
      element(
        "p",
        "build-error__kept",
        "This page is shown as it was at its last good save, body included: its front matter does not read now. Your changes show once it does.",
      ),
    );
  }
  if (state.failure) section.append(element("p", "build-error__line", state.failure));
  const problems = [...state.problems].sort((a, b) => Number(b.page === here) - Number(a.page === here));
  section.append(
    list(problems.map((problem) => element("li", problem.page === here ? "build-error__here" : "", problem.text))),
  );
  if (state.skipped.length > 0) {
    section.append(element("p", "build-error__note", "Not checked because of the problems above:"));
    section.append(list(state.skipped.map((line) => element("li", "", line))));
  }
  return section;
}

/** An element with a class and text, the text set as text: problems quote what authors wrote. */
function element(name, className, text) {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A list of items. */
function list(items) {
  const node = element("ul", "build-error__list");
  node.append(...items);
  return node;
}

/** Reloads the page after each build that failed, so it shows what that build wrote and its problems. */
function reloadAfterFailedBuilds() {
  const socket = new WebSocket(`${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}`);
  socket.addEventListener("message", (event) => {
    let type;
    try {
      type = JSON.parse(event.data).type;
    } catch {
      return;
    }
    if (type === "eleventy.error") location.reload();
  });
}

showProblems();
reloadAfterFailedBuilds();
