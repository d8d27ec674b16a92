import assert from "node:assert/strict";
import { test } from "node:test";

import { exportAllowed, fileNameFrom } from "../../static/composer/editor/export.js";

test("the download takes the server's file name, or a plain default", () => {
  assert.equal(fileNameFrom('attachment; filename="order-123.json"'), "order-123.json");
  assert.equal(fileNameFrom("attachment"), "message.txt");
  assert.equal(fileNameFrom(null), "message.txt");
  assert.equal(fileNameFrom("", "x.html"), "x.html");
});

test("export follows the findings summary", () => {
  assert.equal(exportAllowed({ dataset: { ok: "true" } }), true);
  assert.equal(exportAllowed({ dataset: { ok: "false" } }), false);
  assert.equal(exportAllowed(null), true);
});
