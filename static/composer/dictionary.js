// "Add to dictionary" on a spelling finding: add the word without leaving the editor, then
// re-check the text. Without JavaScript the form posts normally and the editor reloads.
document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form.dictionary-add");
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
  } catch (error) {
    form.submit();
    return;
  }
  const data = await response.json().catch(() => ({}));
  const announcer = document.getElementById("findings-announcer");
  if (announcer && data.message) announcer.textContent = data.message;
  if (!response.ok) {
    button.disabled = false;
    return;
  }
  // The editor re-checks on input; the word is now known, so its finding goes away.
  const body = document.getElementById("id_body");
  if (body) body.dispatchEvent(new Event("input", { bubbles: true }));
});
