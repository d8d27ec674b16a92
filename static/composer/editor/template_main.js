// The template editor (admins' library): the same marks, card and fixes as the seller's editor
// (marks.js, fixes.js, shortcuts.js), on the template's own words. The server fills the template
// with sample data, checks it and places each finding back in the template (composer/
// template_library.py); the check follows the typing as in the seller's editor (check.js's
// LiveCheck: after a pause, one at a time), and "I have read the warnings" shows only while
// the preview has warnings.
import { LiveCheck, createBusy } from "./check.js";
import { setupFixes } from "./fixes.js";
import { readFindings, setupMarks, shiftFindings, wrapInMarkEditor } from "./marks.js";
import { setupShortcuts } from "./shortcuts.js";

// Show "I have read the warnings" only when the preview fragment says there are warnings.
export function acknowledgeNeeded(preview) {
  const summary = preview.querySelector("#preview-body");
  return Boolean(summary) && summary.dataset.warnings === "true";
}

function start(form) {
  const byId = (id) => document.getElementById(id);
  const body = byId("id_body");
  const subject = byId("id_subject");
  const preview = byId("preview");
  const acknowledge = byId("acknowledge-box");
  const { backdrop, layer } = wrapInMarkEditor(document, body);
  const subjectMarks = document.createElement("div");
  subjectMarks.className = "subject-marks form-text";
  subjectMarks.setAttribute("aria-hidden", "true");
  subjectMarks.hidden = true;
  subject.insertAdjacentElement("afterend", subjectMarks);
  const els = {
    form,
    body,
    subject,
    backdrop,
    layer,
    subjectMarks,
    card: byId("mark-card"),
    findingsContent: preview,
    fixStatus: byId("fix-status-text"),
    undoButton: byId("undo-fix"),
  };
  const ctx = { els, strings: { ...byId("mark-strings").dataset }, findings: [], busy: createBusy(form) };
  ctx.marks = setupMarks(ctx);
  ctx.fixes = setupFixes(ctx);
  setupShortcuts(ctx);

  function showPreview({ html, sent }) {
    preview.innerHTML = html;
    ctx.findings = readFindings(preview);
    // The admin may have typed while the server checked: carry the answer over to the text now.
    shiftFindings(ctx.findings, "body", sent.body, body.value);
    shiftFindings(ctx.findings, "subject", sent.subject, subject.value);
    ctx.marks.draw();
    acknowledge.hidden = !acknowledgeNeeded(preview);
  }

  const live = new LiveCheck({
    busy: ctx.busy,
    show: showPreview,
    onAnswered: (answered) => {
      form.dataset.answered = String(answered);
    },
    async request() {
      const sent = { body: body.value, subject: subject.value };
      let response;
      try {
        response = await fetch(form.dataset.previewUrl, { method: "POST", body: new FormData(form) });
      } catch {
        return null;
      }
      // A refused text (an unknown placeholder, an empty body) answers 400 with the reasons.
      if (!response.ok && response.status !== 400) return null;
      return { html: await response.text(), sent };
    },
  });

  // The text the page came with, which the server's preview describes.
  let lastBody = body.defaultValue;
  let lastSubject = subject.defaultValue;
  function onEdit() {
    ctx.fixes.onEdit();
    shiftFindings(ctx.findings, "body", lastBody, body.value);
    shiftFindings(ctx.findings, "subject", lastSubject, subject.value);
    lastBody = body.value;
    lastSubject = subject.value;
    ctx.marks.scheduleDraw();
    ctx.marks.hideCardIfStale();
    live.schedule();
  }
  body.addEventListener("input", onEdit);
  subject.addEventListener("input", onEdit);
  // A new template's type and language change the situation it is checked in.
  for (const select of form.querySelectorAll("select")) select.addEventListener("change", () => live.schedule());

  ctx.findings = readFindings(preview);
  ctx.marks.syncLayerStyle();
  ctx.marks.draw();
  // A page opened without a preview checks the template at once, so its marks show (a new,
  // empty template waits for its first words).
  if (!preview.querySelector("#preview-body") && body.value.trim()) live.run();
  // Words typed while the page was still loading, before this script listened, are checked.
  else if (body.value !== lastBody || subject.value !== lastSubject) onEdit();
}

const form = document.getElementById("template-form");
if (form) start(form);
