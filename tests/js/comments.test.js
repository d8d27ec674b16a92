import assert from "node:assert/strict";
import { test } from "node:test";

import { readComments, setupComments } from "../../static/composer/editor/comments.js";
import { findingAt, markSegments, renderSegments } from "../../static/composer/editor/marks.js";
import { FakeElement, fakeDocument } from "./fakes.js";

function commentList(...items) {
  const list = new FakeElement("ul");
  list.addEventListener = () => {};
  for (const dataset of items) list.appendChild(new FakeElement("li", dataset));
  return list;
}

test("only comments whose words are still in the text are marked, numbered apart from findings", () => {
  const list = commentList({ start: "6", end: "11" }, { start: "" }, {}, { start: "0", end: "5" });
  const comments = readComments(list);
  assert.deepEqual(
    comments.map(({ index, start, end, severity, field, alive }) => ({ index, start, end, severity, field, alive })),
    [
      { index: "c0", start: 6, end: 11, severity: "comment", field: "body", alive: true },
      { index: "c1", start: 0, end: 5, severity: "comment", field: "body", alive: true },
    ],
  );
  assert.deepEqual(readComments(null), []);
});

test("a comment is marked on its own, and under a finding the finding's mark shows it is commented", () => {
  const [comment] = readComments(commentList({ start: "0", end: "5" }));
  const finding = { index: 0, start: 3, end: 8, severity: "error", field: "body", rule: "C301", alive: true };
  const fragment = renderSegments(fakeDocument, markSegments("Hello world", [finding, comment], "body"));
  assert.deepEqual(
    fragment.children.map((c) => (c.tagName === "MARK" ? [c.className, c.textContent, c.dataset.findings] : c.text)),
    [
      ["mark-comment", "Hel", "c0"],
      ["mark-error mark-commented", "lo", "0 c0"],
      ["mark-error", " wo", "0"],
      "rld",
    ],
  );
});

test("the caret on a commented passage finds a finding there first, else the comment", () => {
  const [comment] = readComments(commentList({ start: "0", end: "5" }));
  const finding = { index: 0, start: 3, end: 8, severity: "info", field: "body", alive: true };
  assert.equal(findingAt([finding, comment], 4, 4, false), finding);
  assert.equal(findingAt([finding, comment], 1, 1, false), comment);
  assert.equal(findingAt([finding, comment], 0, 5, true), comment);
});

test("comments move with the typing and stop being marked when their words change", () => {
  const ctx = { els: { commentList: commentList({ start: "6", end: "11" }) } };
  const comments = setupComments(ctx);
  comments.onEdit("Hello world", "Oh, Hello world");
  assert.deepEqual([ctx.comments[0].start, ctx.comments[0].end, ctx.comments[0].alive], [10, 15, true]);
  comments.onEdit("Oh, Hello world", "Oh, Hello word");
  assert.equal(ctx.comments[0].alive, false);
  assert.ok(ctx.comments[0].li.classList.contains("comment-unmarked"));
});

test("a text box with commented passages says so to screen readers", () => {
  const attributes = { "aria-describedby": "char-counter" };
  const body = {
    getAttribute: (name) => attributes[name],
    setAttribute: (name, value) => {
      attributes[name] = value;
    },
  };
  const note = { id: "comment-note" };
  setupComments({ els: { body, commentNote: note, commentList: commentList({ start: "0", end: "5" }) } });
  assert.equal(attributes["aria-describedby"], "char-counter comment-note");
  attributes["aria-describedby"] = "char-counter";
  setupComments({ els: { body, commentNote: note, commentList: commentList({ start: "" }) } });
  assert.equal(attributes["aria-describedby"], "char-counter");
});
