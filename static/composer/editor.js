// The composer editor. The seller types in a plain textarea; a layer behind it, styled exactly
// like it, draws a mark under every finding. The server checks the text (composer/checking.py)
// and answers with the findings fragment; this script keeps the marks, the findings list, quick
// fixes, the counter, autosave, the local copy and the export menu in step with the text.
//
// Offsets: the server counts code points (Python string indices; an emoji such as 👍🏽 is two),
// the browser's textarea counts UTF-16 units (👍🏽 is four). Marks are kept in code points and
// converted only when the caret or a fix touches the textarea.
(function () {
  "use strict";
  const form = document.getElementById("draft-form");
  if (!form) return;

  const body = document.getElementById("id_body");
  const subject = document.getElementById("id_subject");
  const versionInput = document.getElementById("id_version");
  const formatSelect = document.getElementById("id_message_format");
  const backdrop = document.getElementById("mark-backdrop");
  const layer = document.getElementById("mark-layer");
  const subjectMarks = document.getElementById("subject-marks");
  const card = document.getElementById("mark-card");
  const findingsContent = document.getElementById("findings-content");
  const announcer = document.getElementById("findings-announcer");
  const counter = document.getElementById("char-counter");
  const saveStatus = document.getElementById("save-status");
  const fixStatus = document.getElementById("fix-status-text");
  const undoButton = document.getElementById("undo-fix");
  const exportButton = document.getElementById("export-button");
  const exportChoices = document.getElementById("export-choices");
  const exportStatus = document.getElementById("export-status");
  const apiPreview = document.getElementById("api-preview");
  const previewSection = document.getElementById("html-preview");
  const strings = document.getElementById("editor-strings").dataset;
  const storageKey = "composer:draft:" + form.dataset.draft;
  // Not form.action: the "Save draft" button is named "action" and shadows the property.
  const saveUrl = form.getAttribute("action");
  const CHECK_DELAY = 300;
  const SAVE_DELAY = 1500;

  // ---- Code points and UTF-16 ------------------------------------------------------------

  function codePointLength(text) {
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

  function toUnits(text, points) {
    // The UTF-16 index of code point number `points` in `text`.
    let i = 0;
    for (let n = 0; n < points && i < text.length; n++) {
      const c = text.codePointAt(i);
      i += c > 0xffff ? 2 : 1;
    }
    return i;
  }

  function toPoints(text, units) {
    return codePointLength(text.slice(0, units));
  }

  // ---- Findings: the model behind the marks and the list ----------------------------------

  let findings = [];

  function readFindings() {
    findings = Array.from(findingsContent.querySelectorAll("li.finding")).map((li, index) => {
      li.dataset.index = String(index);
      return {
        index: index,
        li: li,
        field: li.dataset.field || "body",
        start: parseInt(li.dataset.start, 10),
        end: parseInt(li.dataset.end, 10),
        severity: li.dataset.severity,
        rule: li.dataset.rule,
        alive: true,
      };
    });
  }

  function shiftFindings(field, before, after) {
    // Move marks through an edit so they stay on their words while the next check runs.
    // The edit is the part between the common prefix and the common suffix of both texts.
    if (before === after) return;
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
    const editEnd = a.length - suffix;
    const delta = b.length - a.length;
    for (const f of findings) {
      if (!f.alive || f.field !== field) continue;
      if (f.end <= prefix && !(f.start === f.end && f.start === prefix && editEnd > prefix)) continue;
      if (f.start >= editEnd) {
        f.start += delta;
        f.end += delta;
      } else {
        // The seller changed the marked words themselves: the next check decides.
        f.alive = false;
        f.li.classList.add("finding-stale");
      }
      f.li.dataset.start = String(f.start);
      f.li.dataset.end = String(f.end);
    }
  }

  // ---- Drawing the marks -------------------------------------------------------------------

  const SEVERITY_RANK = { error: 3, warning: 2, info: 1 };

  function syncLayerStyle() {
    const style = getComputedStyle(body);
    for (const prop of [
      "fontFamily", "fontSize", "fontWeight", "fontStyle", "lineHeight", "letterSpacing",
      "wordSpacing", "textIndent", "textTransform", "tabSize", "paddingTop", "paddingRight",
      "paddingBottom", "paddingLeft", "borderTopWidth", "borderRightWidth", "borderBottomWidth",
      "borderLeftWidth", "borderRadius",
    ]) {
      backdrop.style[prop] = style[prop];
    }
    backdrop.style.borderStyle = "solid";
    backdrop.style.borderColor = "transparent";
    // The textarea's scrollbar narrows its text: the layer takes exactly the same width.
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    layer.style.width = body.clientWidth - padding + "px";
    backdrop.scrollTop = body.scrollTop;
  }

  function drawMarks() {
    const fragment = markedText(body.value, "body");
    // A final line break needs a character after it to take up its line, as in the textarea.
    fragment.appendChild(document.createTextNode("\u200b"));
    layer.replaceChildren(fragment);
    backdrop.scrollTop = body.scrollTop;
    // The subject is one line: its marks are shown on a copy of it right under the field.
    const subjectMarked = findings.some((f) => f.alive && f.field === "subject");
    subjectMarks.hidden = !subjectMarked;
    subjectMarks.replaceChildren(subjectMarked ? markedText(subject.value, "subject") : "");
  }

  function markedText(text, field) {
    // The text cut at every finding's start and end; each piece under findings becomes a mark
    // styled by the most severe of them.
    const chars = Array.from(text);
    const live = findings.filter((f) => f.alive && f.field === field && f.end <= chars.length);
    const cuts = new Set([0, chars.length]);
    for (const f of live) {
      cuts.add(f.start);
      cuts.add(f.end);
    }
    const points = Array.from(cuts).sort((x, y) => x - y);
    const fragment = document.createDocumentFragment();
    for (const f of live) {
      if (f.start === f.end && f.start === 0) fragment.appendChild(insertMark(f));
    }
    for (let i = 0; i < points.length - 1; i++) {
      const from = points[i];
      const to = points[i + 1];
      const piece = chars.slice(from, to).join("");
      const covering = live.filter((f) => f.start <= from && f.end >= to && f.start < f.end);
      if (covering.length) {
        const top = covering.reduce((x, y) => (SEVERITY_RANK[y.severity] > SEVERITY_RANK[x.severity] ? y : x));
        const mark = document.createElement("mark");
        mark.className = "mark-" + top.severity;
        mark.dataset.findings = covering.map((f) => f.index).join(" ");
        mark.dataset.rule = top.rule;
        mark.textContent = piece;
        fragment.appendChild(mark);
      } else {
        fragment.appendChild(document.createTextNode(piece));
      }
      for (const f of live) {
        if (f.start === f.end && f.start === to && to !== 0) fragment.appendChild(insertMark(f));
      }
    }
    return fragment;
  }

  // Redraw at most once per frame: fast typing or a paste of many lines costs one layout.
  let drawFrame = 0;
  function scheduleDraw() {
    if (drawFrame) return;
    drawFrame = requestAnimationFrame(() => {
      drawFrame = 0;
      drawMarks();
    });
  }

  function insertMark(f) {
    const mark = document.createElement("mark");
    mark.className = "mark-insert mark-" + f.severity;
    mark.dataset.findings = String(f.index);
    mark.dataset.rule = f.rule;
    return mark;
  }

  // ---- The card: message, guideline and fix for the mark under the pointer or the caret ----

  let cardFinding = null;
  let hideTimer = null;

  function showCard(f, anchor) {
    clearTimeout(hideTimer);
    cardFinding = f;
    const li = f.li;
    document.getElementById("mark-card-severity").textContent =
      li.querySelector(".severity-label").textContent;
    document.getElementById("mark-card-message").textContent = li.querySelector(".message").textContent;
    const suggestion = li.querySelector(".suggestion");
    document.getElementById("mark-card-suggestion").textContent = suggestion ? suggestion.textContent : "";
    const link = document.getElementById("mark-card-link");
    const ruleLink = li.querySelector(".rule-link");
    link.setAttribute("href", ruleLink.getAttribute("href"));
    link.textContent = ruleLink.textContent;
    const actions = document.getElementById("mark-card-actions");
    actions.replaceChildren();
    for (const button of li.querySelectorAll(".fix-button")) {
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
      const replacement = button.dataset.replacement;
      copy.addEventListener("click", () => applyFix(f, replacement));
      actions.appendChild(copy);
    }
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
    if (body.selectionStart !== body.selectionEnd && document.activeElement === body) {
      const start = toPoints(body.value, body.selectionStart);
      const end = toPoints(body.value, body.selectionEnd);
      return findings.find((f) => f.alive && f.field === "body" && f.start === start && f.end === end);
    }
    const caret = toPoints(body.value, body.selectionStart);
    const inside = findings.filter(
      (f) => f.alive && f.field === "body" && f.start <= caret && caret <= f.end && (f.start < f.end || caret === f.start),
    );
    return inside.sort((x, y) => SEVERITY_RANK[y.severity] - SEVERITY_RANK[x.severity])[0];
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
          (r) => event.clientX >= r.left - 2 && event.clientX <= r.right + 2 && event.clientY >= r.top && event.clientY <= r.bottom,
        ),
      );
      if (hit) {
        const f = findings[parseInt(hit.dataset.findings.split(" ")[0], 10)];
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
    const f = findings[parseInt(li.dataset.index, 10)];
    if (!f) return;
    if (button) {
      applyFix(f, button.dataset.replacement);
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
    const f = findings[parseInt(li.dataset.index, 10)];
    if (f && f.alive) selectFinding(f);
  });

  // ---- One-click fixes, each undoable -----------------------------------------------------

  let lastFix = null;

  function replaceRange(input, from, to, replacement) {
    // execCommand keeps the browser's own undo (Ctrl+Z) working across the fix.
    input.focus();
    input.setSelectionRange(from, to);
    const before = input.value;
    let done = false;
    try {
      done = document.execCommand(replacement === "" ? "delete" : "insertText", false, replacement);
    } catch (error) {
      done = false;
    }
    if (!done || input.value === before) {
      input.setRangeText(replacement, from, to, "end");
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  function applyFix(f, replacement) {
    if (!f.alive || replacement === undefined) return;
    const input = f.field === "subject" ? subject : body;
    const before = input.value;
    const from = toUnits(before, f.start);
    const to = toUnits(before, f.end);
    replaceRange(input, from, to, replacement);
    lastFix = { input: input, before: before, after: input.value, caret: from };
    fixStatus.textContent = strings.fixed;
    undoButton.hidden = false;
    hideCard();
  }

  undoButton.addEventListener("click", () => {
    if (!lastFix) return;
    const { input, before, after, caret } = lastFix;
    if (input.value === after) replaceRange(input, 0, input.value.length, before);
    input.setSelectionRange(caret, caret);
    lastFix = null;
    undoButton.hidden = true;
    fixStatus.textContent = strings.undone;
  });

  // ---- Live check: newest answer wins -------------------------------------------------------

  let checkTimer = null;
  let sentSeq = 0;
  let shownSeq = 0;
  let answered = 0;
  let lastBody = body.value;
  let lastSubject = subject.value;

  // Work still to do (a check or save waiting or on its way), shown as data-busy on the form so
  // that scripts and tests can tell when the page has settled.
  const pending = new Set();
  function begin(name) {
    pending.add(name);
    form.dataset.busy = "true";
  }
  function end(name) {
    pending.delete(name);
    if (!pending.size) delete form.dataset.busy;
  }

  function scheduleCheck() {
    clearTimeout(checkTimer);
    begin("check-timer");
    checkTimer = setTimeout(runCheck, CHECK_DELAY);
  }

  async function runCheck() {
    end("check-timer");
    const seq = ++sentSeq;
    begin("check-" + seq);
    try {
      await check(seq);
    } finally {
      end("check-" + seq);
    }
  }

  async function check(seq) {
    const sent = { body: body.value, subject: subject.value };
    const data = new FormData(form);
    let response;
    try {
      response = await fetch(form.dataset.checkUrl, { method: "POST", body: data, headers: { "X-Check-Seq": String(seq) } });
    } catch (error) {
      return;
    }
    if (!response.ok) return;
    const html = await response.text();
    answered++;
    // A slower, older answer must never replace a newer one.
    if (seq > shownSeq) {
      shownSeq = seq;
      showFindings(html, sent);
    }
    form.dataset.answered = String(answered);
  }

  function showFindings(html, sent) {
    const keep = document.activeElement && findingsContent.contains(document.activeElement)
      ? document.activeElement.closest("li.finding")
      : null;
    const keepRule = keep ? keep.dataset.rule + ":" + keep.dataset.start : null;
    findingsContent.innerHTML = html;
    readFindings();
    // The seller may have typed while the server checked: carry the answer over to the text now.
    shiftFindings("body", sent.body, body.value);
    shiftFindings("subject", sent.subject, subject.value);
    drawMarks();
    updateExportState();
    updatePreview();
    announce();
    if (keepRule) {
      const again = Array.from(findingsContent.querySelectorAll("li.finding")).find(
        (li) => li.dataset.rule + ":" + li.dataset.start === keepRule,
      );
      if (again) again.focus();
    }
  }

  let lastAnnouncement = "";
  function announce() {
    const summary = document.getElementById("findings-body");
    if (!summary) return;
    const total = summary.dataset.total;
    const text = total === "0"
      ? strings.noProblems
      : strings.summary
          .replace("%(errors)s", summary.dataset.errors)
          .replace("%(warnings)s", summary.dataset.warnings)
          .replace("%(total)s", total);
    if (text !== lastAnnouncement) {
      lastAnnouncement = text;
      announcer.textContent = text;
    }
  }

  function updateExportState() {
    const summary = document.getElementById("findings-body");
    const ok = !summary || summary.dataset.ok === "true";
    exportButton.disabled = !ok;
    for (const choice of exportChoices.querySelectorAll(".export-choice")) choice.disabled = !ok;
  }

  const previewForm = document.getElementById("preview-form");
  const previewHolder = document.getElementById("preview-holder");
  let previewSeq = 0;
  let previewShown = 0;

  function updatePreview() {
    const html = formatSelect.value === "html";
    previewSection.hidden = !html;
    document.getElementById("export-html").hidden = !html;
    if (!html) return;
    // The preview comes from the server, sanitised and under its own policy (https images,
    // nothing else), into a sandboxed frame. A fresh frame per update keeps the browser's
    // history clean (a new frame's first page replaces about:blank) and avoids flicker.
    const seq = ++previewSeq;
    const current = previewHolder.querySelector("iframe");
    const frame = document.createElement("iframe");
    frame.name = "preview-frame-" + seq;
    frame.className = "preview-frame";
    frame.setAttribute("sandbox", "");
    frame.setAttribute("referrerpolicy", "no-referrer");
    frame.title = current ? current.title : "";
    frame.hidden = true;
    previewHolder.appendChild(frame);
    frame.dataset.seq = String(seq);
    frame.addEventListener("load", () => {
      // A slower, older preview never replaces a newer one.
      if (seq < previewShown) {
        frame.remove();
        return;
      }
      previewShown = seq;
      for (const old of previewHolder.querySelectorAll("iframe")) {
        if (parseInt(old.dataset.seq || "0", 10) < seq) old.remove();
      }
      frame.id = "preview-frame";
      frame.hidden = false;
    });
    previewForm.target = frame.name;
    previewForm.elements.body.value = body.value;
    previewForm.submit();
  }

  function updateCounter() {
    const length = codePointLength(body.value);
    counter.querySelector(".count").textContent = String(length);
    const limit = parseInt(counter.dataset.limit || "0", 10);
    const over = limit > 0 && length > limit;
    counter.classList.toggle("text-danger", over);
    counter.querySelector(".over-limit").hidden = !over;
  }

  // ---- Autosave, the local copy, conflicts ------------------------------------------------

  let dirty = false;
  let saving = false;
  let saveTimer = null;
  let inConflict = false;
  let leaving = false;

  function snapshot() {
    return { body: body.value, subject: subject.value, format: formatSelect.value };
  }

  function keepLocalCopy() {
    try {
      const copy = { ...snapshot(), version: parseInt(versionInput.value, 10), at: Date.now() };
      localStorage.setItem(storageKey, JSON.stringify(copy));
    } catch (error) {
      // Private mode or a full storage: autosave to the server still protects the draft.
    }
  }

  function dropLocalCopy(saved) {
    try {
      const copy = JSON.parse(localStorage.getItem(storageKey) || "null");
      if (!copy || (copy.body === saved.body && copy.subject === saved.subject)) localStorage.removeItem(storageKey);
    } catch (error) {
      localStorage.removeItem(storageKey);
    }
  }

  function scheduleSave() {
    clearTimeout(saveTimer);
    begin("save-timer");
    saveTimer = setTimeout(saveNow, SAVE_DELAY);
  }

  async function saveNow() {
    end("save-timer");
    if (!dirty || saving || inConflict) return;
    saving = true;
    begin("save");
    const sent = snapshot();
    saveStatus.textContent = strings.saving;
    try {
      const response = await fetch(saveUrl, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
      });
      const data = await response.json();
      if (response.status === 409) {
        // A save of the same text from this page (on leaving, say) is not a conflict.
        const now = snapshot();
        const same =
          (data.body === sent.body && data.subject === sent.subject) ||
          (data.body === now.body && data.subject === now.subject);
        versionInput.value = String(data.version);
        if (!same) showConflict(sent, data);
        else markSaved(sent, data);
      } else if (response.ok) {
        versionInput.value = String(data.version);
        markSaved(sent, data);
      } else if (response.status === 503) {
        // The database is briefly away: say so, keep the local copy, and try again when the
        // server says it may be back.
        saveStatus.textContent = Object.values(data.errors || {}).flat().map((e) => e.message).join(" ");
        const wait = parseInt(response.headers.get("Retry-After") || "5", 10) || 5;
        setTimeout(scheduleSave, Math.max(1, wait) * 1000);
      } else {
        saveStatus.textContent = Object.values(data.errors || {}).flat().map((e) => e.message).join(" ");
      }
    } catch (error) {
      saveStatus.textContent = strings.offline;
      setTimeout(scheduleSave, 5000);
    } finally {
      saving = false;
      end("save");
    }
    const now = snapshot();
    if (!inConflict && (now.body !== sent.body || now.subject !== sent.subject || now.format !== sent.format)) {
      dirty = true;
      scheduleSave();
    }
  }

  function markSaved(sent, data) {
    const now = snapshot();
    dirty = now.body !== sent.body || now.subject !== sent.subject || now.format !== sent.format;
    form.dataset.savedVersion = versionInput.value;
    dropLocalCopy(sent);
    const time = data.saved ? new Date(data.saved) : new Date();
    saveStatus.textContent = strings.saved.replace("%(time)s", time.toLocaleTimeString());
  }

  const conflictPanel = document.getElementById("conflict-panel");
  let theirs = null;

  function showConflict(mine, stored) {
    inConflict = true;
    theirs = stored;
    document.getElementById("conflict-mine").textContent = mine.body;
    document.getElementById("conflict-theirs").textContent = stored.body;
    conflictPanel.hidden = false;
    conflictPanel.focus();
    saveStatus.textContent = "";
  }

  document.getElementById("conflict-keep-mine").addEventListener("click", () => {
    // The seller has seen both texts and chooses theirs to be replaced: save on top of it.
    conflictPanel.hidden = true;
    inConflict = false;
    versionInput.value = String(theirs.version);
    dirty = true;
    body.focus();
    saveNow();
  });

  document.getElementById("conflict-take-theirs").addEventListener("click", () => {
    conflictPanel.hidden = true;
    inConflict = false;
    versionInput.value = String(theirs.version);
    subject.value = theirs.subject;
    replaceRange(body, 0, body.value.length, theirs.body);
    if (theirs.format) formatSelect.value = theirs.format;
    dirty = false;
    clearTimeout(saveTimer);
    end("save-timer");
    dropLocalCopy(snapshot());
    try {
      localStorage.removeItem(storageKey);
    } catch (error) {
      /* nothing kept */
    }
    runCheck();
  });

  // Closing a tab fires both visibilitychange and pagehide: the same text is sent once (a
  // second request with the same version would only come back as a conflict).
  let sentOnLeave = "";
  function saveOnLeave() {
    if (!dirty || leaving || inConflict) return;
    const sending = JSON.stringify({ ...snapshot(), version: versionInput.value });
    if (sending === sentOnLeave) return;
    sentOnLeave = sending;
    keepLocalCopy();
    try {
      // keepalive lets the save finish after the tab has closed.
      fetch(saveUrl, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        keepalive: true,
      })
        .then((response) => response.json().then((data) => ({ response, data })))
        .then(({ response, data }) => {
          if (response.ok) {
            versionInput.value = String(data.version);
            markSaved(snapshot(), data);
          }
        })
        .catch(() => {});
    } catch (error) {
      /* the local copy is kept */
    }
  }

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") saveOnLeave();
  });
  window.addEventListener("pagehide", saveOnLeave);
  form.addEventListener("submit", () => {
    // A normal submit saves (or exports) the text itself; a save on leaving would race it.
    leaving = true;
    keepLocalCopy();
  });

  function offerLocalCopy() {
    let copy = null;
    try {
      copy = JSON.parse(localStorage.getItem(storageKey) || "null");
    } catch (error) {
      copy = null;
    }
    if (!copy || typeof copy.body !== "string") return;
    if (copy.body === body.value && copy.subject === subject.value) {
      localStorage.removeItem(storageKey);
      return;
    }
    const banner = document.getElementById("restore-banner");
    document.getElementById("restore-text").textContent = copy.body;
    document.getElementById("restore-time").textContent = strings.keptFrom.replace(
      "%(time)s",
      new Date(copy.at).toLocaleString(),
    );
    banner.hidden = false;
    document.getElementById("restore-button").addEventListener("click", () => {
      subject.value = copy.subject || "";
      if (copy.format) formatSelect.value = copy.format;
      replaceRange(body, 0, body.value.length, copy.body);
      banner.hidden = true;
      dirty = true;
      saveNow();
    });
    document.getElementById("restore-discard").addEventListener("click", () => {
      localStorage.removeItem(storageKey);
      banner.hidden = true;
      body.focus();
    });
  }

  // ---- Typing -----------------------------------------------------------------------------

  function onEdit(event) {
    if (lastFix && lastFix.input.value !== lastFix.after) {
      // Typing after a fix: Ctrl+Z still undoes it step by step; the button would undo too much.
      lastFix = null;
      undoButton.hidden = true;
    }
    shiftFindings("body", lastBody, body.value);
    shiftFindings("subject", lastSubject, subject.value);
    lastBody = body.value;
    lastSubject = subject.value;
    scheduleDraw();
    updateCounter();
    dirty = true;
    keepLocalCopy();
    // While a Japanese or Chinese input method is still composing, the text is not final:
    // check and save once the seller commits the characters.
    if (event && event.isComposing) return;
    scheduleCheck();
    scheduleSave();
    if (cardFinding && !cardFinding.alive) hideCard();
  }

  body.addEventListener("input", onEdit);
  subject.addEventListener("input", onEdit);
  for (const input of [body, subject]) {
    input.addEventListener("compositionend", () => {
      scheduleCheck();
      scheduleSave();
    });
  }
  formatSelect.addEventListener("change", () => {
    dirty = true;
    keepLocalCopy();
    updatePreview();
    runCheck();
    scheduleSave();
  });

  // ---- Export -----------------------------------------------------------------------------

  exportButton.hidden = false;
  exportChoices.hidden = true;
  exportButton.addEventListener("click", () => {
    const open = exportButton.getAttribute("aria-expanded") !== "true";
    exportButton.setAttribute("aria-expanded", String(open));
    exportChoices.hidden = !open;
    if (open) {
      const first = exportChoices.querySelector(".export-choice:not([hidden])");
      if (first) first.focus();
    }
  });
  exportChoices.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      exportButton.setAttribute("aria-expanded", "false");
      exportChoices.hidden = true;
      exportButton.focus();
    }
  });

  for (const choice of exportChoices.querySelectorAll(".export-choice")) {
    choice.addEventListener("click", async (event) => {
      event.preventDefault();
      if (choice.disabled) return;
      const data = new FormData(form);
      data.set("format", choice.value);
      exportStatus.textContent = "";
      apiPreview.hidden = true;
      const response = await fetch(choice.formAction, {
        method: "POST",
        body: data,
        headers: { Accept: "application/json" },
      });
      if (!response.ok) {
        const answer = await response.json().catch(() => ({}));
        if (response.status === 409 && answer.conflict) {
          showConflict(snapshot(), answer);
          return;
        }
        exportStatus.textContent = (answer.errors || []).join(" ");
        runCheck();
        return;
      }
      const text = await response.text();
      const version = response.headers.get("X-Draft-Version");
      if (version) {
        versionInput.value = version;
        markSaved(snapshot(), {});
      }
      const disposition = response.headers.get("Content-Disposition") || "";
      const name = (disposition.match(/filename="([^"]+)"/) || [null, "message.txt"])[1];
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], { type: response.headers.get("Content-Type") || "text/plain" }));
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      if (choice.value === "api") {
        document.getElementById("api-preview-text").textContent = text;
        apiPreview.hidden = false;
        exportStatus.textContent = strings.downloaded;
        return;
      }
      try {
        await navigator.clipboard.writeText(text);
        exportStatus.textContent = strings.copied;
      } catch (error) {
        exportStatus.textContent = strings.downloaded;
      }
    });
  }

  // ---- Start --------------------------------------------------------------------------------

  readFindings();
  syncLayerStyle();
  drawMarks();
  updateCounter();
  updateExportState();
  offerLocalCopy();
})();
