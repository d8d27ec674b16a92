import assert from "node:assert/strict";
import { test } from "node:test";

import { FixHistory, fixRange, replaceRange } from "../../static/composer/editor/fixes.js";
import { FakeInput } from "./fakes.js";

// A browser without execCommand support (it answers false): the text is set directly.
const noExecCommand = { execCommand: () => false };

test("replacing a range without execCommand sets the text and reports an input", () => {
  const input = new FakeInput("Call me at 555");
  replaceRange(input, 5, 14, "", noExecCommand);
  assert.equal(input.value, "Call ");
  assert.deepEqual(input.events, ["input"]);
});

test("when execCommand does the edit, no extra input event is sent", () => {
  const input = new FakeInput("abc");
  const doc = {
    execCommand(command, _ui, text) {
      assert.equal(command, "insertText");
      input.value = input.value.slice(0, input.selectionStart) + text + input.value.slice(input.selectionEnd);
      return true;
    },
  };
  replaceRange(input, 1, 2, "X", doc);
  assert.equal(input.value, "aXc");
  assert.deepEqual(input.events, []);
});

test("a fix replaces the finding's code points, even after an emoji", () => {
  const input = new FakeInput("👍🏽 email me");
  const history = new FixHistory();
  const f = { start: 3, end: 8, alive: true };
  assert.ok(history.apply(input, f, "write", noExecCommand));
  assert.equal(input.value, "👍🏽 write me");
});

test("a stale finding or one without a fix is not applied", () => {
  const input = new FakeInput("abc");
  const history = new FixHistory();
  assert.equal(history.apply(input, { start: 0, end: 1, alive: false }, "", noExecCommand), false);
  assert.equal(history.apply(input, { start: 0, end: 1, alive: true }, undefined, noExecCommand), false);
  assert.equal(input.value, "abc");
  assert.equal(history.last, null);
});

test("undo restores the text before the fix and puts the caret where it was", () => {
  const input = new FakeInput("Hello, visit example.com today");
  const history = new FixHistory();
  history.apply(input, { start: 7, end: 25, alive: true }, "", noExecCommand);
  assert.equal(input.value, "Hello, today");
  assert.ok(history.undo(noExecCommand));
  assert.equal(input.value, "Hello, visit example.com today");
  assert.equal(input.selectionStart, 7);
  assert.equal(history.undo(noExecCommand), false);
});

test("typing after a fix forgets it, so undo cannot throw the typing away", () => {
  const input = new FakeInput("abc def");
  const history = new FixHistory();
  history.apply(input, { start: 0, end: 3, alive: true }, "xyz", noExecCommand);
  assert.equal(history.forgetIfTyped(), false);
  input.value += "!";
  assert.equal(history.forgetIfTyped(), true);
  assert.equal(history.undo(noExecCommand), false);
  assert.equal(input.value, "xyz def!");
});

test("an exact fix takes the words that introduced the address; other replacements the span", () => {
  const f = { start: 26, end: 35, fixBefore: 16, fixAfter: 0, alive: true, li: { dataset: { fix: "" } } };
  assert.deepEqual(fixRange(f, ""), [10, 35]);
  assert.deepEqual(fixRange(f, "x"), [26, 35]);
  assert.deepEqual(fixRange({ start: 1, end: 2 }, ""), [1, 2]);
  const input = new FakeInput("Reply here or email me at a@b.co.uk.");
  const history = new FixHistory();
  assert.ok(history.apply(input, f, "", noExecCommand));
  assert.equal(input.value, "Reply here.");
});
