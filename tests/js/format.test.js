import assert from "node:assert/strict";
import { test } from "node:test";

import { looksLikeHtml, textToHtml } from "../../static/composer/editor/format.js";

test("paragraphs become <p> and line breaks <br>", () => {
  const text = "Hello Laura,\n\nyour order ships today.\nTracking follows.\n\nKind regards,\nDemo Store";
  assert.equal(
    textToHtml(text),
    "<p>Hello Laura,</p>\n\n<p>your order ships today.<br>\nTracking follows.</p>\n\n<p>Kind regards,<br>\nDemo Store</p>",
  );
});

test("characters that mean markup are escaped, not read as tags", () => {
  assert.equal(textToHtml("Size <M> & colour"), "<p>Size &lt;M&gt; &amp; colour</p>");
});

test("several blank lines make one paragraph break, and no empty paragraph", () => {
  assert.equal(textToHtml("\n\nOne\n\n\n\nTwo\n"), "<p>One</p>\n\n<p>Two</p>");
});

test("text with tags is recognised as HTML already", () => {
  assert.ok(looksLikeHtml("<p>Hi</p>"));
  assert.ok(looksLikeHtml('Hi <a href="x">there</a>'));
  assert.ok(!looksLikeHtml("It fits: 3 < 4 and 5 > 2"));
});
