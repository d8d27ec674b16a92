import assert from "node:assert/strict";
import { test } from "node:test";

import {
  LocalCopy,
  afterConflict,
  errorText,
  isOwnSave,
  retryAfterSeconds,
  sameSnapshot,
} from "../../static/composer/editor/autosave.js";
import { FakeStorage } from "./fakes.js";

test("a conflict over the same text this page sent (or has now) is our own save", () => {
  const sent = { body: "Hello", subject: "" };
  const now = { body: "Hello there", subject: "" };
  assert.ok(isOwnSave(sent, now, { body: "Hello", subject: "", version: 3 }));
  assert.ok(isOwnSave(sent, now, { body: "Hello there", subject: "", version: 3 }));
  assert.ok(!isOwnSave(sent, now, { body: "Hello", subject: "Other", version: 3 }));
  assert.ok(!isOwnSave(sent, now, { body: "Written elsewhere", subject: "", version: 3 }));
});

test("a real conflict keeps the version the page started from until the seller chooses", () => {
  const sent = { body: "Tab two", subject: "" };
  const stored = { body: "Tab one", subject: "", version: 5 };
  assert.deepEqual(afterConflict(sent, sent, stored, "4"), { conflict: true, version: "4" });
  // Our own earlier save (sent on leaving, say) moves the page on to the stored version.
  assert.deepEqual(afterConflict(sent, sent, { ...sent, version: 5 }, "4"), { conflict: false, version: "5" });
});

test("a changed format alone makes the text unsaved", () => {
  const a = { body: "x", subject: "", format: "text" };
  assert.ok(sameSnapshot(a, { ...a }));
  assert.ok(!sameSnapshot(a, { ...a, format: "html" }));
});

test("error answers read as one line of their messages", () => {
  const data = { errors: { body: [{ message: "Too long." }], __all__: [{ message: "Try again." }] } };
  assert.equal(errorText(data), "Too long. Try again.");
  assert.equal(errorText({}), "");
  assert.equal(errorText(null), "");
});

test("Retry-After gives the wait, at least a second, five when missing or odd", () => {
  assert.equal(retryAfterSeconds("12"), 12);
  assert.equal(retryAfterSeconds("0"), 5);
  assert.equal(retryAfterSeconds("-3"), 1);
  assert.equal(retryAfterSeconds(null), 5);
  assert.equal(retryAfterSeconds("soon"), 5);
});

test("the local copy is kept, read back, and dropped once the same text is saved", () => {
  const storage = new FakeStorage();
  const copy = new LocalCopy(storage, "composer:draft:7");
  assert.equal(copy.read(), null);
  copy.keep({ body: "Hi", subject: "S", format: "text" }, 4, 1000);
  assert.deepEqual(copy.read(), { body: "Hi", subject: "S", format: "text", version: 4, at: 1000 });
  copy.dropIfSaved({ body: "Hi (older)", subject: "S" });
  assert.notEqual(copy.read(), null);
  copy.dropIfSaved({ body: "Hi", subject: "S" });
  assert.equal(storage.getItem("composer:draft:7"), null);
});

test("a broken or foreign stored copy is not offered, and drops cleanly", () => {
  const storage = new FakeStorage();
  const copy = new LocalCopy(storage, "k");
  storage.setItem("k", "{not json");
  assert.equal(copy.read(), null);
  copy.dropIfSaved({ body: "", subject: "" });
  assert.equal(storage.getItem("k"), null);
  storage.setItem("k", JSON.stringify({ body: 5 }));
  assert.equal(copy.read(), null);
});

test("without storage (private mode) the copy does nothing and throws nothing", () => {
  const copy = new LocalCopy(null, "k");
  copy.keep({ body: "x", subject: "" }, 1, 1);
  assert.equal(copy.read(), null);
  copy.dropIfSaved({ body: "x", subject: "" });
  copy.drop();
});
