// The review page: selecting words in the message puts them in the "Passage" field, so the next
// comment is about that passage. Offsets are sent as code points, the unit the server uses.
// Without a mouse, or without JavaScript, the lead types the passage into the field instead.
(function () {
  "use strict";
  const text = document.getElementById("review-body");
  const form = document.getElementById("comment-form");
  if (!text || !form) return;
  const passage = form.querySelector("input[name=passage]");
  const start = form.querySelector("input[name=start]");
  const end = form.querySelector("input[name=end]");

  function codePoints(value) {
    return Array.from(value).length;
  }

  function takeSelection() {
    const from = text.selectionStart;
    const to = text.selectionEnd;
    if (from === to) return; // a click without a selection keeps the passage chosen before
    passage.value = text.value.slice(from, to);
    start.value = String(codePoints(text.value.slice(0, from)));
    end.value = String(codePoints(text.value.slice(0, to)));
  }

  text.addEventListener("mouseup", takeSelection);
  text.addEventListener("keyup", takeSelection);
  text.addEventListener("select", takeSelection);
  // A passage typed by hand is found on the server; stale offsets must not point elsewhere.
  passage.addEventListener("input", () => {
    start.value = "";
    end.value = "";
  });
})();
