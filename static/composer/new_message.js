// Preset the buyer language from the chosen order, so the seller sees what will be used.
(function () {
  "use strict";
  const orderInput = document.getElementById("id_order_id");
  const localeSelect = document.getElementById("id_buyer_locale");
  if (!orderInput || !localeSelect) return;
  function presetLocale() {
    const option = Array.from(document.querySelectorAll("#order-choices option"))
      .find((o) => o.value === orderInput.value.trim());
    if (option && option.dataset.locale) localeSelect.value = option.dataset.locale;
  }
  orderInput.addEventListener("change", presetLocale);
  orderInput.addEventListener("input", presetLocale);
  presetLocale();
})();
