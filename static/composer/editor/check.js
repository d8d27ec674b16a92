// The live check: the server checks the text (composer/checking.py) and answers with the
// findings fragment. A check goes out after a short pause in typing; while one is on its way no
// other is sent, and when it returns the newest text goes at once if it changed meanwhile. The
// counter, the announcement and the HTML preview follow the text.
import { retryAfterSeconds } from "./autosave.js";
import { codePointLength } from "./offsets.js";
import { readFindings, shiftFindings } from "./marks.js";

// The pause in typing after which the text is checked. A check takes a few milliseconds on the
// server, so marks are updated well within 150 ms of the pause.
export const CHECK_DELAY = 100;

// Work still to do (a check or save waiting or on its way), shown as data-busy on the form so
// that scripts and tests can tell when the page has settled.
export function createBusy(element) {
  const pending = new Set();
  return {
    begin(name) {
      pending.add(name);
      element.dataset.busy = "true";
    },
    end(name) {
      pending.delete(name);
      if (!pending.size) delete element.dataset.busy;
    },
  };
}

// Scheduling of checks, at most one on its way at a time. `request(seq)` sends the text as it
// is when called and resolves to an answer (or null when there is none); `show(answer)` shows it.
// A check asked for while one is on its way is sent when that one returns, with the text as it
// is then: answers arrive in order, and the seller's newest text is always checked last.
export class LiveCheck {
  constructor({ request, show, busy, delay = CHECK_DELAY, onAnswered = () => {}, timers = globalThis }) {
    this.request = request;
    this.show = show;
    this.busy = busy;
    this.delay = delay;
    this.onAnswered = onAnswered;
    this.timers = timers;
    this.timer = null;
    this.sentSeq = 0;
    this.answered = 0;
    this.inFlight = false;
    this.again = false;
  }

  schedule() {
    this.timers.clearTimeout(this.timer);
    this.busy.begin("check-timer");
    this.timer = this.timers.setTimeout(() => this.run(), this.delay);
  }

  async run() {
    this.busy.end("check-timer");
    if (this.inFlight) {
      this.again = true;
      this.busy.begin("check-again");
      return;
    }
    this.inFlight = true;
    const seq = ++this.sentSeq;
    this.busy.begin("check-" + seq);
    try {
      const answer = await this.request(seq);
      if (answer !== null && answer !== undefined) {
        this.answered++;
        this.show(answer);
        this.onAnswered(this.answered);
      }
    } finally {
      this.inFlight = false;
      let next = null;
      if (this.again) {
        this.again = false;
        next = this.run();
        this.busy.end("check-again");
      }
      this.busy.end("check-" + seq);
      await next;
    }
  }
}

// The size limits in words: how far the text is over Amazon's limit for the message type, and
// over the site's own limit, above which the text is neither checked nor saved.
export function sizeMessages(strings, length, typeLimit, siteLimit) {
  const fill = (text, over, limit) =>
    text.replace("%(count)s", String(over)).replace("%(limit)s", String(limit));
  return {
    type: typeLimit > 0 && length > typeLimit ? fill(strings.overType, length - typeLimit, typeLimit) : "",
    site: siteLimit > 0 && length > siteLimit ? fill(strings.overSite, length - siteLimit, siteLimit) : "",
  };
}

// The sentence read out when the findings change: "no problems" or the counts.
export function summaryText(strings, counts) {
  if (counts.total === "0") return strings.noProblems;
  return strings.summary
    .replace("%(errors)s", counts.errors)
    .replace("%(warnings)s", counts.warnings)
    .replace("%(total)s", counts.total);
}

export function setupCheck(ctx) {
  const { form, body, subject, formatSelect, findingsContent, announcer, counter, previewSection } = ctx.els;
  const { previewForm, previewHolder, checkStatus, sizeStatus } = ctx.els;
  const typeLimit = parseInt(counter.dataset.limit || "0", 10);
  const siteLimit = parseInt(counter.dataset.siteLimit || "0", 10);

  function sizes() {
    return sizeMessages(ctx.strings, codePointLength(body.value), typeLimit, siteLimit);
  }

  // Findings of a text the server no longer checks would mislead: they are hidden until the
  // next answer, and the size status says why.
  function stopShowingFindings() {
    findingsContent.hidden = true;
    ctx.findings = [];
    ctx.marks.draw();
  }

  let retryTimer = null;
  async function request(seq) {
    if (sizes().site) {
      stopShowingFindings();
      return null;
    }
    const sent = { body: body.value, subject: subject.value };
    const data = new FormData(form);
    let response;
    try {
      response = await fetch(form.dataset.checkUrl, {
        method: "POST",
        body: data,
        headers: { "X-Check-Seq": String(seq) },
      });
    } catch {
      return null;
    }
    if (response.status === 429) {
      // Too many checks in a short time: say so, and check again when the server allows it.
      checkStatus.textContent = ctx.strings.checkPaused;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => live.run(), retryAfterSeconds(response.headers.get("Retry-After")) * 1000);
      return null;
    }
    if (response.status === 400) {
      // The server could not read the text (the reason is in the answer): say so, and hide
      // findings that belong to an earlier text.
      const answer = new DOMParser().parseFromString(await response.text(), "text/html");
      checkStatus.textContent = answer.body.textContent.replace(/\s+/g, " ").trim();
      stopShowingFindings();
      return null;
    }
    if (!response.ok) return null;
    checkStatus.textContent = "";
    findingsContent.hidden = false;
    return { html: await response.text(), sent };
  }

  function showFindings({ html, sent }) {
    const keep =
      document.activeElement && findingsContent.contains(document.activeElement)
        ? document.activeElement.closest("li.finding")
        : null;
    const keepRule = keep ? keep.dataset.rule + ":" + keep.dataset.start : null;
    findingsContent.innerHTML = html;
    ctx.findings = readFindings(findingsContent);
    // The seller may have typed while the server checked: carry the answer over to the text now.
    shiftFindings(ctx.findings, "body", sent.body, body.value);
    shiftFindings(ctx.findings, "subject", sent.subject, subject.value);
    ctx.marks.draw();
    ctx.exporter.updateState();
    updatePreview();
    announce();
    if (keepRule) {
      const again = Array.from(findingsContent.querySelectorAll("li.finding")).find(
        (li) => li.dataset.rule + ":" + li.dataset.start === keepRule,
      );
      if (again) again.focus();
    }
  }

  let lastAnnouncement = "";
  function announce() {
    const summary = document.getElementById("findings-body");
    if (!summary) return;
    const text = summaryText(ctx.strings, summary.dataset);
    if (text !== lastAnnouncement) {
      lastAnnouncement = text;
      announcer.textContent = text;
    }
  }

  let previewSeq = 0;
  let previewShown = 0;
  function updatePreview() {
    const html = formatSelect.value === "html";
    previewSection.hidden = !html;
    document.getElementById("export-html").hidden = !html;
    if (!html) return;
    // The preview comes from the server, sanitised and under its own policy (https images,
    // nothing else), into a sandboxed frame. A fresh frame per update keeps the browser's
    // history clean (a new frame's first page replaces about:blank) and avoids flicker.
    const seq = ++previewSeq;
    const current = previewHolder.querySelector("iframe");
    const frame = document.createElement("iframe");
    frame.name = "preview-frame-" + seq;
    frame.className = "preview-frame";
    frame.setAttribute("sandbox", "");
    frame.setAttribute("referrerpolicy", "no-referrer");
    frame.title = current ? current.title : "";
    frame.hidden = true;
    previewHolder.appendChild(frame);
    frame.dataset.seq = String(seq);
    frame.addEventListener("load", () => {
      // A slower, older preview never replaces a newer one.
      if (seq < previewShown) {
        frame.remove();
        return;
      }
      previewShown = seq;
      for (const old of previewHolder.querySelectorAll("iframe")) {
        if (parseInt(old.dataset.seq || "0", 10) < seq) old.remove();
      }
      frame.id = "preview-frame";
      frame.hidden = false;
    });
    previewForm.target = frame.name;
    previewForm.elements.body.value = body.value;
    previewForm.submit();
  }

  function updateCounter() {
    counter.querySelector(".count").textContent = String(codePointLength(body.value));
    const over = sizes();
    counter.classList.toggle("text-danger", Boolean(over.type || over.site));
    const overType = counter.querySelector(".over-limit");
    overType.hidden = !over.type;
    overType.textContent = over.type ? " · " + over.type : "";
    if (sizeStatus.textContent !== over.site) sizeStatus.textContent = over.site;
  }

  const live = new LiveCheck({
    request,
    show: showFindings,
    busy: ctx.busy,
    onAnswered: (answered) => {
      form.dataset.answered = String(answered);
    },
  });

  return {
    schedule: () => live.schedule(),
    run: () => live.run(),
    // The text is over the site's limit: it is neither checked nor saved until it is shorter.
    tooLong: () => Boolean(sizes().site),
    updatePreview,
    updateCounter,
  };
}
