"""The offline grammar patterns: the mistakes second-language writers make most.

The language knowledge lives in ``guidelines/languages/<lang>/grammar.toml`` (see
:mod:`.grammar_file`): patterns, and which of the language-independent checks below apply
(a repeated word, a missing space after punctuation or between a word and a number, a
sentence that starts in lower case).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import threading
from bisect import bisect_left
from collections import OrderedDict
from functools import cache

import regex
from wordfreq import zipf_frequency

from ..i18n import _
from .grammar_file import BuiltinCheck, Grammar, Pattern, grammar_for
from .issues import MAX_ISSUES, Issue
from .tokens import Token

NAME = "offline-grammar"

# How far a `regex` pattern may look behind its start and reach ahead of it, in characters.
_BEHIND = 80
_AHEAD = 300


def supports(language: str) -> bool:
    """Tell whether the language has grammar patterns or checks."""
    grammar = grammar_for(language)
    return bool(grammar.rules or grammar.checks)


def check(text: str, clean: str, language: str, words: list[Token], only: str | None = None) -> list[Issue]:
    """Return grammar issues in ``text``; ``clean`` is the text with masked spans blanked.

    ``only`` restricts the check to one rule or built-in check id (for the examples' test).
    Paragraphs (text between blank lines) are read one by one and kept per process, so a live
    check after a one-word edit reads one paragraph again. Only the capital at a sentence's
    start looks across paragraphs (at the line before), and is read on the whole text.
    """
    grammar = grammar_for(language)
    ranked: list[tuple[int, Issue]] = []
    checks = grammar.checks
    if "SENTENCE_START_CAPITAL" in checks and only in (None, "SENTENCE_START_CAPITAL"):
        ranked += [(_CAPITAL_RANK, issue) for issue in _lowercase_sentence_start(text, words)]
    word_starts = [word.start for word in words]
    for start, end in _paragraphs(text, clean):
        first, last = bisect_left(word_starts, start), bisect_left(word_starts, end)
        inside = words[first:last]
        # The words are those of the paragraph's clean text (no word reaches over a blank line);
        # where sentences start may depend on more (the line before), so that is in the key too.
        openings = tuple(word.start - start for word in inside if word.sentence_start)
        key = (language, only, text[start:end], clean[start:end], openings)
        with _lock:
            found = _kept.get(key)
            if found is not None:
                _kept.move_to_end(key)
        if found is None:
            paragraph_words = list(inside) if not start else [_moved(word, -start) for word in inside]
            found = tuple(
                _check_paragraph(text[start:end], clean[start:end], language, paragraph_words, only)
            )
            with _lock:
                _kept[key] = found
                if len(_kept) > _KEPT:
                    _kept.popitem(last=False)
        ranked += [(rank, _shifted(issue, start) if start else issue) for rank, issue in found]
    # In the order of a whole-text reading: check by check, pattern by pattern (the first of
    # two overlapping issues is kept), each in text order.
    ranked.sort(key=lambda item: item[0])
    return [issue for _, issue in ranked]


_CAPITAL_RANK = 3
_KEPT = 8192
_kept: OrderedDict[tuple, tuple[tuple[int, Issue], ...]] = OrderedDict()
_lock = threading.Lock()
# Blank lines: no pattern of a sentence reads across one.
_PARAGRAPH_BREAK = re.compile(r"\n\n+")


def forget_paragraphs() -> None:
    """Drop the issues kept per paragraph (the bench's cold figure starts from here)."""
    with _lock:
        _kept.clear()


def _paragraphs(text: str, clean: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for found in _PARAGRAPH_BREAK.finditer(text):
        if clean[found.start() : found.end()] == found.group(0):  # not inside a masked span
            spans.append((start, found.start()))
            start = found.end()
    spans.append((start, len(text)))
    return spans


def _moved(word: Token, offset: int) -> Token:
    return tuple.__new__(Token, (word.start + offset, word.end + offset, word.text, word.sentence_start))


def _shifted(issue: Issue, offset: int) -> Issue:
    return dataclasses.replace(issue, start=issue.start + offset, end=issue.end + offset)


def _check_paragraph(
    text: str, clean: str, language: str, words: list[Token], only: str | None
) -> list[tuple[int, Issue]]:
    grammar = grammar_for(language)
    found: list[tuple[int, Issue]] = []
    checks = grammar.checks
    if "REPEATED_WORD" in checks and only in (None, "REPEATED_WORD"):
        found += [(0, issue) for issue in _repeated_words(clean, words, checks["REPEATED_WORD"])]
    if "MISSING_SPACE" in checks and only in (None, "MISSING_SPACE"):
        found += [(1, issue) for issue in _missing_space(clean)]
    if "WORD_DIGIT_SPACE" in checks and only in (None, "WORD_DIGIT_SPACE"):
        found += [(2, issue) for issue in _word_digit_space(text, language, checks["WORD_DIGIT_SPACE"])]
    starts: dict[str, list[int]] = {}
    for word in words:
        starts.setdefault(word.text.casefold().replace("’", "'"), []).append(word.start)
    # Most patterns start with words the paragraph does not hold: they are not tried at all.
    by_trigger = _patterns_by_trigger(language)
    tried = {index for word in starts for index in by_trigger.get(word, ())}
    tried.update(by_trigger[""])  # the patterns without triggers read the whole paragraph
    for index in sorted(tried):
        pattern = grammar.rules[index]
        if only is None or only == pattern.id:
            rank = _CAPITAL_RANK + 1 + index
            found += [(rank, issue) for issue in _matches(pattern, clean, starts)]
    return found


@cache
def _patterns_by_trigger(language: str) -> dict[str, tuple[int, ...]]:
    """Return, for each trigger word of the language's patterns, the indices of those patterns;
    under "" the patterns without triggers."""
    found: dict[str, list[int]] = {"": []}
    for index, pattern in enumerate(grammar_for(language).rules):
        for trigger in pattern.triggers or ("",):
            found.setdefault(trigger, []).append(index)
    return {word: tuple(indices) for word, indices in found.items()}


def _matches(pattern: Pattern, clean: str, starts: dict[str, list[int]]) -> list[Issue]:
    if pattern.triggers:
        # A trigger word more often than this in one paragraph is a flood ("we we we …").
        positions = sorted(p for t in pattern.triggers for p in starts.get(t, ()))[:MAX_ISSUES]
        found = []
        # `regex` pays for the whole string on every match(): give it a window around the word.
        windowed = isinstance(pattern.pattern, regex.Pattern)
        for position in positions:
            if not windowed:
                match = pattern.pattern.match(clean, position)
                if match:
                    found.append((0, match))
                continue
            offset = max(0, position - _BEHIND)
            match = pattern.pattern.match(clean[offset : position + _AHEAD], position - offset)
            if match:
                found.append((offset, match))
    else:
        found = [(0, m) for m in pattern.pattern.finditer(clean)]
    issues = []
    for offset, match in found:
        group = pattern.flag if pattern.flag and match.group(pattern.flag) is not None else 0
        start, end = (i + offset for i in match.span(group))
        flagged = match.group(group)
        replacements: tuple[str, ...] = ()
        if pattern.replace_table:
            right = pattern.replace_table.get(flagged) or pattern.replace_table.get(flagged.casefold())
            replacements = (_same_case(right, flagged),) if right else ()
        elif pattern.replace is not None:
            replacements = (_same_case(match.expand(pattern.replace), flagged),)
        # A pattern's replacement is the form it knows to be right: offered as the fix.
        fix = replacements[0] if replacements else None
        issues.append(Issue(start, end, pattern.kind, pattern.message, replacements, pattern.id, fix=fix))
    return issues


def _repeated_words(clean: str, words: list[Token], check: BuiltinCheck) -> list[Issue]:
    issues: list[Issue] = []
    folded = [word.text.casefold() for word in words]
    for index, (first, second) in enumerate(itertools.pairwise(words)):
        if len(issues) == MAX_ISSUES:
            break
        if (
            folded[index] == folded[index + 1]
            and clean[first.end : second.start].strip(" \t") == ""
            and folded[index] not in check.allowed
        ):
            issues.append(
                Issue(
                    first.end,
                    second.end,
                    "grammar",
                    _("“{text}” is repeated.", text=first.text),
                    ("",),
                    "REPEATED_WORD",
                )
            )
    return issues


# A comma, semicolon, colon, ! or ? glued to the next word; a full stop glued to a capitalised word.
_NO_SPACE = regex.compile(r"(?<=\p{Ll}{2})[,;!?](?=\p{L}{2})|(?<=\p{Ll}{2})\.(?=\p{Lu}\p{Ll})")


def _missing_space(clean: str) -> list[Issue]:
    issues = []
    for match in _NO_SPACE.finditer(clean):
        mark = match.group(0)
        issues.append(
            Issue(
                match.start(),
                match.end(),
                "grammar",
                _("Put a space after “{mark}”.", mark=mark),
                (mark + " ",),
                "MISSING_SPACE_AFTER_PUNCTUATION",
            )
        )
    return issues


# A common word glued to a number ("within3 days", "in 3days"). Codes such as "B07XJ8", "4K",
# "MP3" or "2pcs" are not words of the language, or are listed as allowed (units).
_WORD_THEN_DIGITS = regex.compile(r"(?<![\p{L}\d_.\-/])(\p{Ll}{2,})(\d+)(?![\p{L}\d_])")
_DIGITS_THEN_WORD = regex.compile(r"(?<![\p{L}\d_.,\-/])(\d+)(\p{Ll}{4,})(?![\p{L}\d_])")
# How common a word must be (wordfreq's zipf scale) to be a word run into a number, not a code;
# two letters must be a very common word ("in3 days"), not a code ("A4", "x2").
_COMMON_WORD = 4.5
_ANY_DIGIT = re.compile(r"\d")
_COMMON_SHORT_WORD = 6.0


def _word_digit_space(text: str, language: str, check: BuiltinCheck) -> list[Issue]:
    issues: list[Issue] = []
    if not _ANY_DIGIT.search(text):
        return issues
    for expression in (_WORD_THEN_DIGITS, _DIGITS_THEN_WORD):
        for match in expression.finditer(text):
            word = match.group(1) if expression is _WORD_THEN_DIGITS else match.group(2)
            needed = _COMMON_SHORT_WORD if len(word) < 3 else _COMMON_WORD
            if word in check.allowed or zipf_frequency(word, language) < needed:
                continue
            if _in_address(text, match.start(), match.end()):
                continue
            cut = match.end(1)
            issues.append(
                Issue(
                    match.start(),
                    match.end(),
                    "grammar",
                    _("Put a space between the word and the number."),
                    (f"{text[match.start() : cut]} {text[cut : match.end()]}",),
                    "WORD_DIGIT_SPACE",
                )
            )
    return issues


_ADDRESS_MARKS = frozenset("/@{}[]_=&?#:\\")


def _in_address(text: str, start: int, end: int) -> bool:
    """Tell whether the span is part of a URL, an e-mail address or a placeholder."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    chunk = text[start:end]
    return any(c in _ADDRESS_MARKS for c in chunk) or "www." in chunk.lower()


_BLANK_LINE = regex.compile(r"\n[ \t]*\n")


def _lowercase_sentence_start(text: str, words: list[Token]) -> list[Issue]:
    issues: list[Issue] = []
    message = _("Start the sentence with a capital letter.")
    for token in words:
        if len(issues) == MAX_ISSUES:
            break  # "you. you. you. …": the check keeps no more anyway
        word = token.text
        if not token.sentence_start or not word[0].islower() or len(word) < 2:
            continue
        if any(c.isupper() for c in word[1:]):  # iPhone, eBay
            continue
        window = max(0, token.start - 200)
        before = text[window : token.start].rstrip()
        # After a salutation ("Hallo Herr Schmidt,") German and others go on in lower case.
        if before and before[-1] in ",;:-–—(":
            continue
        # Only a paragraph after a line without final punctuation may be a wrapped sentence.
        gap_start = window + len(before)
        if before and before[-1] not in ".!?…" and not _BLANK_LINE.search(text, gap_start, token.start):
            continue
        issues.append(
            Issue(
                token.start,
                token.start + 1,
                "grammar",
                message,
                (word[0].upper(),),
                "SENTENCE_START_CAPITAL",
            )
        )
    return issues


def _same_case(replacement: str, original: str) -> str:
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


__all__ = ["NAME", "Grammar", "check", "grammar_for", "supports"]
