import assert from "node:assert/strict";
import { test } from "node:test";

import { formatDateTime, formatTime, intlLocale } from "../../static/composer/editor/times.js";

const EVENING = new Date(Date.UTC(2026, 10, 28, 20, 45, 9));

test("English times are on the 24-hour clock, like the server's pages", () => {
  const time = formatTime(EVENING, "en");
  assert.match(time, /^\d\d:45$/);
  assert.doesNotMatch(time, /PM|AM/);
});

test("English dates put the day first, with the month's short name", () => {
  const text = formatDateTime(EVENING, "en");
  assert.match(text, /^2[89] Nov 2026, \d\d:45$/);
});

test("Chinese times use the Chinese format", () => {
  assert.match(formatDateTime(EVENING, "zh-hans"), /2026年11月2[89]日/);
  assert.doesNotMatch(formatTime(EVENING, "zh-hans"), /PM|AM|下午/);
});

test("the page's language becomes an Intl locale", () => {
  assert.equal(intlLocale("en"), "en-GB");
  assert.equal(intlLocale("zh-hans"), "zh-Hans");
  assert.equal(intlLocale("de"), "de");
  assert.equal(intlLocale(""), "en-GB");
});
