import assert from "node:assert/strict";
import { test } from "node:test";

import { stepFinding } from "../../static/composer/editor/shortcuts.js";

const f = (field, start, alive = true) => ({ field, start, end: start + 3, alive });

test("the next finding follows the current one in the text, and wraps around", () => {
  const a = f("body", 10);
  const b = f("body", 40);
  const s = f("subject", 0);
  const findings = [s, b, a];
  assert.equal(stepFinding(findings, a, 0, 1), b);
  assert.equal(stepFinding(findings, b, 0, 1), s);
  assert.equal(stepFinding(findings, s, 0, 1), a);
  assert.equal(stepFinding(findings, a, 0, -1), s);
});

test("without a current finding, the caret decides where to go", () => {
  const a = f("body", 10);
  const b = f("body", 40);
  assert.equal(stepFinding([a, b], null, 20, 1), b);
  assert.equal(stepFinding([a, b], null, 20, -1), a);
  assert.equal(stepFinding([a, b], null, 50, 1), a);
});

test("stale findings are skipped, and no finding gives null", () => {
  const a = f("body", 10, false);
  const b = f("body", 40);
  assert.equal(stepFinding([a, b], null, 0, 1), b);
  assert.equal(stepFinding([a], null, 0, 1), null);
});
