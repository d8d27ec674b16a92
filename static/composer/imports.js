// Import orders: tell the seller at once that a report is too large, before a long upload starts.
// The server checks the size again; this only saves the wait.
document.addEventListener("DOMContentLoaded", () => {
  const input = document.querySelector("input[data-max-bytes]");
  if (!input) return;
  const message = document.getElementById(input.dataset.messageId);
  const tooLarge = () => {
    const file = input.files && input.files[0];
    return Boolean(file && file.size > Number(input.dataset.maxBytes));
  };
  const show = () => {
    const problem = tooLarge();
    input.classList.toggle("is-invalid", problem);
    message.textContent = problem ? input.dataset.tooLarge : "";
    message.hidden = !problem;
  };
  input.addEventListener("change", show);
  input.form.addEventListener("submit", (event) => {
    if (tooLarge()) {
      event.preventDefault();
      show();
      input.focus();
    }
  });
});
