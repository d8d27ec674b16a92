import assert from "node:assert/strict";
import { test } from "node:test";

import {
  findingAt,
  markSegments,
  readFindings,
  renderSegments,
  shiftFindings,
} from "../../static/composer/editor/marks.js";
import { FakeElement, fakeDocument } from "./fakes.js";

function finding(index, start, end, severity = "error", field = "body") {
  return { index, start, end, severity, field, rule: "R" + index, alive: true };
}

function listOf(...items) {
  const list = new FakeElement("ul");
  for (const dataset of items) list.appendChild(new FakeElement("li", dataset));
  return list;
}

test("findings are read from the server's list, numbered in order", () => {
  const list = listOf(
    { start: "0", end: "4", severity: "error", rule: "C101" },
    { field: "subject", start: "2", end: "3", severity: "warning", rule: "M102" },
  );
  const findings = readFindings(list);
  assert.equal(findings.length, 2);
  assert.deepEqual(
    findings.map(({ index, field, start, end, severity, rule, alive }) => ({ index, field, start, end, severity, rule, alive })),
    [
      { index: 0, field: "body", start: 0, end: 4, severity: "error", rule: "C101", alive: true },
      { index: 1, field: "subject", start: 2, end: 3, severity: "warning", rule: "M102", alive: true },
    ],
  );
  assert.equal(list.children[1].dataset.index, "1");
});

test("shifting findings moves them in their own field only and marks edited ones stale", () => {
  const list = listOf(
    { start: "6", end: "11", severity: "error", rule: "A" },
    { start: "0", end: "5", severity: "error", rule: "B" },
    { field: "subject", start: "6", end: "11", severity: "error", rule: "C" },
  );
  const findings = readFindings(list);
  shiftFindings(findings, "body", "Hello world", "Hello, world");
  assert.equal(findings[0].start, 7);
  assert.equal(list.children[0].dataset.start, "7");
  assert.equal(list.children[0].dataset.end, "12");
  assert.equal(findings[2].start, 6);
  shiftFindings(findings, "body", "Hello, world", "Help, world");
  assert.equal(findings[1].alive, false);
  assert.ok(list.children[1].classList.contains("finding-stale"));
  assert.ok(!list.children[0].classList.contains("finding-stale"));
});

test("the text is cut at every finding; overlaps take the most severe", () => {
  const findings = [finding(0, 0, 5, "warning"), finding(1, 3, 8, "error")];
  const segments = markSegments("Hello world", findings, "body");
  assert.deepEqual(
    segments.map((s) => [s.text, s.top ? s.top.severity : null, s.findings ? s.findings.map((f) => f.index) : []]),
    [
      ["Hel", "warning", [0]],
      ["lo", "error", [0, 1]],
      [" wo", "error", [1]],
      ["rld", null, []],
    ],
  );
});

test("segments count code points, so an emoji stays whole", () => {
  const segments = markSegments("a👍🏽b", [finding(0, 1, 3)], "body");
  assert.deepEqual(
    segments.map((s) => s.text),
    ["a", "👍🏽", "b"],
  );
});

test("insertion findings become empty marks at their place, dead or foreign findings none", () => {
  const dead = { ...finding(2, 0, 2), alive: false };
  const findings = [finding(0, 0, 0, "info"), finding(1, 4, 4, "warning"), dead, finding(3, 0, 2, "error", "subject")];
  const segments = markSegments("abcd", findings, "body");
  assert.deepEqual(
    segments.map((s) => (s.insert ? "^" + s.insert.index : s.text)),
    ["^0", "abcd", "^1"],
  );
  // A finding past the end of a text that has since become shorter is not drawn.
  assert.deepEqual(markSegments("ab", [finding(0, 1, 9)], "body"), [{ text: "ab" }]);
});

test("segments render as marks with their findings and rule", () => {
  const findings = [finding(0, 0, 2, "warning"), finding(1, 2, 2, "info")];
  const fragment = renderSegments(fakeDocument, markSegments("abc", findings, "body"));
  const [first, insert, rest] = fragment.children;
  assert.equal(first.tagName, "MARK");
  assert.equal(first.className, "mark-warning");
  assert.equal(first.textContent, "ab");
  assert.equal(first.dataset.findings, "0");
  assert.equal(first.dataset.rule, "R0");
  assert.equal(insert.className, "mark-insert mark-info");
  assert.deepEqual(rest, { text: "c" });
});

test("the caret finds the most severe finding around it; a selection only an exact one", () => {
  const findings = [finding(0, 0, 10, "info"), finding(1, 2, 6, "error"), finding(2, 8, 8, "warning")];
  assert.equal(findingAt(findings, 4, 4, false).index, 1);
  assert.equal(findingAt(findings, 7, 7, false).index, 0);
  assert.equal(findingAt(findings, 8, 8, false).index, 2);
  assert.equal(findingAt(findings, 11, 11, false), undefined);
  assert.equal(findingAt(findings, 2, 6, true).index, 1);
  assert.equal(findingAt(findings, 2, 5, true), undefined);
});

test("blank lines inside a mark are marked across their width, each line on its own", () => {
  const text = "Thanks,\n\n\nAcme";
  const fragment = renderSegments(fakeDocument, markSegments(text, [finding(0, 7, 10)], "body"));
  const shown = fragment.children.map((c) => (c.tagName === "MARK" ? [c.className, c.textContent] : c.text));
  assert.deepEqual(shown, [
    "Thanks,",
    "\n",
    ["mark-error mark-line", "\u200b"],
    "\n",
    ["mark-error mark-line", "\u200b"],
    "\n",
    "Acme",
  ]);
  // A mark over words that runs into the next line keeps each line's words in plain marks.
  const words = renderSegments(fakeDocument, markSegments("ab\ncd", [finding(0, 1, 4)], "body"));
  assert.deepEqual(
    words.children.map((c) => (c.tagName === "MARK" ? [c.className, c.textContent] : c.text)),
    ["a", ["mark-error", "b"], "\n", ["mark-error", "c"], "d"],
  );
});

test("a fix wider than its finding is read with it and moves with it", () => {
  const list = listOf({ start: "17", end: "26", severity: "error", rule: "C301", fixStart: "13", fixEnd: "26", fix: "" });
  const [f] = readFindings(list);
  assert.equal(f.fixBefore, 4);
  assert.equal(f.fixAfter, 0);
  shiftFindings([f], "body", "Reply here or at a@b.co.uk", "Please reply here or at a@b.co.uk");
  assert.equal(f.start, 24);
  assert.equal(f.fixBefore, 4);
});

test("an edit among the words a fix would take along keeps the fix to the marked words", () => {
  const list = listOf({ start: "17", end: "26", severity: "error", rule: "C301", fixStart: "13", fixEnd: "26", fix: "" });
  const [f] = readFindings(list);
  shiftFindings([f], "body", "Reply here or at a@b.co.uk", "Reply here or at: a@b.co.uk");
  assert.equal(f.fixBefore, undefined);
  assert.equal(f.alive, true);
});
