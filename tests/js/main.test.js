import assert from "node:assert/strict";
import { test } from "node:test";

test("on a page without the draft form the editor does nothing", async () => {
  const asked = [];
  globalThis.document = {
    getElementById(id) {
      asked.push(id);
      return null;
    },
  };
  try {
    await import("../../static/composer/editor/main.js");
  } finally {
    delete globalThis.document;
  }
  assert.deepEqual(asked, ["draft-form"]);
});
