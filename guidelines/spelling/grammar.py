"""The offline grammar backend: patterns for the mistakes second-language writers make most.

Language-independent checks (a repeated word, a missing space after punctuation, a sentence
that starts in lower case) are code; the language-specific patterns are data files in
``data/grammar/<lang>.toml``, validated when they load.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from .issues import Issue
from .tokens import Token

NAME = "offline-grammar"
_DATA = Path(__file__).parent / "data" / "grammar"
# Languages written with spaces and capital letters, where the generic checks make sense.
_ALPHABETIC = frozenset({"en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "tr"})


@dataclass(frozen=True)
class Pattern:
    id: str
    pattern: re.Pattern[str] | regex.Pattern[str]
    message: str
    kind: str = "grammar"
    replace: str | None = None
    flag: str | None = None
    # The words a match starts with: the pattern is tried only there. Empty: scan the text.
    triggers: frozenset[str] = frozenset()


@cache
def patterns_for(language: str) -> tuple[Pattern, ...]:
    """Load and validate the pattern file of a language (none for most languages)."""
    path = _DATA / f"{language}.toml"
    if not path.exists():
        return ()
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    loaded = []
    for entry in data.get("rule", []):
        unknown = set(entry) - {"id", "pattern", "message", "kind", "replace", "flag", "triggers"}
        if unknown or not {"id", "pattern", "message"} <= set(entry):
            raise ValueError(f"{path.name}: malformed rule {entry.get('id')!r} ({sorted(unknown)})")
        compiled = _compile(entry["pattern"])
        # The group named "x" marks the mistake unless another group is named.
        flag = entry.get("flag") or ("x" if "x" in compiled.groupindex else None)
        if flag and flag not in compiled.groupindex:
            raise ValueError(f"{path.name}: rule {entry['id']} flags unknown group {flag!r}")
        loaded.append(
            Pattern(
                id=entry["id"],
                pattern=compiled,
                message=entry["message"],
                kind=entry.get("kind", "grammar"),
                replace=entry.get("replace"),
                flag=flag,
                triggers=frozenset(entry.get("triggers", "").casefold().split()),
            )
        )
    if len({p.id for p in loaded}) != len(loaded):
        raise ValueError(f"{path.name}: rule ids must be unique")
    return tuple(loaded)


def _compile(pattern: str) -> re.Pattern[str] | regex.Pattern[str]:
    """Compile with the standard library when it can (about twice as fast), else with `regex`.

    `regex` is needed for variable-length look-behinds and repeated group names.
    """
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error:
        return regex.compile(pattern, regex.IGNORECASE | regex.VERSION0)


# How far a pattern may look behind its start and reach ahead of it, in characters.
_BEHIND = 80
_AHEAD = 300


def supports(language: str) -> bool:
    return language in _ALPHABETIC


def check(text: str, clean: str, language: str, words: list[Token]) -> list[Issue]:
    """Return grammar issues in ``text``; ``clean`` is the text with masked spans blanked."""
    if language not in _ALPHABETIC:
        return []
    issues = _repeated_words(clean, words)
    issues += _missing_space(clean)
    issues += _lowercase_sentence_start(text, words)
    starts: dict[str, list[int]] = {}
    for word in words:
        starts.setdefault(word.text.casefold().replace("’", "'"), []).append(word.start)
    for pattern in patterns_for(language):
        if pattern.triggers:
            positions = sorted(p for t in pattern.triggers for p in starts.get(t, ()))
            # `regex` pays for the whole string on every match(): give it a window around the word.
            found = []
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
        for offset, match in found:
            group = pattern.flag if pattern.flag and match.group(pattern.flag) is not None else 0
            start, end = (i + offset for i in match.span(group))
            replacements: tuple[str, ...] = ()
            if pattern.replace is not None:
                replacements = (_same_case(match.expand(pattern.replace), match.group(group)),)
            issues.append(Issue(start, end, pattern.kind, pattern.message, replacements, pattern.id))
    return issues


# Doubled words that are correct: "that that", "had had", German "die die", French "nous nous".
_DOUBLES_ALLOWED = frozenset(
    [
        "that",
        "had",
        "is",
        "can",
        "die",
        "das",
        "der",
        "sie",
        "nous",
        "vous",
        "le",
        "la",
        "les",
        "que",
        "che",
        "si",
        "no",
        "ha",
        "very",
        "so",
        "bye",
        "ha",
        "la",
        "dat",
        "er",
        "was",
    ]
)


def _repeated_words(clean: str, words: list[Token]) -> list[Issue]:
    issues = []
    for first, second in itertools.pairwise(words):
        gap = clean[first.end : second.start]
        if (
            first.text.casefold() == second.text.casefold()
            and gap.strip(" \t") == ""
            and first.text.casefold() not in _DOUBLES_ALLOWED
        ):
            issues.append(
                Issue(
                    first.end,
                    second.end,
                    "grammar",
                    f"“{first.text}” is repeated.",
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
                f"Put a space after “{mark}”.",
                (mark + " ",),
                "MISSING_SPACE_AFTER_PUNCTUATION",
            )
        )
    return issues


_BLANK_LINE = regex.compile(r"\n[ \t]*\n")


def _lowercase_sentence_start(text: str, words: list[Token]) -> list[Issue]:
    issues = []
    for token in words:
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
                "Start the sentence with a capital letter.",
                (word[0].upper(),),
                "SENTENCE_START_CAPITAL",
            )
        )
    return issues


def _same_case(replacement: str, original: str) -> str:
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
