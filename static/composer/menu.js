// The site menu on a narrow screen: folded behind the "Menu" button, opened and closed by it
// (Escape closes it and returns to the button). On a wide screen the button is hidden by CSS and
// the menu always shows. Without JavaScript the menu simply stays open.
(function () {
  "use strict";
  const button = document.getElementById("menu-button");
  const menu = document.getElementById("site-menu");
  if (!button || !menu) return;
  document.documentElement.classList.add("menu-js");
  button.hidden = false;

  function setOpen(open) {
    button.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("open", open);
  }

  button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
})();
