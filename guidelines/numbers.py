"""Numbers written in words, read as digits for the promotion and incentive rules.

"twenty percent off", "zwanzig Prozent", "vingt pour cent" hide a discount from a filter that
looks for "20 %". ``text2num`` converts the languages it covers (en, fr, es, pt, de, nl, it); the
others take their number words from ``disguise.toml`` (``[pl.numbers]`` …). The result is a
:class:`~guidelines.normalise.Reading`, so a phrase found on "20 percent" marks "twenty percent".
"""

from __future__ import annotations

import re
import tomllib
from functools import cache

from .normalise import Reading

TEXT2NUM_LANGUAGES = frozenset({"en", "fr", "es", "pt", "de", "nl", "it"})
# Numbers below this stay words ("one of them", "a second line"): only amounts matter here.
SMALLEST = 3
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_LOOKAHEAD = 3  # tokens that must agree after a replacement before the walk trusts it


@cache
def _data() -> dict:
    from .detect import DATA_FILE

    with DATA_FILE.open("rb") as handle:
        return tomllib.load(handle)


@cache
def _percent_phrases(language: str) -> tuple[str, ...]:
    """Return phrases whose last word is no number ("pour cent" is "per cent", not "for 100")."""
    return tuple(_data().get(language, {}).get("percent", ()))


def with_numbers(reading: Reading, languages: tuple[str, ...]) -> Reading:
    """Return ``reading`` with numbers in words written as digits, for each language in turn."""
    for language in languages:
        if language in TEXT2NUM_LANGUAGES:
            reading = _with_text2num(reading, language)
        elif _data().get(language, {}).get("numbers"):
            reading = _with_number_words(reading, language)
    return reading


def _with_text2num(reading: Reading, language: str) -> Reading:
    from text_to_num import alpha2digit

    text = reading.text
    if not re.search(r"[a-zà-ÿ]{3}", text):
        return reading
    converted = alpha2digit(text, language, threshold=SMALLEST)
    if converted == text:
        return reading
    edits = _changed_lines(text, converted)
    if edits is None:
        return reading  # the conversion changed more than numbers: keep the words
    phrases = _percent_phrases(language)
    kept = [
        (start, end, new)
        for start, end, new in edits
        if not any(text[max(0, end - len(p)) : end] == p for p in phrases)
    ]
    return reading.replace(kept)


def _changed_lines(before: str, after: str) -> list[tuple[int, int, str]] | None:
    """Align only the lines the conversion changed (it never joins or splits lines)."""
    old_lines = before.split("\n")
    new_lines = after.split("\n")
    if len(old_lines) != len(new_lines):
        return _align(before, after)
    edits: list[tuple[int, int, str]] = []
    offset = 0
    for old, new in zip(old_lines, new_lines, strict=True):
        if old != new:
            found = _align(old, new)
            if found is None:
                return None
            edits.extend((offset + start, offset + end, digits) for start, end, digits in found)
        offset += len(old) + 1
    return edits


def _align(before: str, after: str) -> list[tuple[int, int, str]] | None:
    """Return the spans of ``before`` that ``after`` wrote as digits, or None if they do not align."""
    old = _TOKEN.findall(before)
    new = _TOKEN.findall(after)
    edits: list[tuple[int, int, str]] = []
    i = j = 0
    position = 0
    while i < len(old) and j < len(new):
        if old[i] == new[j]:
            position += len(old[i])
            i += 1
            j += 1
            continue
        if not new[j][:1].isdigit():
            return None
        # The digits replace old[i:k]; find k where the rest agrees again.
        for k in range(i + 1, min(len(old), i + 40) + 1):
            if old[k : k + _LOOKAHEAD] == new[j + 1 : j + 1 + _LOOKAHEAD]:
                break
        else:
            return None
        length = sum(len(t) for t in old[i:k])
        edits.append((position, position + length, new[j]))
        position += length
        i, j = k, j + 1
    if i != len(old) or j != len(new):
        return None
    return edits


def _with_number_words(reading: Reading, language: str) -> Reading:
    """Write runs of number words from the language data as digits ("dwadzieścia pięć" → 25)."""
    words: dict[str, int] = _data()[language]["numbers"]
    text = reading.text
    edits: list[tuple[int, int, str]] = []
    run_start = run_end = -1
    total = 0
    last = 0
    for match in re.finditer(r"\w+", text):
        value = _value_of(match.group(0), words)
        gap = text[run_end : match.start()] if run_end >= 0 else ""
        joins = run_end >= 0 and gap.strip(" -") == "" and value is not None and value < last
        if joins:
            total += value
            last = value
            run_end = match.end()
            continue
        if run_end >= 0 and total >= SMALLEST:
            edits.append((run_start, run_end, str(total)))
        run_start = run_end = -1
        if value is not None:
            run_start, run_end, total, last = match.start(), match.end(), value, value
    if run_end >= 0 and total >= SMALLEST:
        edits.append((run_start, run_end, str(total)))
    return reading.replace(edits)


def _value_of(word: str, words: dict[str, int]) -> int | None:
    """Return a number word's value; a compound of tens and units ("tjugofem") is their sum."""
    if word in words:
        return words[word]
    for head, value in words.items():
        if 20 <= value < 100 and value % 10 == 0 and word.startswith(head):
            tail = words.get(word[len(head) :])
            if tail is not None and tail < 10:
                return value + tail
    return None
