// Autosave, the copy kept in this browser, and conflicts with a save made elsewhere.
import { formatDateTime, formatTime } from "./times.js";

export const SAVE_DELAY = 1500;

export function sameText(a, b) {
  return a.body === b.body && a.subject === b.subject;
}

export function sameSnapshot(a, b) {
  return sameText(a, b) && a.format === b.format;
}

// A 409 for a save of the same text from this page (on leaving, say) is not a conflict.
export function isOwnSave(sent, now, stored) {
  return sameText(stored, sent) || sameText(stored, now);
}

// What a 409 means for the version this page edits. Our own earlier save moves the page on to
// the stored version; a real conflict keeps the version the page started from until the seller
// chooses, so a "Save draft" pressed meanwhile is refused too and never saves over the other text.
export function afterConflict(sent, now, stored, pageVersion) {
  if (isOwnSave(sent, now, stored)) return { conflict: false, version: String(stored.version) };
  return { conflict: true, version: pageVersion };
}

// The messages of an error answer ({errors: {field: [{message}]}}) as one line.
export function errorText(data) {
  return Object.values((data && data.errors) || {})
    .flat()
    .map((e) => e.message)
    .join(" ");
}

// Seconds to wait before saving again after a 503, from its Retry-After header.
export function retryAfterSeconds(header) {
  const wait = parseInt(header || "5", 10) || 5;
  return Math.max(1, wait);
}

// The unsaved copy of one draft in the browser's storage. Storage can fail (private mode, full):
// autosave to the server still protects the draft then.
export class LocalCopy {
  constructor(storage, key) {
    this.storage = storage;
    this.key = key;
  }

  keep(snapshot, version, at) {
    try {
      this.storage.setItem(this.key, JSON.stringify({ ...snapshot, version: version, at: at }));
    } catch {
      // nothing kept
    }
  }

  read() {
    try {
      const copy = JSON.parse(this.storage.getItem(this.key) || "null");
      return copy && typeof copy.body === "string" ? copy : null;
    } catch {
      return null;
    }
  }

  // Forget the copy once the server has `saved` the same text (a newer copy stays).
  dropIfSaved(saved) {
    try {
      const copy = JSON.parse(this.storage.getItem(this.key) || "null");
      if (!copy || sameText(copy, saved)) this.storage.removeItem(this.key);
    } catch {
      this.drop();
    }
  }

  drop() {
    try {
      this.storage.removeItem(this.key);
    } catch {
      // nothing kept
    }
  }
}

export function setupAutosave(ctx) {
  const { form, body, subject, versionInput, formatSelect, saveStatus, conflictPanel } = ctx.els;
  const strings = ctx.strings;
  const busy = ctx.busy;
  let storage = null;
  try {
    storage = window.localStorage;
  } catch {
    // Storage switched off: every use of the copy below does nothing.
  }
  const local = new LocalCopy(storage, "composer:draft:" + form.dataset.draft);
  // Not form.action: the "Save draft" button is named "action" and shadows the property.
  const saveUrl = form.getAttribute("action");

  // The save status line; `state` "saved" marks "Saved at …", which the next edit clears.
  function say(text, state = "") {
    saveStatus.textContent = text;
    if (state) saveStatus.dataset.state = state;
    else delete saveStatus.dataset.state;
  }

  let dirty = false;
  let saving = false;
  let saveTimer = null;
  let inConflict = false;
  let leaving = false;

  function snapshot() {
    return { body: body.value, subject: subject.value, format: formatSelect.value };
  }

  function keepLocalCopy() {
    local.keep(snapshot(), parseInt(versionInput.value, 10), Date.now());
  }

  function scheduleSave() {
    clearTimeout(saveTimer);
    busy.begin("save-timer");
    saveTimer = setTimeout(saveNow, SAVE_DELAY);
  }

  // Why the next save stores the text: "fix" after a one-click fix, else the server's default.
  let reason = "";

  async function saveNow() {
    busy.end("save-timer");
    if (!dirty || saving || inConflict) return;
    if (ctx.check.tooLong()) {
      // The server refuses a text over the site's limit: keep it here until it is shorter.
      say(strings.notSavedTooLong);
      return;
    }
    saving = true;
    busy.begin("save");
    const sent = snapshot();
    const data = new FormData(form);
    if (reason) data.set("reason", reason);
    reason = "";
    say(strings.saving);
    try {
      const response = await fetch(saveUrl, {
        method: "POST",
        body: data,
        headers: { Accept: "application/json" },
      });
      const answer = await response.json();
      if (response.status === 409) {
        const outcome = afterConflict(sent, snapshot(), answer, versionInput.value);
        versionInput.value = outcome.version;
        if (outcome.conflict) showConflict(sent, answer);
        else markSaved(sent, answer);
      } else if (response.ok) {
        versionInput.value = String(answer.version);
        markSaved(sent, answer);
      } else if (response.status === 503 || response.status === 429) {
        // The database is briefly away (or saves come too fast): say so, keep the local copy,
        // and try again when the server says it may be back.
        say(errorText(answer));
        setTimeout(scheduleSave, retryAfterSeconds(response.headers.get("Retry-After")) * 1000);
      } else {
        say(errorText(answer));
      }
    } catch {
      say(strings.offline);
      setTimeout(scheduleSave, 5000);
    } finally {
      saving = false;
      busy.end("save");
    }
    if (!inConflict && !sameSnapshot(snapshot(), sent)) {
      dirty = true;
      scheduleSave();
    }
  }

  function markSaved(sent, data) {
    dirty = !sameSnapshot(snapshot(), sent);
    form.dataset.savedVersion = versionInput.value;
    local.dropIfSaved(sent);
    const time = data.saved ? new Date(data.saved) : new Date();
    say(strings.saved.replace("%(time)s", formatTime(time, document.documentElement.lang)), "saved");
  }

  let theirs = null;

  function showConflict(mine, stored) {
    inConflict = true;
    theirs = stored;
    document.getElementById("conflict-mine").textContent = mine.body;
    document.getElementById("conflict-theirs").textContent = stored.body;
    conflictPanel.hidden = false;
    conflictPanel.focus();
    say("");
  }

  document.getElementById("conflict-keep-mine").addEventListener("click", () => {
    // The seller has seen both texts and chooses theirs to be replaced: save on top of it.
    conflictPanel.hidden = true;
    inConflict = false;
    versionInput.value = String(theirs.version);
    dirty = true;
    body.focus();
    saveNow();
  });

  document.getElementById("conflict-take-theirs").addEventListener("click", () => {
    conflictPanel.hidden = true;
    inConflict = false;
    versionInput.value = String(theirs.version);
    subject.value = theirs.subject;
    ctx.fixes.replaceRange(body, 0, body.value.length, theirs.body);
    if (theirs.format) formatSelect.value = theirs.format;
    dirty = false;
    clearTimeout(saveTimer);
    busy.end("save-timer");
    local.dropIfSaved(snapshot());
    local.drop();
    ctx.check.run();
  });

  // Closing a tab fires both visibilitychange and pagehide: the same text is sent once (a
  // second request with the same version would only come back as a conflict).
  let sentOnLeave = "";
  function saveOnLeave() {
    if (!dirty || leaving || inConflict) return;
    const sending = JSON.stringify({ ...snapshot(), version: versionInput.value });
    if (sending === sentOnLeave) return;
    sentOnLeave = sending;
    keepLocalCopy();
    try {
      // keepalive lets the save finish after the tab has closed.
      fetch(saveUrl, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        keepalive: true,
      })
        .then((response) => response.json().then((data) => ({ response, data })))
        .then(({ response, data }) => {
          if (response.ok) {
            versionInput.value = String(data.version);
            markSaved(snapshot(), data);
          }
        })
        .catch(() => {});
    } catch {
      // the local copy is kept
    }
  }

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") saveOnLeave();
  });
  window.addEventListener("pagehide", saveOnLeave);
  form.addEventListener("submit", () => {
    // A normal submit saves (or exports) the text itself; a save on leaving would race it.
    leaving = true;
    keepLocalCopy();
  });

  function offerLocalCopy() {
    const copy = local.read();
    if (!copy) return;
    if (sameText(copy, snapshot())) {
      local.drop();
      return;
    }
    const banner = document.getElementById("restore-banner");
    document.getElementById("restore-text").textContent = copy.body;
    document.getElementById("restore-time").textContent = strings.keptFrom.replace(
      "%(time)s",
      formatDateTime(new Date(copy.at), document.documentElement.lang),
    );
    banner.hidden = false;
    document.getElementById("restore-button").addEventListener("click", () => {
      subject.value = copy.subject || "";
      if (copy.format) formatSelect.value = copy.format;
      ctx.fixes.replaceRange(body, 0, body.value.length, copy.body);
      banner.hidden = true;
      dirty = true;
      saveNow();
    });
    document.getElementById("restore-discard").addEventListener("click", () => {
      local.drop();
      banner.hidden = true;
      body.focus();
    });
  }

  return {
    snapshot,
    keepLocalCopy,
    scheduleSave,
    markSaved,
    showConflict,
    offerLocalCopy,
    // A one-click fix changed the text: the next save says so in the draft's history.
    noteFix() {
      reason = "fix";
    },
    // The text changed: it needs saving, and a copy is kept here until it is saved.
    touch() {
      dirty = true;
      keepLocalCopy();
      // "Saved at …" no longer holds for the text on screen; a refusal or "offline" still does
      // until the next save answers.
      if (saveStatus.dataset.state === "saved") say("");
    },
  };
}
