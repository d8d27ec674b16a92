// Times shown by the editor, in the interface language's own format (Intl.DateTimeFormat), as
// the server's pages show them: 24-hour clock, day before month in English ("28 Nov 2026, 20:45").

// The interface language (the page's lang) as a locale for Intl. Our English formats are the
// day-month-year, 24-hour ones of config/formats/en, which en-GB matches.
const INTL_LOCALES = { en: "en-GB", "zh-hans": "zh-Hans" };

export function intlLocale(lang) {
  const key = (lang || "en").toLowerCase();
  return INTL_LOCALES[key] || key;
}

export function formatTime(date, lang) {
  return new Intl.DateTimeFormat(intlLocale(lang), { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    date,
  );
}

export function formatDateTime(date, lang) {
  return new Intl.DateTimeFormat(intlLocale(lang), {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(date);
}
