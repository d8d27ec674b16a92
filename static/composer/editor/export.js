// Export: the menu of formats (plain text, HTML, API request) and what happens after a choice:
// the server checks the text again and answers with the file, which is downloaded and copied.

// The file name in a Content-Disposition header, or `fallback`.
export function fileNameFrom(disposition, fallback = "message.txt") {
  const match = (disposition || "").match(/filename="([^"]+)"/);
  return match ? match[1] : fallback;
}

// Whether the findings shown allow export (the summary says so; no summary: nothing to stop it).
export function exportAllowed(summary) {
  return !summary || summary.dataset.ok === "true";
}

export function setupExport(ctx) {
  const { form, versionInput, exportButton, exportChoices, exportStatus, apiPreview } = ctx.els;
  const strings = ctx.strings;

  function updateState() {
    const ok = exportAllowed(document.getElementById("findings-body"));
    exportButton.disabled = !ok;
    for (const choice of exportChoices.querySelectorAll(".export-choice")) choice.disabled = !ok;
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

  async function exportAs(choice) {
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
        ctx.autosave.showConflict(ctx.autosave.snapshot(), answer);
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

  return { updateState };
}
