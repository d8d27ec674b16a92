// New message: the chosen order decides which message types are possible today. Types it does
// not allow are disabled with their reason, the choice moves to one it allows, and the type's
// one-line description is shown. The buyer language follows the order until the seller picks one.
(function () {
  "use strict";
  const orderInput = document.getElementById("id_order_id");
  const localeSelect = document.getElementById("id_buyer_locale");
  const typeSelect = document.getElementById("id_message_type");
  const description = document.getElementById("type-description");
  if (!orderInput || !localeSelect || !typeSelect) return;
  let localeChosen = localeSelect.value !== "";

  function chosenOrder() {
    return Array.from(document.querySelectorAll("#order-choices option")).find(
      (o) => o.value === orderInput.value.trim(),
    );
  }

  function describe() {
    const option = typeSelect.selectedOptions[0];
    description.textContent = option ? option.dataset.description || "" : "";
  }

  function guide() {
    const order = chosenOrder();
    if (!order) return;
    if (!localeChosen && order.dataset.locale) localeSelect.value = order.dataset.locale;
    let unavailable;
    try {
      unavailable = JSON.parse(order.dataset.unavailable || "{}");
    } catch {
      unavailable = {};
    }
    for (const option of typeSelect.options) {
      if (!option.dataset.label) option.dataset.label = option.textContent.replace(/ — .*$/, "");
      const reason = unavailable[option.value];
      option.disabled = Boolean(reason);
      option.textContent = reason ? option.dataset.label + " — " + reason : option.dataset.label;
    }
    if (typeSelect.selectedOptions[0] && typeSelect.selectedOptions[0].disabled) {
      const allowed = Array.from(typeSelect.options).find((o) => !o.disabled);
      if (allowed) typeSelect.value = allowed.value;
    }
    describe();
  }

  localeSelect.addEventListener("change", () => {
    localeChosen = localeSelect.value !== "";
  });
  orderInput.addEventListener("change", guide);
  orderInput.addEventListener("input", guide);
  typeSelect.addEventListener("change", describe);
  guide();
  describe();
})();
