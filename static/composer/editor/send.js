// "Send to buyer": the server sends the saved text and checks it again, so the button is on only
// while nothing stops it on the server (data-blocked), the live check shows no error, and what
// the seller sees is saved. It follows autosave through the form's data-saved-version.

// Whether the button may be pressed.
export function sendAllowed({ blocked, findingsOk, saved, pending }) {
  return !blocked && findingsOk && saved && !pending;
}

// Whether the live check's summary allows it (no summary yet: the server's own check decides).
export function findingsAllow(summary) {
  return !summary || summary.dataset.ok === "true";
}

export function setupSend(doc) {
  const draftForm = doc.getElementById("draft-form");
  const body = doc.getElementById("id_body");
  if (!draftForm || !body) return null;
  let saved = true;
  let pending = false;

  function update() {
    const form = doc.getElementById("send-form");
    if (!form) return;
    const button = form.querySelector("#send-button");
    const version = form.querySelector("input[name=version]");
    if (draftForm.dataset.savedVersion) version.value = draftForm.dataset.savedVersion;
    button.disabled = !sendAllowed({
      blocked: form.dataset.blocked,
      findingsOk: findingsAllow(doc.getElementById("findings-body")),
      saved,
      pending,
    });
  }

  body.addEventListener("input", () => {
    saved = false;
    update();
  });
  // Autosave stored the text: what is sent is what is on screen again.
  new MutationObserver(() => {
    saved = true;
    update();
  }).observe(draftForm, { attributes: true, attributeFilter: ["data-saved-version"] });
  // The live check replaced the findings: their summary says whether errors remain.
  const findings = doc.getElementById("findings");
  if (findings) new MutationObserver(update).observe(findings, { childList: true, subtree: true });
  // One press sends once: the button stays off until the page shows the outcome.
  doc.addEventListener("submit", (event) => {
    if (event.target.id === "send-form") {
      pending = true;
      update();
    }
  });
  update();
  return { update };
}

if (typeof document !== "undefined") setupSend(document);
