// Marks: the findings behind the text, the layer that draws a mark under each of them, the card
// that explains the mark under the pointer or the caret, and the findings list beside the text.
import { editBetween, shiftSpans, toPoints, toUnits } from "./offsets.js";

// A lead's comment on a passage (comments.js) is marked like a finding of the lowest rank:
// where a finding covers the same words, the finding's mark and card come first.
export const SEVERITY_RANK = { error: 3, warning: 2, info: 1, comment: 0 };

// The findings model, read from the list the server rendered (composer/partials/findings.html).
export function readFindings(container) {
  return Array.from(container.querySelectorAll("li.finding")).map((li, index) => {
    li.dataset.index = String(index);
    const f = {
      index: index,
      li: li,
      field: li.dataset.field || "body",
      start: parseInt(li.dataset.start, 10),
      end: parseInt(li.dataset.end, 10),
      severity: li.dataset.severity,
      rule: li.dataset.rule,
      alive: true,
    };
    // A fix that reaches beyond the marked words ("or email me at …"): kept as distances from
    // the span, so it moves with it.
    if (li.dataset.fixStart !== undefined) {
      f.fixBefore = f.start - parseInt(li.dataset.fixStart, 10);
      f.fixAfter = parseInt(li.dataset.fixEnd, 10) - f.end;
    }
    return f;
  });
}

// Carry the findings of one field through an edit, and keep their list items in step.
export function shiftFindings(findings, field, before, after) {
  const own = findings.filter((f) => f.field === field);
  if (before !== after) {
    // An edit among the words a fix would take along: the fix keeps to the marked words.
    const edit = editBetween(before, after);
    for (const f of own) {
      if (f.fixBefore === undefined) continue;
      if (edit.start < f.end + f.fixAfter && edit.end > f.start - f.fixBefore) {
        delete f.fixBefore;
        delete f.fixAfter;
      }
    }
  }
  for (const f of shiftSpans(own, before, after)) {
    // The seller changed the marked words themselves: the next check decides.
    if (!f.alive) f.li.classList.add("finding-stale");
    f.li.dataset.start = String(f.start);
    f.li.dataset.end = String(f.end);
  }
}

function mostSevere(list) {
  return list.reduce((x, y) => (SEVERITY_RANK[y.severity] > SEVERITY_RANK[x.severity] ? y : x));
}

// The text cut at every live finding's start and end. Each piece is {text, findings} (the
// findings covering it, `top` the most severe) or {insert: finding} for a finding that marks a
// place between two characters (something missing there).
export function markSegments(text, findings, field) {
  const chars = Array.from(text);
  const live = findings.filter((f) => f.alive && f.field === field && f.end <= chars.length);
  const cuts = new Set([0, chars.length]);
  for (const f of live) {
    cuts.add(f.start);
    cuts.add(f.end);
  }
  const points = Array.from(cuts).sort((x, y) => x - y);
  const segments = [];
  for (const f of live) {
    if (f.start === f.end && f.start === 0) segments.push({ insert: f });
  }
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i];
    const to = points[i + 1];
    const piece = chars.slice(from, to).join("");
    const covering = live.filter((f) => f.start <= from && f.end >= to && f.start < f.end);
    segments.push(covering.length ? { text: piece, findings: covering, top: mostSevere(covering) } : { text: piece });
    for (const f of live) {
      if (f.start === f.end && f.start === to && to !== 0) segments.push({ insert: f });
    }
  }
  return segments;
}

// The finding the caret is in (the most severe one), or the one exactly selected. Positions are
// code points; `selection` is true when the seller has selected text in the field.
export function findingAt(findings, start, end, selection) {
  if (selection) {
    return findings.find((f) => f.alive && f.field === "body" && f.start === start && f.end === end);
  }
  const inside = findings.filter(
    (f) => f.alive && f.field === "body" && f.start <= start && start <= f.end && (f.start < f.end || start === f.start),
  );
  return inside.sort((x, y) => SEVERITY_RANK[y.severity] - SEVERITY_RANK[x.severity])[0];
}

export function renderSegments(doc, segments) {
  const fragment = doc.createDocumentFragment();
  for (const s of segments) {
    if (s.insert) {
      const mark = doc.createElement("mark");
      mark.className = "mark-insert mark-" + s.insert.severity;
      mark.dataset.findings = String(s.insert.index);
      mark.dataset.rule = s.insert.rule;
      fragment.appendChild(mark);
    } else if (s.top) {
      const commented = s.top.severity !== "comment" && s.findings.some((f) => f.severity === "comment");
      const lines = s.text.split("\n");
      lines.forEach((line, i) => {
        if (i > 0) fragment.appendChild(doc.createTextNode("\n"));
        // A whole line inside the mark (a blank line too many) is marked across its width:
        // an empty line has no characters to underline.
        const whole = i > 0 && i < lines.length - 1;
        if (!line && !whole) return;
        const mark = doc.createElement("mark");
        mark.className = "mark-" + s.top.severity + (commented ? " mark-commented" : "") + (whole ? " mark-line" : "");
        mark.dataset.findings = s.findings.map((f) => f.index).join(" ");
        mark.dataset.rule = s.top.rule;
        mark.textContent = whole && !line ? "\u200b" : line;
        fragment.appendChild(mark);
      });
    } else {
      fragment.appendChild(doc.createTextNode(s.text));
    }
  }
  return fragment;
}

// Put a textarea into a mark editor: a layer behind it that draws the marks (the seller's
// editor has this structure in its page; the template editor builds it here, around the text
// box its form renders). Returns the backdrop and its layer.
export function wrapInMarkEditor(doc, textarea) {
  const editor = doc.createElement("div");
  editor.className = "mark-editor";
  const backdrop = doc.createElement("div");
  backdrop.className = "mark-backdrop";
  backdrop.id = "mark-backdrop";
  backdrop.setAttribute("aria-hidden", "true");
  const layer = doc.createElement("div");
  layer.className = "mark-layer";
  layer.id = "mark-layer";
  backdrop.appendChild(layer);
  // Moving the textarea takes the focus from it: an admin who is already typing (the script
  // may load after the first keys) keeps the caret, the selection and the scroll.
  const focused = doc.activeElement === textarea;
  const { selectionStart, selectionEnd, selectionDirection, scrollTop } = textarea;
  textarea.parentNode.insertBefore(editor, textarea);
  editor.appendChild(backdrop);
  editor.appendChild(textarea);
  if (focused) {
    textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(selectionStart, selectionEnd, selectionDirection);
    textarea.scrollTop = scrollTop;
  }
  return { backdrop, layer };
}

const LAYER_STYLE = [
  "fontFamily", "fontSize", "fontWeight", "fontStyle", "lineHeight", "letterSpacing",
  "wordSpacing", "textIndent", "textTransform", "tabSize", "paddingTop", "paddingRight",
  "paddingBottom", "paddingLeft", "borderTopWidth", "borderRightWidth", "borderBottomWidth",
  "borderLeftWidth", "borderRadius",
];

// Wires the marks, the card and the findings list of one editor. `ctx.findings` is the model;
// `ctx.fixes.apply` (fixes.js) is called when the seller chooses a fix.
export function setupMarks(ctx) {
  const { body, subject, backdrop, layer, subjectMarks, card, findingsContent } = ctx.els;
  const strings = ctx.strings;

  // What the text's marks stand for: the findings, then the lead's comments on passages.
  const marked = () => (ctx.comments && ctx.comments.length ? ctx.findings.concat(ctx.comments) : ctx.findings);
  const itemFor = (key) => marked().find((f) => String(f.index) === key);

  function syncLayerStyle() {
    const style = getComputedStyle(body);
    for (const prop of LAYER_STYLE) backdrop.style[prop] = style[prop];
    backdrop.style.borderStyle = "solid";
    backdrop.style.borderColor = "transparent";
    // The textarea's scrollbar narrows its text: the layer takes exactly the same width.
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    layer.style.width = body.clientWidth - padding + "px";
    backdrop.scrollTop = body.scrollTop;
  }

  function draw() {
    const fragment = renderSegments(document, markSegments(body.value, marked(), "body"));
    // A final line break needs a character after it to take up its line, as in the textarea.
    fragment.appendChild(document.createTextNode("\u200b"));
    layer.replaceChildren(fragment);
    backdrop.scrollTop = body.scrollTop;
    // The subject is one line: its marks are shown on a copy of it right under the field.
    const subjectMarked = ctx.findings.some((f) => f.alive && f.field === "subject");
    subjectMarks.hidden = !subjectMarked;
    subjectMarks.replaceChildren(
      subjectMarked ? renderSegments(document, markSegments(subject.value, ctx.findings, "subject")) : "",
    );
  }

  // Redraw at most once per frame: fast typing or a paste of many lines costs one layout.
  let drawFrame = 0;
  function scheduleDraw() {
    if (drawFrame) return;
    drawFrame = requestAnimationFrame(() => {
      drawFrame = 0;
      draw();
    });
  }

  // ---- The card: message, guideline and fix for the mark under the pointer or the caret ----

  let cardFinding = null;
  let hideTimer = null;

  // The comment's words, author and time in the card; no guideline, no fix.
  function fillCommentCard(c) {
    card.setAttribute("aria-label", strings.commentCard);
    document.getElementById("mark-card-severity").textContent = strings.commentLabel;
    document.getElementById("mark-card-message").textContent = c.li.querySelector(".comment-body").textContent;
    document.getElementById("mark-card-suggestion").textContent = c.li.querySelector(".small").textContent.trim();
    document.getElementById("mark-card-link").hidden = true;
    document.getElementById("mark-card-actions").replaceChildren();
    document.getElementById("mark-card-keys").hidden = true;
  }

  function showCard(f, anchor) {
    clearTimeout(hideTimer);
    cardFinding = f;
    if (f.severity === "comment") {
      fillCommentCard(f);
      placeCard(f, anchor);
      return;
    }
    card.setAttribute("aria-label", strings.findingCard);
    document.getElementById("mark-card-link").hidden = false;
    document.getElementById("mark-card-keys").hidden = false;
    const li = f.li;
    document.getElementById("mark-card-severity").textContent = li.querySelector(".severity-label").textContent;
    document.getElementById("mark-card-message").textContent = li.querySelector(".message").textContent;
    const suggestion = li.querySelector(".suggestion");
    document.getElementById("mark-card-suggestion").textContent = suggestion ? suggestion.textContent : "";
    const link = document.getElementById("mark-card-link");
    const ruleLink = li.querySelector(".rule-link");
    link.setAttribute("href", ruleLink.getAttribute("href"));
    link.textContent = ruleLink.textContent;
    const actions = document.getElementById("mark-card-actions");
    actions.replaceChildren();
    const fixButtons = li.querySelectorAll(".fix-button");
    // The card names only the keys that do something for this finding (shortcuts.js).
    document.getElementById("mark-card-key-apply").hidden = fixButtons.length === 0;
    document.getElementById("mark-card-key-ignore").hidden = !li.querySelector("form.spelling-ignore");
    for (const button of fixButtons) {
      // The card says what the fix does and offers "Apply": the one button named "Fix…"
      // stays the list item's, so each finding has exactly one.
      let copy;
      if (button.classList.contains("fix-exact")) {
        const what = document.createElement("span");
        what.id = "mark-card-fix";
        what.className = "mark-card-fix";
        what.textContent = button.textContent.trim();
        actions.appendChild(what);
        copy = document.createElement("button");
        copy.type = "button";
        copy.className = "btn btn-sm btn-primary";
        copy.textContent = strings.apply;
        copy.setAttribute("aria-describedby", "mark-card-fix");
      } else {
        copy = button.cloneNode(true);
      }
      if (button === fixButtons[0]) copy.setAttribute("aria-keyshortcuts", "Alt+Enter");
      const replacement = button.dataset.replacement;
      copy.addEventListener("click", () => ctx.fixes.apply(f, replacement));
      actions.appendChild(copy);
    }
    placeCard(f, anchor);
  }

  function placeCard(f, anchor) {
    for (const m of layer.querySelectorAll("mark")) {
      m.classList.toggle("mark-active", m.dataset.findings.split(" ").includes(String(f.index)));
    }
    card.hidden = false;
    const field = card.offsetParent || card.parentElement;
    const fieldBox = field.getBoundingClientRect();
    const box = anchor ? anchor.getBoundingClientRect() : body.getBoundingClientRect();
    card.style.left = Math.max(0, Math.min(box.left - fieldBox.left, fieldBox.width - card.offsetWidth)) + "px";
    card.style.top = box.bottom - fieldBox.top + 4 + "px";
  }

  function hideCard() {
    cardFinding = null;
    card.hidden = true;
    for (const m of layer.querySelectorAll(".mark-active")) m.classList.remove("mark-active");
  }

  function hideCardSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => {
      if (!card.contains(document.activeElement) && !card.matches(":hover")) hideCard();
    }, 400);
  }

  function markElementFor(f) {
    return Array.from(layer.querySelectorAll("mark")).find((m) =>
      m.dataset.findings.split(" ").includes(String(f.index)),
    );
  }

  function findingAtCaret() {
    const selection = body.selectionStart !== body.selectionEnd && document.activeElement === body;
    const start = toPoints(body.value, body.selectionStart);
    const end = selection ? toPoints(body.value, body.selectionEnd) : start;
    return findingAt(marked(), start, end, selection);
  }

  function onCaretMove() {
    const f = findingAtCaret();
    if (f) showCard(f, markElementFor(f));
    else if (cardFinding && !card.contains(document.activeElement)) hideCard();
  }

  let pointerFrame = 0;
  body.addEventListener("mousemove", (event) => {
    if (pointerFrame) return;
    pointerFrame = requestAnimationFrame(() => {
      pointerFrame = 0;
      const hit = Array.from(layer.querySelectorAll("mark")).find((m) =>
        Array.from(m.getClientRects()).some(
          (r) =>
            event.clientX >= r.left - 2 &&
            event.clientX <= r.right + 2 &&
            event.clientY >= r.top &&
            event.clientY <= r.bottom,
        ),
      );
      if (hit) {
        const f = itemFor(hit.dataset.findings.split(" ")[0]);
        if (f && f !== cardFinding) showCard(f, hit);
      } else if (cardFinding) {
        hideCardSoon();
      }
    });
  });
  body.addEventListener("mouseleave", hideCardSoon);
  card.addEventListener("mouseleave", hideCardSoon);
  card.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  card.addEventListener("focusout", (event) => {
    if (!card.contains(event.relatedTarget) && event.relatedTarget !== body) hideCard();
  });
  card.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      hideCard();
      body.focus();
    }
  });
  body.addEventListener("keyup", onCaretMove);
  body.addEventListener("click", onCaretMove);
  body.addEventListener("focus", onCaretMove);
  body.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && cardFinding) hideCard();
  });
  body.addEventListener("blur", (event) => {
    if (!card.contains(event.relatedTarget)) hideCardSoon();
  });
  body.addEventListener("scroll", () => {
    backdrop.scrollTop = body.scrollTop;
    if (!cardFinding) return;
    // The card follows its mark while it is in sight and goes away when it scrolls out.
    const mark = markElementFor(cardFinding);
    const box = body.getBoundingClientRect();
    const rect = mark ? mark.getBoundingClientRect() : null;
    if (rect && rect.bottom > box.top && rect.top < box.bottom) showCard(cardFinding, mark);
    else hideCard();
  });
  new ResizeObserver(syncLayerStyle).observe(body);
  window.addEventListener("resize", syncLayerStyle);

  // ---- The findings list: select a finding to put the caret on its words ------------------

  function selectFinding(f) {
    const input = f.field === "subject" ? subject : body;
    const text = input.value;
    input.focus();
    input.setSelectionRange(toUnits(text, f.start), toUnits(text, f.end));
    if (input === body) {
      // Bring the span into view: the layer knows where the words are, the textarea follows.
      const mark = markElementFor(f);
      if (mark) {
        const top = mark.offsetTop;
        if (top < body.scrollTop || top + mark.offsetHeight > body.scrollTop + body.clientHeight) {
          body.scrollTop = Math.max(0, top - body.clientHeight / 3);
        }
      }
      backdrop.scrollTop = body.scrollTop;
      showCard(f, mark);
    }
  }

  findingsContent.addEventListener("click", (event) => {
    const button = event.target.closest(".fix-button");
    const li = event.target.closest("li.finding");
    if (!li) return;
    const f = ctx.findings[parseInt(li.dataset.index, 10)];
    if (!f) return;
    if (button) {
      ctx.fixes.apply(f, button.dataset.replacement);
      return;
    }
    if (event.target.closest("a")) return;
    if (f.alive) selectFinding(f);
  });
  findingsContent.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    const li = event.target;
    if (!(li instanceof HTMLElement) || !li.matches("li.finding")) return;
    event.preventDefault();
    const f = ctx.findings[parseInt(li.dataset.index, 10)];
    if (f && f.alive) selectFinding(f);
  });

  return {
    draw,
    scheduleDraw,
    syncLayerStyle,
    hideCard,
    // Put the caret on a finding and show its card (the keyboard shortcuts use it too).
    select: selectFinding,
    // The finding whose card is showing, or null.
    current: () => cardFinding,
    // The card is showing a finding that an edit has just made stale.
    hideCardIfStale() {
      if (cardFinding && !cardFinding.alive) hideCard();
    },
  };
}
