// The home page's book cards, filtered by text, status and category.

/** What a card is filtered by: its text, and its `data-status` and `data-category`. */
export interface Card {
  text: string;
  status?: string;
  category?: string;
}

/** The filter's fields: words to look for, and a status and a category ("" for any). */
export interface Filter {
  text: string;
  status: string;
  category: string;
}

/** True when a card matches the filter: it holds the words (any case), and has the status and category asked for. */
export function cardMatches(card: Card, filter: Filter): boolean {
  const text = filter.text.trim().toLowerCase();
  return (
    (!text || card.text.toLowerCase().includes(text)) &&
    (!filter.status || card.status === filter.status) &&
    (!filter.category || card.category === filter.category)
  );
}

/** The count the filter says: `2 of 3 books shown`. */
export function shownCount(shown: number, total: number): string {
  return `${shown} of ${total} book${total === 1 ? "" : "s"} shown`;
}

/** The value of a form's field by name, "" when it has none. */
function fieldValue(form: HTMLFormElement, name: string): string {
  const field = form.elements.namedItem(name);
  return field instanceof HTMLInputElement || field instanceof HTMLSelectElement ? field.value : "";
}

/** Filters the home page's book cards by text, status and category. */
export function setUpBookFilter(): void {
  const form = document.querySelector<HTMLFormElement>("form[data-book-filter]");
  if (!form) return;
  const cards = [...document.querySelectorAll<HTMLElement>(".book-card")];
  const count = form.querySelector(".book-filter__count");
  const apply = () => {
    const filter = {
      text: fieldValue(form, "text"),
      status: fieldValue(form, "status"),
      category: fieldValue(form, "category"),
    };
    let shown = 0;
    for (const card of cards) {
      const match = cardMatches(
        { text: card.textContent ?? "", status: card.dataset.status, category: card.dataset.category },
        filter,
      );
      card.hidden = !match;
      if (match) shown += 1;
    }
    if (count) count.textContent = shownCount(shown, cards.length);
  };
  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
}
