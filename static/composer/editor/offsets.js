// Offsets. The server counts code points (Python string indices; an emoji such as 👍🏽 is two),
// the browser's textarea counts UTF-16 units (👍🏽 is four). Marks are kept in code points and
// converted only when the caret or a fix touches the textarea.

export function codePointLength(text) {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

// The UTF-16 index of code point number `points` in `text`.
export function toUnits(text, points) {
  let i = 0;
  for (let n = 0; n < points && i < text.length; n++) {
    const c = text.codePointAt(i);
    i += c > 0xffff ? 2 : 1;
  }
  return i;
}

// The code point index of UTF-16 index `units` in `text`.
export function toPoints(text, units) {
  return codePointLength(text.slice(0, units));
}

// The edit that turned `before` into `after`, in code points: the part between the common
// prefix and the common suffix of both texts. `end` is where the replaced part ended in `before`.
export function editBetween(before, after) {
  const a = Array.from(before);
  const b = Array.from(after);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) {
    suffix++;
  }
  return { start: prefix, end: a.length - suffix, delta: b.length - a.length };
}

// Move spans ({start, end, alive}) through an edit so they stay on their words. A span whose own
// words changed is no longer alive (the next check decides about it). Returns the spans that
// moved or died, so that the caller can update what shows them.
export function shiftSpans(spans, before, after) {
  if (before === after) return [];
  const edit = editBetween(before, after);
  const changed = [];
  for (const s of spans) {
    if (!s.alive) continue;
    const insertAtEdit = s.start === s.end && s.start === edit.start && edit.end > edit.start;
    if (s.end <= edit.start && !insertAtEdit) continue;
    if (s.start >= edit.end) {
      s.start += edit.delta;
      s.end += edit.delta;
    } else {
      s.alive = false;
    }
    changed.push(s);
  }
  return changed;
}
