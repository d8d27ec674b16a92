// The composer editor: character counter, export state from the live check, and export
// that downloads the checked text and copies it to the clipboard.
(function () {
  "use strict";
  const form = document.getElementById("draft-form");
  if (!form) return;
  const body = document.getElementById("id_body");
  const exportButton = document.getElementById("export-button");
  const exportStatus = document.getElementById("export-status");
  const counter = document.getElementById("char-counter");

  function updateCounter() {
    // Count code points, as the server's length rule does (an emoji is one character).
    const length = Array.from(body.value).length;
    counter.querySelector(".count").textContent = String(length);
    const limit = parseInt(counter.dataset.limit || "0", 10);
    counter.classList.toggle("text-danger", limit > 0 && length > limit);
  }

  function updateExportState() {
    const findings = document.getElementById("findings-body");
    if (findings) exportButton.disabled = findings.dataset.ok !== "true";
  }

  body.addEventListener("input", updateCounter);
  document.body.addEventListener("htmx:afterSwap", updateExportState);
  updateCounter();

  let submitNatively = false;
  exportButton.addEventListener("click", async (event) => {
    if (submitNatively) return;
    event.preventDefault();
    if (exportButton.disabled) return;
    const data = new FormData(form);
    data.set("format", exportButton.value);
    exportStatus.textContent = "";
    const response = await fetch(exportButton.formAction, { method: "POST", body: data });
    if (!response.ok) {
      // The server re-checked the text and refused it: submit the form normally so the
      // page with the server's reasons replaces this one.
      submitNatively = true;
      exportButton.click();
      return;
    }
    const text = await response.text();
    const version = response.headers.get("X-Draft-Version");
    if (version) document.getElementById("id_version").value = version;
    const disposition = response.headers.get("Content-Disposition") || "";
    const name = (disposition.match(/filename="([^"]+)"/) || [null, "message.txt"])[1];
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: response.headers.get("Content-Type") || "text/plain" }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    try {
      await navigator.clipboard.writeText(text);
      exportStatus.textContent = exportStatus.dataset.copied || "Exported and copied to the clipboard.";
    } catch (error) {
      exportStatus.textContent = exportStatus.dataset.downloaded || "Exported (download started).";
    }
  });
})();
