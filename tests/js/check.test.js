import assert from "node:assert/strict";
import { test } from "node:test";

import { LiveCheck, createBusy, sizeMessages, summaryText } from "../../static/composer/editor/check.js";

// Timers run by hand: the test decides when the delay has passed.
function manualTimers() {
  const waiting = new Map();
  let next = 1;
  return {
    setTimeout(fn) {
      waiting.set(next, fn);
      return next++;
    },
    clearTimeout(id) {
      waiting.delete(id);
    },
    fire() {
      const fns = Array.from(waiting.values());
      waiting.clear();
      return fns.map((fn) => fn());
    },
    get count() {
      return waiting.size;
    },
  };
}

function deferred() {
  let resolve;
  const promise = new Promise((r) => (resolve = r));
  return { promise, resolve };
}

test("busy marks the element while any work is pending", () => {
  const element = { dataset: {} };
  const busy = createBusy(element);
  busy.begin("check");
  busy.begin("save");
  assert.equal(element.dataset.busy, "true");
  busy.end("check");
  assert.equal(element.dataset.busy, "true");
  busy.end("save");
  assert.equal("busy" in element.dataset, false);
});

test("typing again restarts the delay: one check for a burst of keys", async () => {
  const timers = manualTimers();
  const sent = [];
  const element = { dataset: {} };
  const live = new LiveCheck({
    request: async (seq) => {
      sent.push(seq);
      return "answer " + seq;
    },
    show: () => {},
    busy: createBusy(element),
    timers,
  });
  live.schedule();
  live.schedule();
  live.schedule();
  assert.equal(timers.count, 1);
  assert.equal(element.dataset.busy, "true");
  await Promise.all(timers.fire());
  assert.deepEqual(sent, [1]);
  assert.equal("busy" in element.dataset, false);
});

test("while a check is on its way no other is sent; the newest text goes when it returns", async () => {
  const answers = [deferred(), deferred()];
  const sent = [];
  const shown = [];
  const counted = [];
  const element = { dataset: {} };
  let text = "first";
  const live = new LiveCheck({
    request: (seq) => {
      sent.push([seq, text]);
      return answers[seq - 1].promise;
    },
    show: (answer) => shown.push(answer),
    busy: createBusy(element),
    onAnswered: (n) => counted.push(n),
    timers: manualTimers(),
  });
  const first = live.run();
  text = "second";
  live.run();
  text = "third";
  live.run();
  assert.deepEqual(sent, [[1, "first"]]);
  answers[0].resolve("answer to first");
  answers[1].resolve("answer to third");
  await first;
  assert.deepEqual(sent, [
    [1, "first"],
    [2, "third"],
  ]);
  assert.deepEqual(shown, ["answer to first", "answer to third"]);
  assert.deepEqual(counted, [1, 2]);
  assert.equal("busy" in element.dataset, false);
});

test("the page stays busy from the first check until the last answer", async () => {
  const answers = [deferred(), deferred()];
  const element = { dataset: {} };
  const live = new LiveCheck({
    request: (seq) => answers[seq - 1].promise,
    show: () => {},
    busy: createBusy(element),
    timers: manualTimers(),
  });
  const first = live.run();
  live.run();
  answers[0].resolve("a");
  await Promise.resolve();
  assert.equal(element.dataset.busy, "true");
  answers[1].resolve("b");
  await first;
  assert.equal("busy" in element.dataset, false);
});

test("a failed check shows nothing and is not counted as answered", async () => {
  const shown = [];
  const counted = [];
  const element = { dataset: {} };
  const live = new LiveCheck({
    request: async () => null,
    show: (answer) => shown.push(answer),
    busy: createBusy(element),
    onAnswered: (n) => counted.push(n),
    timers: manualTimers(),
  });
  await live.run();
  assert.deepEqual(shown, []);
  assert.deepEqual(counted, []);
  assert.equal("busy" in element.dataset, false);
});

test("the announcement says there are no problems, or counts them", () => {
  const strings = { noProblems: "No problems.", summary: "%(errors)s errors, %(warnings)s warnings, %(total)s in all." };
  assert.equal(summaryText(strings, { total: "0", errors: "0", warnings: "0" }), "No problems.");
  assert.equal(summaryText(strings, { total: "3", errors: "1", warnings: "2" }), "1 errors, 2 warnings, 3 in all.");
});

test("the size limits are told in words: over the type's limit, and over the site's", () => {
  const strings = {
    overType: "%(count)s characters over Amazon's limit of %(limit)s.",
    overSite: "%(count)s characters over this site's limit of %(limit)s.",
  };
  assert.deepEqual(sizeMessages(strings, 400, 400, 20000), { type: "", site: "" });
  assert.deepEqual(sizeMessages(strings, 403, 400, 20000), {
    type: "3 characters over Amazon's limit of 400.",
    site: "",
  });
  const huge = sizeMessages(strings, 20005, 2000, 20000);
  assert.equal(huge.type, "18005 characters over Amazon's limit of 2000.");
  assert.equal(huge.site, "5 characters over this site's limit of 20000.");
  // Replies have no type limit.
  assert.equal(sizeMessages(strings, 5000, 0, 20000).type, "");
});
