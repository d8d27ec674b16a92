// Switching a plain-text draft to HTML: paragraphs and line breaks become <p> and <br>, so the
// buyer's mail client shows the message as it was written instead of one run-on paragraph.

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

// Whether the text already holds HTML markup (then it is left as it is).
export function looksLikeHtml(text) {
  return /<\/?[a-z][a-z0-9]*(\s[^>]*)?>/i.test(text);
}

// The plain text as HTML: blank lines separate paragraphs, single line breaks stay breaks.
export function textToHtml(text) {
  const escaped = text.replace(/[&<>]/g, (c) => ESCAPES[c]);
  return escaped
    .replace(/\r\n/g, "\n")
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "")
    .map((paragraph) => "<p>" + paragraph.replace(/\n/g, "<br>\n") + "</p>")
    .join("\n\n");
}
