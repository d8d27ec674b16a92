"""Numbers written in words, read as digits for the promotion and incentive rules.

"twenty percent off", "zwanzig Prozent", "vingt pour cent", 二十パーセント, 百分之二十, 打八折 hide
a discount from a filter that looks for "20 %". Each language pack says how (``[numbers]``):
``text2num`` converts the languages it covers, the others read the pack's number words
(``words``: "dwadzieścia pięć" → 25) or numeral characters with multipliers (``characters``:
二十五 → 25, 九五 → 95). ``not_numbers`` keeps words made of number words that are no amount
("pour cent" is per cent, 十分 is "enough", 百分之 is "per cent"). The result is a
:class:`~guidelines.normalise.Reading`, so a phrase found on "20 percent" marks "twenty percent".
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .languages import Pack, find_pack
from .normalise import Reading

# Numbers below this stay words ("one of them", "a second line"): only amounts matter here.
SMALLEST = 3
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_LOOKAHEAD = 3  # tokens that must agree after a replacement before the walk trusts it
# A numeral character worth at least this much multiplies what stands before it (二十, 三百);
# from this one on it closes a group of four digits (二十万 is 200,000).
_MULTIPLIER = 10
_GROUP = 10_000
# A written amount has at most this many numeral characters (九千九百九十九万九千九百九十九 has 15).
_LONGEST_NUMERAL = 16


def with_numbers(reading: Reading, languages: tuple[str, ...]) -> Reading:
    """Return ``reading`` with numbers in words written as digits, for each language in turn."""
    for language in languages:
        pack = find_pack(language)
        if pack is None:
            continue
        if pack.number_reader == "text2num":
            reading = _with_text2num(reading, pack)
        elif pack.number_reader == "characters":
            reading = _with_numeral_characters(reading, pack)
        else:
            reading = _with_number_words(reading, pack)
    return reading


def _exempt(text: str, pack: Pack) -> list[tuple[int, int]]:
    """Return the spans of the pack's ``not_numbers`` in ``text``."""
    return [
        (match.start(), match.end())
        for word in pack.not_numbers
        for match in re.finditer(re.escape(word), text)
    ]


def _with_text2num(reading: Reading, pack: Pack) -> Reading:
    from text_to_num import alpha2digit

    text = reading.text
    if not re.search(r"[a-zà-ÿ]{3}", text):  # no Latin word: nothing for text2num
        return reading
    converted = alpha2digit(text, pack.code, threshold=SMALLEST)
    if converted == text:
        return reading
    edits = _changed_lines(text, converted)
    if edits is None:
        return reading  # the conversion changed more than numbers: keep the words
    # "vingt pour cent": text2num reads "cent" as 100; the words end in a ``not_numbers`` phrase.
    kept = [
        (start, end, new)
        for start, end, new in edits
        if not any(text[max(0, end - len(p)) : end] == p for p in pack.not_numbers)
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
            # Long lines (a pasted text without line breaks) are aligned, not kept: memory stays bounded.
            align = _aligned_line if len(old) <= _LONGEST_KEPT_LINE else _align
            found = align(old, new)
            if found is None:
                return None
            edits.extend((offset + start, offset + end, digits) for start, end, digits in found)
        offset += len(old) + 1
    return edits


_LONGEST_KEPT_LINE = 2_000


@lru_cache(maxsize=1024)
def _aligned_line(before: str, after: str) -> tuple[tuple[int, int, str], ...] | None:
    """Return :func:`_align` of one line, kept per line: a seller's next check, or a line
    repeated in the same message, finds the lines it did not change already aligned."""
    found = _align(before, after)
    return None if found is None else tuple(found)


def forget_lines() -> None:
    """Drop the lines kept aligned (the benchmark reads every text as new)."""
    _aligned_line.cache_clear()


def _align(before: str, after: str) -> list[tuple[int, int, str]] | None:
    """Return the spans of ``before`` that ``after`` wrote as digits, or None if they do not align."""
    old = _TOKEN.findall(before)
    new = _TOKEN.findall(after)
    edits: list[tuple[int, int, str]] = []
    # The tokens before the first change are skipped at once (lists compared in C), and so are
    # those after a change once the rest agrees: a line is walked only where numbers changed.
    i = j = _common_prefix(old, new)
    position = len("".join(old[:i]))
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
        if old[i:] == new[j:]:
            i, j = len(old), len(new)
    if i != len(old) or j != len(new):
        return None
    return edits


def _common_prefix(old: list[str], new: list[str]) -> int:
    """Return how many tokens the two lists share from the start (by bisection)."""
    low, high = 0, min(len(old), len(new))
    while low < high:
        middle = (low + high + 1) // 2
        if old[:middle] == new[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _with_number_words(reading: Reading, pack: Pack) -> Reading:
    """Write runs of the pack's number words as digits ("dwadzieścia pięć" → 25)."""
    words = pack.number_words
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


def _value_of(word: str, words) -> int | None:
    """Return a number word's value; a compound of tens and units ("tjugofem") is their sum."""
    if word in words:
        return words[word]
    for head, value in words.items():
        if 20 <= value < 100 and value % 10 == 0 and word.startswith(head):
            tail = words.get(word[len(head) :])
            if tail is not None and tail < 10:
                return value + tail
    return None


@cache
def _numeral_run(language: str) -> re.Pattern[str]:
    """Return a pattern for a run of the pack's numeral characters (二十五, 百, 九五)."""
    characters = "".join(re.escape(c) for c in find_pack(language).number_words)
    return re.compile(f"[{characters}]+")


def _with_numeral_characters(reading: Reading, pack: Pack) -> Reading:
    """Write runs of numeral characters as digits (二十パーセント → 20パーセント, 打八折 → 打8折)."""
    text = reading.text
    runs = [run.span() for run in _numeral_run(pack.code).finditer(text)]
    if not runs:
        return reading
    exempt = _exempt(text, pack)
    values = pack.number_words
    edits: list[tuple[int, int, str]] = []
    for start, end in runs:
        if end - start > _LONGEST_NUMERAL:
            continue  # 一一一… or 万万万…: no amount anyone writes, and no number to compute
        if exempt and any(s < end and start < e for s, e in exempt):
            continue
        if end - start == 1:
            value = values[text[start]]  # most runs are one numeral: 三, 十
        else:
            value = _numeral_value([values[c] for c in text[start:end]])
        if value >= SMALLEST:
            edits.append((start, end, str(value)))
    return reading.replace(edits)


def _numeral_value(values: list[int]) -> int:
    """Return the number that numeral values spell: 二十五 (2, 10, 5) → 25, 九五 (9, 5) → 95."""
    if all(value < _MULTIPLIER for value in values):
        return int("".join(str(value) for value in values))  # digit by digit: 九五折, 二〇二五年
    total = group = 0
    digit: int | None = None
    for value in values:
        if value < _MULTIPLIER:
            digit = value
        elif value < _GROUP:
            group += (1 if digit is None else digit) * value  # 十 alone is ten
            digit = None
        else:
            total += ((group + (digit or 0)) or 1) * value
            group, digit = 0, None
    return total + group + (digit or 0)
