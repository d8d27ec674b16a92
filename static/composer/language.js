// Switch the interface language as soon as the seller picks one. Without JavaScript the form's
// own button does it; with JavaScript the button stays reachable for keyboard users only.
(function () {
  "use strict";
  const form = document.getElementById("language-form");
  if (!form) return;
  const select = form.querySelector("select[name=language]");
  const button = document.getElementById("language-submit");
  if (!select) return;
  if (button) button.classList.add("visually-hidden-focusable");
  select.addEventListener("change", function () {
    if (form.requestSubmit) form.requestSubmit();
    else form.submit();
  });
})();
