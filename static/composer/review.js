// The review page: selecting a passage of the message makes the next comment about that passage.
// Offsets are sent as code points, the unit the server's comments and findings use.
(function () {
  "use strict";
  const text = document.getElementById("review-body");
  const form = document.getElementById("comment-form");
  if (!text || !form) return;
  const start = form.querySelector("input[name=start]");
  const end = form.querySelector("input[name=end]");
  const target = document.getElementById("comment-target");
  const whole = document.getElementById("comment-whole");

  function codePoints(value) {
    return Array.from(value).length;
  }

  function showTarget(excerpt) {
    target.textContent = "";
    if (!excerpt) {
      target.textContent = target.dataset.whole;
      whole.hidden = true;
      return;
    }
    target.append(target.dataset.span + " ");
    const quote = document.createElement("q");
    quote.className = "excerpt";
    quote.textContent = excerpt.length > 120 ? excerpt.slice(0, 119) + "…" : excerpt;
    target.append(quote);
    whole.hidden = false;
  }

  function takeSelection() {
    const from = text.selectionStart;
    const to = text.selectionEnd;
    if (from === to) return; // a click without a selection keeps the passage chosen before
    start.value = String(codePoints(text.value.slice(0, from)));
    end.value = String(codePoints(text.value.slice(0, to)));
    showTarget(text.value.slice(from, to));
  }

  text.addEventListener("mouseup", takeSelection);
  text.addEventListener("keyup", takeSelection);
  text.addEventListener("select", takeSelection);
  whole.addEventListener("click", () => {
    start.value = "";
    end.value = "";
    showTarget("");
  });
})();
