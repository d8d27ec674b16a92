import assert from "node:assert/strict";
import { test } from "node:test";

import { wrapInMarkEditor } from "../../static/composer/editor/marks.js";
import { FakeElement } from "./fakes.js";

// The module looks for its form when loaded: give it a page without one.
async function loadTemplateMain() {
  const asked = [];
  globalThis.document = {
    getElementById(id) {
      asked.push(id);
      return null;
    },
  };
  try {
    return { module: await import("../../static/composer/editor/template_main.js"), asked };
  } finally {
    delete globalThis.document;
  }
}

test("on a page without the template form the template editor does nothing", async () => {
  const { asked } = await loadTemplateMain();
  assert.deepEqual(asked, ["template-form"]);
});

test("the warnings box is wanted only when the preview says there are warnings", async () => {
  const { module } = await loadTemplateMain();
  const preview = (warnings) => ({
    querySelector: (selector) => (selector === "#preview-body" && warnings !== null ? { dataset: { warnings } } : null),
  });
  assert.equal(module.acknowledgeNeeded(preview("true")), true);
  assert.equal(module.acknowledgeNeeded(preview("false")), false);
  assert.equal(module.acknowledgeNeeded(preview(null)), false);
});

test("a text box is put into a mark editor with the layer behind it", () => {
  const parent = new FakeElement("div");
  const textarea = new FakeElement("textarea");
  textarea.parentNode = parent;
  parent.insertBefore = (node, before) => {
    assert.equal(before, textarea);
    parent.children.push(node);
  };
  const doc = { createElement: (tag) => Object.assign(new FakeElement(tag), { setAttribute() {} }) };
  const { backdrop, layer } = wrapInMarkEditor(doc, textarea);
  const [editor] = parent.children;
  assert.equal(editor.className, "mark-editor");
  assert.deepEqual(editor.children, [backdrop, textarea]);
  assert.deepEqual(backdrop.children, [layer]);
  assert.equal(layer.id, "mark-layer");
});
