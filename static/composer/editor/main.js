// The composer editor. The seller types in a plain textarea; a layer behind it, styled exactly
// like it, draws a mark under every finding (marks.js). The server checks the text (check.js);
// fixes.js applies one-click fixes, autosave.js saves and keeps a local copy, export.js exports,
// shortcuts.js moves between findings and applies or ignores them from the keyboard.
// This module finds the page's elements, wires the modules together and follows the typing.
import { setupAutosave } from "./autosave.js";
import { setupComments } from "./comments.js";
import { createBusy, setupCheck } from "./check.js";
import { setupExport } from "./export.js";
import { setupFixes } from "./fixes.js";
import { looksLikeHtml, textToHtml } from "./format.js";
import { readFindings, setupMarks, shiftFindings } from "./marks.js";
import { setupShortcuts } from "./shortcuts.js";

function start(form) {
  const byId = (id) => document.getElementById(id);
  const els = {
    form,
    body: byId("id_body"),
    subject: byId("id_subject"),
    versionInput: byId("id_version"),
    formatSelect: byId("id_message_format"),
    backdrop: byId("mark-backdrop"),
    layer: byId("mark-layer"),
    subjectMarks: byId("subject-marks"),
    card: byId("mark-card"),
    findingsContent: byId("findings-content"),
    announcer: byId("findings-announcer"),
    counter: byId("char-counter"),
    checkStatus: byId("check-status"),
    sizeStatus: byId("size-status"),
    saveStatus: byId("save-status"),
    fixStatus: byId("fix-status-text"),
    undoButton: byId("undo-fix"),
    exportButton: byId("export-button"),
    exportChoices: byId("export-choices"),
    exportStatus: byId("export-status"),
    apiPreview: byId("api-preview"),
    previewSection: byId("html-preview"),
    previewForm: byId("preview-form"),
    previewHolder: byId("preview-holder"),
    conflictPanel: byId("conflict-panel"),
    commentList: byId("review-comments"),
    commentNote: byId("comment-note"),
  };
  // The modules share one context: the elements, the interface strings, the findings model,
  // the busy marker, and each other (filled in below; used only once the page runs).
  const strings = { ...byId("mark-strings").dataset, ...byId("editor-strings").dataset };
  const ctx = { els, strings, findings: [], busy: createBusy(form) };
  ctx.comments = [];
  ctx.marks = setupMarks(ctx);
  const comments = setupComments(ctx);
  ctx.fixes = setupFixes(ctx);
  ctx.check = setupCheck(ctx);
  ctx.autosave = setupAutosave(ctx);
  setupShortcuts(ctx);

  const { body, subject, formatSelect } = els;
  // The text the page came with, which the server's findings describe.
  let lastBody = body.defaultValue;
  let lastSubject = subject.defaultValue;

  // What the page said about the last action ("Draft saved.", a refused export, a send that
  // was queued) was about the text before this edit: it goes with the first change.
  let actionMessages = [...document.querySelectorAll(".messages, #export-refused")];
  function clearActionMessages() {
    for (const message of actionMessages) message.hidden = true;
    actionMessages = [];
  }

  function onEdit(event) {
    clearActionMessages();
    ctx.fixes.onEdit();
    shiftFindings(ctx.findings, "body", lastBody, body.value);
    comments.onEdit(lastBody, body.value);
    shiftFindings(ctx.findings, "subject", lastSubject, subject.value);
    lastBody = body.value;
    lastSubject = subject.value;
    ctx.marks.scheduleDraw();
    ctx.check.updateCounter();
    ctx.autosave.touch();
    ctx.exporter.onEdit();
    // While a Japanese or Chinese input method is still composing, the text is not final:
    // check and save once the seller commits the characters.
    if (event && event.isComposing) return;
    ctx.check.schedule();
    ctx.autosave.scheduleSave();
    ctx.marks.hideCardIfStale();
  }

  body.addEventListener("input", onEdit);
  subject.addEventListener("input", onEdit);
  for (const input of [body, subject]) {
    input.addEventListener("compositionend", () => {
      ctx.check.schedule();
      ctx.autosave.scheduleSave();
    });
  }
  let format = formatSelect.value;
  formatSelect.addEventListener("change", () => {
    if (format === "text" && formatSelect.value === "html" && !looksLikeHtml(body.value)) {
      // Through the textarea's own editing, so Ctrl+Z takes the conversion back.
      ctx.fixes.replaceRange(body, 0, body.value.length, textToHtml(body.value));
    }
    format = formatSelect.value;
    clearActionMessages();
    ctx.fixes.onEdit();
    ctx.autosave.touch();
    ctx.exporter.onEdit();
    ctx.check.updatePreview();
    ctx.check.run();
    ctx.autosave.scheduleSave();
  });

  ctx.exporter = setupExport(ctx);

  ctx.findings = readFindings(els.findingsContent);
  ctx.marks.syncLayerStyle();
  ctx.marks.draw();
  ctx.check.updateCounter();
  ctx.exporter.updateState();
  ctx.autosave.offerLocalCopy();
  // Words typed while the page was still loading, before this script listened, are an edit
  // like any other: checked and saved.
  if (body.value !== lastBody || subject.value !== lastSubject) onEdit();
}

// On a phone the order's windows and history fold into their one-line summary, so that the
// message comes first; the seller opens them when needed.
function foldOrderPanelOnPhone() {
  if (!window.matchMedia("(max-width: 900px)").matches) return;
  for (const panel of document.querySelectorAll("details.order-panel")) panel.open = false;
}

const form = document.getElementById("draft-form");
if (form) {
  foldOrderPanelOnPhone();
  start(form);
}
