import assert from "node:assert/strict";
import { test } from "node:test";

import { findingsAllow, sendAllowed } from "../../static/composer/editor/send.js";

const ready = { blocked: "", findingsOk: true, saved: true, pending: false };

test("send is allowed only for saved, error-free text the server does not block", () => {
  assert.equal(sendAllowed(ready), true);
  assert.equal(sendAllowed({ ...ready, blocked: "Connect your team's Amazon account." }), false);
  assert.equal(sendAllowed({ ...ready, findingsOk: false }), false);
  assert.equal(sendAllowed({ ...ready, saved: false }), false);
  assert.equal(sendAllowed({ ...ready, pending: true }), false);
});

test("the findings summary decides about errors", () => {
  assert.equal(findingsAllow({ dataset: { ok: "true" } }), true);
  assert.equal(findingsAllow({ dataset: { ok: "false" } }), false);
  assert.equal(findingsAllow(null), true);
});
