// One-click fixes, each undoable: the "Fix…" buttons of the findings list and the card.
import { toUnits } from "./offsets.js";

// Replace units [from, to) of a text field. execCommand keeps the browser's own undo (Ctrl+Z)
// working across the change; where it is missing or does nothing, the text is set directly and
// an input event tells the editor, as typing would.
export function replaceRange(input, from, to, replacement, doc = globalThis.document) {
  input.focus();
  input.setSelectionRange(from, to);
  const before = input.value;
  let done;
  try {
    done = doc.execCommand(replacement === "" ? "delete" : "insertText", false, replacement);
  } catch {
    done = false;
  }
  if (!done || input.value === before) {
    input.setRangeText(replacement, from, to, "end");
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
}

// The code points a fix replaces: the finding's span, or the wider range the server gave for
// its exact fix (the words that introduced an address go with it). Other replacements (spelling
// suggestions) always take the span.
export function fixRange(f, replacement) {
  if (f.fixBefore === undefined || replacement !== f.li?.dataset.fix) return [f.start, f.end];
  return [f.start - f.fixBefore, f.end + f.fixAfter];
}

// The last fix, so that "Undo" can take it back while the seller has not typed since.
export class FixHistory {
  constructor() {
    this.last = null;
  }

  // Apply `replacement` to finding `f` (code points) in `input`; false when there is nothing to do.
  apply(input, f, replacement, doc) {
    if (!f.alive || replacement === undefined) return false;
    const before = input.value;
    const [start, end] = fixRange(f, replacement);
    const from = toUnits(before, start);
    const to = toUnits(before, end);
    replaceRange(input, from, to, replacement, doc);
    this.last = { input: input, before: before, after: input.value, caret: from };
    return true;
  }

  // Typing after a fix: Ctrl+Z still undoes it step by step; the button would undo too much.
  // True when the fix was forgotten just now.
  forgetIfTyped() {
    if (this.last && this.last.input.value !== this.last.after) {
      this.last = null;
      return true;
    }
    return false;
  }

  undo(doc) {
    if (!this.last) return false;
    const { input, before, after, caret } = this.last;
    if (input.value === after) replaceRange(input, 0, input.value.length, before, doc);
    input.setSelectionRange(caret, caret);
    this.last = null;
    return true;
  }
}

export function setupFixes(ctx) {
  const { body, subject, fixStatus, undoButton } = ctx.els;
  const history = new FixHistory();

  undoButton.addEventListener("click", () => {
    if (!history.undo()) return;
    undoButton.hidden = true;
    fixStatus.textContent = ctx.strings.undone;
  });

  return {
    replaceRange,
    apply(f, replacement) {
      const input = f.field === "subject" ? subject : body;
      if (!history.apply(input, f, replacement)) return;
      fixStatus.textContent = ctx.strings.fixed;
      // The seller's editor saves a fix as such; the template editor has no autosave.
      if (ctx.autosave) ctx.autosave.noteFix();
      undoButton.hidden = false;
      ctx.marks.hideCard();
    },
    onEdit() {
      if (history.forgetIfTyped()) undoButton.hidden = true;
      // "Fixed." or "Fix undone." is said once; the fix itself sets it after its own edit.
      fixStatus.textContent = "";
    },
  };
}
