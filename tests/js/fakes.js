// Small stand-ins for the browser objects the editor modules touch, enough for node --test.

export class FakeClassList {
  constructor() {
    this.names = new Set();
  }
  add(name) {
    this.names.add(name);
  }
  remove(name) {
    this.names.delete(name);
  }
  contains(name) {
    return this.names.has(name);
  }
}

export class FakeElement {
  constructor(tag, dataset = {}) {
    this.tagName = tag.toUpperCase();
    this.dataset = { ...dataset };
    this.classList = new FakeClassList();
    this.children = [];
    this.className = "";
    this.textContent = "";
  }
  appendChild(child) {
    this.children.push(child);
    return child;
  }
  querySelectorAll(selector) {
    if (selector !== "li.finding" && selector !== "li.review-comment") {
      throw new Error("unexpected selector " + selector);
    }
    return this.children.filter((c) => c.tagName === "LI");
  }
}

// A document that builds FakeElements; text nodes are plain {text} objects.
export const fakeDocument = {
  createDocumentFragment: () => new FakeElement("fragment"),
  createElement: (tag) => new FakeElement(tag),
  createTextNode: (text) => ({ text }),
};

// A text field: value, selection and the two ways of replacing text the editor uses.
export class FakeInput {
  constructor(value) {
    this.value = value;
    this.selectionStart = 0;
    this.selectionEnd = 0;
    this.events = [];
  }
  focus() {}
  setSelectionRange(from, to) {
    this.selectionStart = from;
    this.selectionEnd = to;
  }
  setRangeText(text, from, to) {
    this.value = this.value.slice(0, from) + text + this.value.slice(to);
    this.selectionStart = this.selectionEnd = from + text.length;
  }
  dispatchEvent(event) {
    this.events.push(event.type);
  }
}

export class FakeStorage {
  constructor() {
    this.items = new Map();
  }
  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }
  setItem(key, value) {
    this.items.set(key, String(value));
  }
  removeItem(key) {
    this.items.delete(key);
  }
}
