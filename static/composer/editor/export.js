// Export: the menu of formats (plain text, HTML, API request) and what happens after a choice:
// the server checks the text again and answers with the file, which is downloaded and copied.
import { afterConflict } from "./autosave.js";

// The file name in a Content-Disposition header, or `fallback`.
export function fileNameFrom(disposition, fallback = "message.txt") {
  const match = (disposition || "").match(/filename="([^"]+)"/);
  return match ? match[1] : fallback;
}

// Whether the findings shown allow export (the summary says so; no summary: nothing to stop it).
export function exportAllowed(summary) {
  return !summary || summary.dataset.ok === "true";
}

// Why Export and Submit for review are not available, each a list of sentences (empty: they
// are). `errors`: errors remain in the text; `edited`: the seller changed the text since the
// page was loaded. The approval reasons come from the server (Draft.export_blocked_reason and
// Draft.submit_refusal), as they stand for the stored text and once it is edited.
export function controlReasons(strings, { errors, edited }) {
  const errorsReason = errors ? [strings.errorsRemain] : [];
  const approval = edited ? strings.approvalEdited : strings.approval;
  const submit = edited ? strings.submitReasonEdited : strings.submitReason;
  return {
    export: errorsReason.concat(approval ? [approval] : []),
    submit: submit ? [submit] : errorsReason,
  };
}

function showReasons(button, holder, reasons) {
  if (!button) return;
  button.disabled = reasons.length > 0;
  if (holder) holder.textContent = reasons.join(" ");
}

export function setupExport(ctx) {
  const { form, versionInput, exportButton, exportChoices, exportStatus, apiPreview } = ctx.els;
  const strings = ctx.strings;
  const submitButton = document.getElementById("submit-review");
  const sentButton = document.getElementById("mark-sent");
  const sentVersion = document.getElementById("sent-version");
  let edited = false;
  // The text as last exported from this page: "Mark as sent" is for exactly that text.
  let exported = sentButton && !sentButton.disabled ? ctx.autosave.snapshot() : null;

  function updateState() {
    const errors = !exportAllowed(document.getElementById("findings-body"));
    const reasons = controlReasons(strings, { errors, edited });
    showReasons(exportButton, document.getElementById("export-reason"), reasons.export);
    for (const choice of exportChoices.querySelectorAll(".export-choice")) choice.disabled = reasons.export.length > 0;
    showReasons(submitButton, document.getElementById("submit-reason"), reasons.submit);
  }

  function updateSent() {
    if (!sentButton || sentVersion.dataset.sent === "true") return;
    const now = ctx.autosave.snapshot();
    if (exported && (now.body !== exported.body || now.subject !== exported.subject || now.format !== exported.format)) {
      exported = null;
      showReasons(sentButton, document.getElementById("mark-sent-reason"), [strings.changedSinceExport]);
    }
  }

  // The text changed: what was said about the last export or fix no longer holds.
  function onEdit() {
    edited = true;
    exportStatus.textContent = "";
    apiPreview.hidden = true;
    updateState();
    updateSent();
  }

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

  function download(text, type, name) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type || "text/plain" }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  async function exportAs(choice, retried = false) {
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
        // An autosave of this very text landed first: export again on the version it made.
        const now = ctx.autosave.snapshot();
        const outcome = afterConflict(now, now, answer, versionInput.value);
        if (!outcome.conflict && !retried) {
          versionInput.value = outcome.version;
          return exportAs(choice, true);
        }
        ctx.autosave.showConflict(now, answer);
        return;
      }
      exportStatus.textContent = (answer.errors || []).join(" ");
      ctx.check.run();
      return;
    }
    const text = await response.text();
    const version = response.headers.get("X-Draft-Version");
    if (version) {
      versionInput.value = version;
      ctx.autosave.markSaved(ctx.autosave.snapshot(), {});
      if (sentButton && sentVersion.dataset.sent !== "true") {
        sentVersion.value = version;
        exported = ctx.autosave.snapshot();
        showReasons(sentButton, document.getElementById("mark-sent-reason"), []);
      }
    }
    download(text, response.headers.get("Content-Type"), fileNameFrom(response.headers.get("Content-Disposition")));
    if (choice.value === "api") {
      document.getElementById("api-preview-text").textContent = text;
      apiPreview.hidden = false;
      exportStatus.textContent = strings.downloaded;
      return;
    }
    try {
      await navigator.clipboard.writeText(text);
      exportStatus.textContent = strings.copied;
    } catch {
      exportStatus.textContent = strings.downloaded;
    }
  }

  for (const choice of exportChoices.querySelectorAll(".export-choice")) {
    choice.addEventListener("click", (event) => {
      event.preventDefault();
      if (choice.disabled) return;
      exportAs(choice);
    });
  }

  return { updateState, onEdit };
}
