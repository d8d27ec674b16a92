// The spelling controls of a finding: "Ignore" (this draft), "Add to my dictionary", "Add to team
// dictionary", and the "Undo" the answer offers. Each posts without leaving the editor, then
// re-checks the text. Without JavaScript the forms post normally and the editor reloads.

// The undo form for an answer that carries one: it posts the same word (and CSRF token).
function undoForm(form, url, label) {
  const undo = document.createElement("form");
  undo.method = "post";
  undo.action = url;
  undo.className = "spelling-control spelling-undo";
  for (const name of ["csrfmiddlewaretoken", "word"]) {
    const field = form.querySelector(`input[name="${name}"]`);
    if (field) undo.appendChild(field.cloneNode());
  }
  const button = document.createElement("button");
  button.type = "submit";
  button.className = "btn btn-sm btn-link";
  button.textContent = label;
  undo.appendChild(button);
  return undo;
}

document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form.spelling-control");
  if (!form) return;
  event.preventDefault();
  const button = form.querySelector("button");
  button.disabled = true;
  let response;
  try {
    response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
    });
  } catch {
    form.submit();
    return;
  }
  const data = await response.json().catch(() => ({}));
  const announcer = document.getElementById("findings-announcer");
  const message = data.message || Object.values(data.errors || {}).flat().join(" ");
  if (announcer && message) announcer.textContent = message;
  if (!response.ok) {
    button.disabled = false;
    return;
  }
  const holder = document.getElementById("spelling-undo");
  if (holder) {
    holder.replaceChildren();
    if (data.undo_url) {
      const text = document.createElement("span");
      text.textContent = data.message + " ";
      holder.append(text, undoForm(form, data.undo_url, holder.dataset.undo || "Undo"));
    }
  }
  // The editor re-checks on input; the word is now known (or back), so its finding follows.
  const body = document.getElementById("id_body");
  if (body) body.dispatchEvent(new Event("input", { bubbles: true }));
});
