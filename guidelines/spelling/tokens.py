"""Words worth checking: what the spelling, grammar and language checks may read.

Placeholders, order IDs, URLs, e-mail addresses, numbers and the names the seller told us
about are never a spelling mistake and say nothing about the message's language, so every
check reads the text with those spans masked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from typing import NamedTuple

from ..languages import all_packs
from ..message import ORDER_ID_IN_TEXT, PLACEHOLDER, Context

# Letters joined by inner apostrophes or hyphens ("don't", "l'image", "wall-mount"). The
# standard library's engine is about twice as fast as `regex` here, and this runs on every check.
WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")

_TLDS = (
    "com|net|org|info|biz|shop|store|online|site|io|co|uk|de|fr|es|it|nl|be|pl|se|tr|jp|cn|br|pt|"
    "mx|ca|au|in|ae|us|eu|at|ch|ly|me|tv|app|gl"
)
# Each kind of span is searched from a cheap anchor (a scheme, an @, a dot before a top-level
# domain, a digit), so that a 2,000-character text is masked in a fraction of a millisecond.
_EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
# File names are masked like domains: "invoice.pdf", "photo.heic".
_FILE_TYPES = "pdf|jpe?g|png|gif|heic|webp|docx?|xlsx?|csv|txt|zip"
_DOMAIN_END = re.compile(rf"\.(?:{_TLDS}|{_FILE_TYPES})\b(?:/[^\s<>\"']*)?", re.IGNORECASE)
_HANDLE_OR_PLACEHOLDER = re.compile(r"[@#]\w+|\{\{[^}]*\}\}|\{[a-z_]+\}|\[[A-Z_ ]+\]")
_DIGITS = re.compile(r"\d+")
# HTML tags and character references typed into a plain-text message ("<br>", "&ndash;"): the
# HTML rule reports them; they are no misspelled words ("br", "ul") nor missing spaces.
_HTML_MARKUP = re.compile(r"</?[A-Za-z][^<>\n]{0,200}>|&#?\w{1,10};")
# Italian titles abbreviated with a suffix after the dot: "Sig.ra", "Gent.mo", "Dott.ssa", "Spett.le".
_DOTTED_TITLE = re.compile(
    r"\b(?:Sig|Gent|Egr|Spett|Dott|Prof|Ing|Avv|Arch|Rag|Geom|Pregiat|Ill)\.(?:ra|re|na|ri|mo|ma|mi|me|ssa|sse|le|li)\b"
)


# A URL runs to the next space or quote or angle bracket (``\s`` is exactly ``str.isspace``).
_URL_REST = re.compile(r"[^\s<>\"']*")


def _url_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of URLs ("https://…", "www.…"), found from "://" and "www." outward."""
    spans = []
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lowers to two characters: keep offsets aligned
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for marker in ("://", "www."):
        start = lowered.find(marker)
        while start != -1:
            begin = start
            while begin > 0 and text[begin - 1].isalpha():
                begin -= 1
            end = _URL_REST.match(text, start + len(marker)).end()
            while end > start and text[end - 1] in ".,;:!?)]":  # the sentence's, not the URL's
                end -= 1
            spans.append((begin, end))
            start = lowered.find(marker, end)
    return spans


def _domain_spans(text: str) -> Iterator[tuple[int, int]]:
    for match in _DOMAIN_END.finditer(text):
        start = match.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-._"):
            start -= 1
        if start < match.start() and text[start] != ".":
            yield start, match.end()


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span to the words it touches: a word glued to a URL or a placeholder is part of it."""
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    while end < len(text) and text[end].isalpha():
        end += 1
    return start, end


def _digit_word_spans(text: str) -> Iterator[tuple[int, int]]:
    """Return the words (runs of word characters) that hold a digit, each once ("1o1o1o…" too)."""
    return (match.span() for match in _DIGIT_WORD.finditer(text))


# A whole word with a digit in it: the letters before its first digit are read once (possessive),
# so a long word without digits costs one pass, not one per character.
_DIGIT_WORD = re.compile(r"(?<!\w)[^\W\d]*+\d\w*+")


class Token(NamedTuple):
    """A word of the text, its position, and where it stands in its sentence."""

    start: int
    end: int
    text: str
    # First word of a sentence (after . ! ? or at the start of a paragraph).
    sentence_start: bool


def masked_spans(text: str, context: Context | None = None) -> list[tuple[int, int]]:
    """Return the spans no check should read: placeholders, IDs, URLs, addresses, numbers, names."""
    return list(_masked_spans(text, tuple(names_of(context)) if context is not None else ()))


@lru_cache(maxsize=32)
def _masked_spans(text: str, names: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    spans = list(_domain_spans(text)) if "." in text else []
    spans += _url_spans(text)
    if "." in text:
        spans += [m.span() for m in _DOTTED_TITLE.finditer(text)]
    if "@" in text:
        spans += [m.span() for m in _EMAIL.finditer(text)]
    if "{" in text or "[" in text or "@" in text or "#" in text:
        spans += [m.span() for m in _HANDLE_OR_PLACEHOLDER.finditer(text)]
    spans += [m.span() for m in PLACEHOLDER.finditer(text)]
    spans += [m.span() for m in ORDER_ID_IN_TEXT.finditer(text)]
    spans = [_whole_words(text, start, end) for start, end in spans]
    spans += _digit_word_spans(text)  # whole words already
    if "<" in text or "&" in text:  # not widened: the words next to a tag are still checked
        spans += [m.span() for m in _HTML_MARKUP.finditer(text)]
    if names:
        for name in names:
            lowered, needle = text.casefold(), name.casefold()
            if len(lowered) != len(text):  # casefold changed lengths (ß): search case-sensitively
                lowered, needle = text, name
            start = lowered.find(needle)
            while start != -1:
                spans.append((start, start + len(name)))
                start = lowered.find(needle, start + 1)
    return tuple(_merge(spans))


def names_of(context: Context) -> list[str]:
    """Return the product, buyer and store names the context gives, longest first."""
    names = [n.strip() for n in (context.product_name, context.buyer_name, context.store_name) if n]
    return sorted((n for n in names if n), key=len, reverse=True)


def name_words(context: Context) -> frozenset[str]:
    """Return every single word of the context's names, case-folded (a name may be inflected)."""
    words = {w.casefold() for name in names_of(context) for w in WORD.findall(name)}
    return frozenset(words | {w.casefold() for w in context.known_words})


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def blank_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Return ``text`` with each span replaced by spaces, so offsets stay valid."""
    pieces: list[str] = []
    position = 0
    for start, end in sorted(spans):
        start, end = max(start, position), min(end, len(text))
        if end <= start:
            continue
        pieces += (text[position:start], " " * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def masked_text(text: str, context: Context | None = None) -> str:
    """Return ``text`` with the masked spans blanked: what the language and grammar checks read.

    Kept for the last few texts, so the rules of one check that read it build it once.
    """
    return _masked_text(text, tuple(names_of(context)) if context is not None else ())


@lru_cache(maxsize=32)
def _masked_text(text: str, names: tuple[str, ...]) -> str:
    pieces: list[str] = []
    position = 0
    for start, end in _masked_spans(text, names):  # sorted and apart: merged
        pieces += (text[position:start], " " * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def words_of(text: str, context: Context | None = None) -> tuple[Token, ...]:
    """Return the words of ``text`` outside the masked spans (:func:`tokens`), kept like :func:`masked_text`."""
    return _words_of(text, tuple(names_of(context)) if context is not None else ())


@lru_cache(maxsize=32)
def _words_of(text: str, names: tuple[str, ...]) -> tuple[Token, ...]:
    return tuple(_tokens(text, _masked_text(text, names)))


# Where sentences start: the text's start, after a blank line, or after final punctuation.
# Each pattern starts with its punctuation, which the regular-expression engine scans for fast.
_TEXT_OPENING = re.compile(r"[\s\"'“”‘’«»(]*(?=[^\W\d_])")
# No newline after the blank line: 20,000 newlines are then read in one pass, not rescanned
# from each one (the last blank line before a word still opens its paragraph).
_PARAGRAPH_OPENING = re.compile(r"\n[ \t]*\n[ \t\"'“”‘’«»(]*(?=[^\W\d_])")
_SENTENCE_OPENING = re.compile(r"[.!?…。！？][\"'“”‘’«»)]*\s[\s\"'“”‘’«»(]*(?=[^\W\d_])")
# Units written the same in every language; each pack lists its own abbreviations ("z.B", "Mr").
_UNIT_ABBREVIATIONS = ("cm", "mm", "kg", "ml")


@cache
def _abbreviation() -> re.Pattern[str]:
    """Return a pattern for an abbreviation (or a single letter) and its full stop at a text's end."""
    words = {w for pack in all_packs() for w in pack.abbreviations} | set(_UNIT_ABBREVIATIONS)
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:\b(?:{alternatives})|\b[^\W\d_])\.$", re.IGNORECASE)


def sentence_starts(text: str) -> set[int]:
    """Return the offsets of the words that open a sentence or a paragraph."""
    opening = _TEXT_OPENING.match(text)
    starts = {opening.end()} if opening else set()
    starts.update(m.end() for m in _PARAGRAPH_OPENING.finditer(text))
    for match in _SENTENCE_OPENING.finditer(text):
        before = text[max(0, match.start() - 12) : match.start() + 1].rstrip()
        if match.group(0)[:1] == "." and _abbreviation().search(before):
            continue
        starts.add(match.end())
    return starts


def tokens(text: str, masked: list[tuple[int, int]]) -> list[Token]:
    """Return the words of ``text`` outside the masked spans, marking sentence starts."""
    return _tokens(text, blank_spans(text, masked) if masked else text)


def _tokens(text: str, clean: str) -> list[Token]:
    opening = sentence_starts(text)
    new = tuple.__new__  # NamedTuple's own __new__ is a Python function: a third of the time here
    return [new(Token, (m.start(), m.end(), m.group(), m.start() in opening)) for m in WORD.finditer(clean)]
