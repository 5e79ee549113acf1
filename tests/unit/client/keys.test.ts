import { describe, expect, it } from "vitest";
import { chapterKey, isSearchKey, menuTab, resultsKey, takesText, type KeyPress } from "../../../src/client/keys.js";

/** A key pressed alone, or with the modifiers given. */
const press = (key: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...modifiers,
});

describe("the arrow keys between chapters", () => {
  it("go to the previous chapter with ArrowLeft and the next with ArrowRight", () => {
    expect(chapterKey(press("ArrowLeft"))).toBe("prev");
    expect(chapterKey(press("ArrowRight"))).toBe("next");
  });

  it("do nothing with a modifier, once something else took the key, or for any other key", () => {
    for (const modifier of ["altKey", "ctrlKey", "metaKey", "shiftKey", "defaultPrevented"])
      expect(chapterKey(press("ArrowRight", { [modifier]: true })), modifier).toBeUndefined();
    for (const key of ["ArrowUp", "ArrowDown", "PageDown", " ", "n"])
      expect(chapterKey(press(key)), key).toBeUndefined();
  });
});

describe("the keys that go to the search box", () => {
  it("are / where it is not typed as text, and Ctrl+K or Cmd+K anywhere", () => {
    expect(isSearchKey(press("/"), false)).toBe(true);
    expect(isSearchKey(press("k", { ctrlKey: true }), false)).toBe(true);
    expect(isSearchKey(press("K", { metaKey: true }), false)).toBe(true);
    expect(isSearchKey(press("k", { ctrlKey: true }), true)).toBe(true);
  });

  it("leave / to a field it is typed in, and Alt, Shift+Ctrl+K, a plain k and a key already taken alone", () => {
    expect(isSearchKey(press("/"), true)).toBe(false);
    expect(isSearchKey(press("/", { ctrlKey: true }), false)).toBe(false);
    expect(isSearchKey(press("/", { altKey: true }), false)).toBe(false);
    expect(isSearchKey(press("k", { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(isSearchKey(press("k", { ctrlKey: true, altKey: true }), false)).toBe(false);
    expect(isSearchKey(press("k"), false)).toBe(false);
    expect(isSearchKey(press("/", { defaultPrevented: true }), false)).toBe(false);
  });

  it("count a field as typed in when its type takes text", () => {
    for (const type of ["text", "search", "email", "url", "number"]) expect(takesText(type), type).toBe(true);
    for (const type of ["button", "checkbox", "radio", "submit", "reset"]) expect(takesText(type), type).toBe(false);
  });
});

describe("Tab in the open chapter menu", () => {
  const none = { button: false, firstLink: false, lastLink: false };

  it("enters the menu from its button and goes back to the button from its first link", () => {
    expect(menuTab(press("Tab"), { ...none, button: true })).toBe("first link");
    expect(menuTab(press("Tab", { shiftKey: true }), { ...none, firstLink: true })).toBe("button");
  });

  it("leaves the menu from its last link for what follows the button, also when it has one link", () => {
    expect(menuTab(press("Tab"), { ...none, lastLink: true })).toBe("after the button");
    expect(menuTab(press("Tab"), { ...none, firstLink: true, lastLink: true })).toBe("after the button");
  });

  it("is the browser's between links, backwards from the button, with a modifier and for other keys", () => {
    expect(menuTab(press("Tab"), { ...none, firstLink: true })).toBeUndefined();
    expect(menuTab(press("Tab"), none)).toBeUndefined();
    expect(menuTab(press("Tab", { shiftKey: true }), { ...none, button: true })).toBeUndefined();
    expect(menuTab(press("Tab", { ctrlKey: true }), { ...none, button: true })).toBeUndefined();
    expect(menuTab(press("Tab", { altKey: true }), { ...none, button: true })).toBeUndefined();
    expect(menuTab(press("ArrowDown"), { ...none, button: true })).toBeUndefined();
  });
});

describe("keys in the search results", () => {
  it("ArrowDown goes from the box to the first result and on to the last, no further", () => {
    expect(resultsKey("ArrowDown", -1, 3)).toEqual({ focus: 0 });
    expect(resultsKey("ArrowDown", 1, 3)).toEqual({ focus: 2 });
    expect(resultsKey("ArrowDown", 2, 3)).toEqual({ focus: 2 });
    expect(resultsKey("ArrowDown", -1, 0)).toBeUndefined();
  });

  it("ArrowUp goes back a result, from the first to the box, and does nothing in the box", () => {
    expect(resultsKey("ArrowUp", 2, 3)).toEqual({ focus: 1 });
    expect(resultsKey("ArrowUp", 0, 3)).toEqual({ focus: -1 });
    expect(resultsKey("ArrowUp", -1, 3)).toBeUndefined();
  });

  it("Escape closes the results from a result, and leaves search from the box", () => {
    expect(resultsKey("Escape", 1, 3)).toBe("close");
    expect(resultsKey("Escape", -1, 3)).toBe("leave");
    expect(resultsKey("Enter", 0, 3)).toBeUndefined();
  });
});
