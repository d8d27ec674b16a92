import assert from "node:assert/strict";
import { test } from "node:test";

import { codePointLength, editBetween, shiftSpans, toPoints, toUnits } from "../../static/composer/editor/offsets.js";

const THUMB = "👍🏽"; // two code points, four UTF-16 units

test("code points count an emoji with its skin tone as two", () => {
  assert.equal(codePointLength(THUMB), 2);
  assert.equal(codePointLength("a" + THUMB + "b"), 4);
  assert.equal(THUMB.length, 4);
});

test("a lone surrogate counts as one code point", () => {
  assert.equal(codePointLength("\ud83d"), 1);
  assert.equal(codePointLength("x\udc4d"), 2);
});

test("code points and UTF-16 units convert both ways", () => {
  const text = "Hi " + THUMB + " there";
  assert.equal(toUnits(text, 3), 3);
  assert.equal(toUnits(text, 5), 7);
  assert.equal(toPoints(text, 7), 5);
  for (let points = 0; points <= codePointLength(text); points++) {
    assert.equal(toPoints(text, toUnits(text, points)), points);
  }
  assert.equal(toUnits(text, 1000), text.length);
});

test("the edit between two texts is found in code points", () => {
  assert.deepEqual(editBetween("Hello world", "Hello big world"), { start: 6, end: 6, delta: 4 });
  assert.deepEqual(editBetween(THUMB + "ab", THUMB + "b"), { start: 2, end: 3, delta: -1 });
});

test("spans after an edit move with their words, spans before it stay", () => {
  const before = { start: 0, end: 5, alive: true };
  const after = { start: 6, end: 11, alive: true };
  const changed = shiftSpans([before, after], "Hello world", "Hello, big world");
  assert.deepEqual(changed, [after]);
  assert.deepEqual(before, { start: 0, end: 5, alive: true });
  assert.deepEqual(after, { start: 11, end: 16, alive: true });
});

test("a span whose own words change is no longer alive", () => {
  const span = { start: 6, end: 11, alive: true };
  assert.deepEqual(shiftSpans([span], "Hello world", "Hello wxrld"), [span]);
  assert.equal(span.alive, false);
  // A dead span is left alone by later edits.
  assert.deepEqual(shiftSpans([span], "Hello wxrld", "Hello wxrld!"), []);
});

test("an insertion point dies when text is replaced right at it, survives typing before it", () => {
  const point = { start: 5, end: 5, alive: true };
  shiftSpans([point], "abcdefgh", "abcdeXfgh");
  assert.equal(point.alive, true);
  assert.equal(point.start, 5);
  shiftSpans([point], "abcdeXfgh", "abcdeYfgh");
  assert.equal(point.alive, false);
  const later = { start: 5, end: 5, alive: true };
  shiftSpans([later], "abcdefgh", "Xabcdefgh");
  assert.deepEqual(later, { start: 6, end: 6, alive: true });
});

test("no edit changes nothing", () => {
  const span = { start: 1, end: 2, alive: true };
  assert.deepEqual(shiftSpans([span], "same", "same"), []);
});
