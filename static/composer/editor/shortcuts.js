// Keyboard shortcuts for the findings, shown in each spelling and grammar finding: Alt+↓ and
// Alt+↑ move to the next and previous finding in the text, Alt+Enter applies the first
// suggestion of the finding under the caret, Alt+I ignores its word in this draft.

// The finding after (direction 1) or before (-1) `current`, in reading order: the body's by
// position, then the subject's. Without a current finding, the first one after the caret (or
// the last one before it). The list wraps around; null when no finding is left.
export function stepFinding(findings, current, caret, direction) {
  const alive = findings
    .filter((f) => f.alive)
    .sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === "body" ? -1 : 1));
  if (alive.length === 0) return null;
  const at = alive.indexOf(current);
  if (at >= 0) return alive[(at + direction + alive.length) % alive.length];
  const body = alive.filter((f) => f.field === "body");
  if (direction > 0) return body.find((f) => f.start >= caret) || alive[0];
  return body.reverse().find((f) => f.start < caret) || alive[alive.length - 1];
}

export function setupShortcuts(ctx) {
  const { body } = ctx.els;

  // The finding in focus in the list, else the one whose card shows (under the caret).
  function current() {
    const active = document.activeElement;
    const li = active && active.closest ? active.closest("li.finding") : null;
    if (li) return ctx.findings[parseInt(li.dataset.index, 10)] || null;
    return ctx.marks.current() || null;
  }

  document.addEventListener("keydown", (event) => {
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const caret = [...body.value.slice(0, body.selectionStart)].length;
      const f = stepFinding(ctx.findings, current(), caret, event.key === "ArrowDown" ? 1 : -1);
      if (!f) return;
      event.preventDefault();
      ctx.marks.select(f);
      return;
    }
    const f = current();
    if (!f) return;
    if (event.key === "Enter") {
      const button = f.li.querySelector(".fix-button");
      if (!button) return;
      event.preventDefault();
      ctx.fixes.apply(f, button.dataset.replacement);
    } else if (event.code === "KeyI") {
      const form = f.li.querySelector("form.spelling-ignore");
      if (!form) return;
      event.preventDefault();
      form.requestSubmit();
    }
  });
}
