"""Load and validate ``guidelines/languages/<lang>/grammar.toml``: a language's grammar knowledge.

A grammar file holds three kinds of entries, each with examples it must flag and must pass
(one generic test runs them all, ``tests/guidelines/test_grammar_files.py``):

- ``[[rule]]``: a pattern for a mistake second-language writers make (``id``, ``pattern`` or
  ``replace_table``, ``message``, optional ``replace``, ``flag``, ``triggers``, ``kind``);
- ``[checks.<ID>]``: a language-independent check written in code that this language turns on
  (``REPEATED_WORD`` with the doubled words that are correct, ``MISSING_SPACE``,
  ``WORD_DIGIT_SPACE``, ``SENTENCE_START_CAPITAL``, ``COMMA_SPLICE``);
- ``[checker]``: an offline grammar checker for the language (``harper``, ``grammalecte``) with the
  rule groups that were measured not to cry wolf on correct messages (``kinds``), single
  rules switched off (``off``) and, for Harper, the configuration groups that run (``groups``).

A malformed file fails loudly when it loads, naming the file and the entry.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import regex

from ..i18n import Text

LANGUAGES_DIR = Path(__file__).resolve().parent.parent / "languages"
BUILTIN_CHECKS = frozenset(
    {"REPEATED_WORD", "MISSING_SPACE", "WORD_DIGIT_SPACE", "SENTENCE_START_CAPITAL", "COMMA_SPLICE"}
)
CHECKERS = frozenset({"harper", "grammalecte"})
_RULE_KEYS = frozenset(
    {"id", "pattern", "message", "kind", "replace", "replace_table", "flag", "triggers", "flags", "passes"}
)
_KINDS = frozenset({"grammar", "spelling"})


class GrammarFileError(ValueError):
    """A grammar file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Pattern:
    id: str
    pattern: re.Pattern[str] | regex.Pattern[str]
    message: str
    kind: str = "grammar"
    replace: str | None = None
    # Replacement per flagged text ("发" → "発"): the right form of a wrong character or word.
    replace_table: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    flag: str | None = None
    # The words a match starts with: the pattern is tried only there. Empty: scan the text.
    triggers: frozenset[str] = frozenset()
    flags: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()


@dataclass(frozen=True)
class BuiltinCheck:
    id: str
    # Words this check accepts (REPEATED_WORD: the doubles that are correct, "that that").
    allowed: frozenset[str] = frozenset()
    flags: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckerConfig:
    name: str
    # Rule groups (Harper's lint kinds, Grammalecte's error types) that report mistakes.
    kinds: frozenset[str]
    # Single rules switched off inside those groups.
    off: frozenset[str] = frozenset()
    # Harper only: its configuration groups that run at all ("Grammar and Agreement"); the rules
    # of other groups never report in ``kinds`` worth having, and skipping them halves the time.
    groups: frozenset[str] = frozenset()
    flags: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Grammar:
    language: str
    rules: tuple[Pattern, ...] = ()
    checks: dict[str, BuiltinCheck] = field(default_factory=dict, hash=False, compare=False)
    checker: CheckerConfig | None = None


def languages_with_grammar() -> list[str]:
    """Return the languages that have a grammar file, sorted."""
    return sorted(p.parent.name for p in LANGUAGES_DIR.glob("*/grammar.toml"))


@cache
def grammar_for(language: str) -> Grammar:
    """Load and validate the grammar file of a language (an empty grammar when there is none)."""
    path = LANGUAGES_DIR / language / "grammar.toml"
    if not path.exists():
        return Grammar(language)
    where = f"{language}/grammar.toml"
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise GrammarFileError(f"{where}: not valid TOML ({exc})") from exc
    unknown = set(data) - {"rule", "checks", "checker"}
    if unknown:
        raise GrammarFileError(f"{where}: unknown section(s) {sorted(unknown)}")
    rules = tuple(_rule(where, entry) for entry in data.get("rule", []))
    ids = [r.id for r in rules]
    if len(set(ids)) != len(ids):
        raise GrammarFileError(f"{where}: rule ids must be unique")
    checks = {name: _check(where, name, entry) for name, entry in data.get("checks", {}).items()}
    checker = _checker(where, data["checker"]) if "checker" in data else None
    return Grammar(language, rules, checks, checker)


def _examples(where: str, what: str, entry: dict) -> tuple[tuple[str, ...], tuple[str, ...]]:
    flags, passes = entry.get("flags"), entry.get("passes")
    for name, value in (("flags", flags), ("passes", passes)):
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            raise GrammarFileError(f"{where}: {what} needs a non-empty list of {name} examples")
    return tuple(flags), tuple(passes)  # type: ignore[arg-type]


def _rule(where: str, entry: dict) -> Pattern:
    rule_id = entry.get("id")
    unknown = set(entry) - _RULE_KEYS
    if unknown or not isinstance(rule_id, str) or "message" not in entry:
        raise GrammarFileError(f"{where}: malformed rule {rule_id!r} (unknown keys {sorted(unknown)})")
    table = entry.get("replace_table", {})
    if not isinstance(table, dict) or not all(isinstance(v, str) and v != k for k, v in table.items()):
        raise GrammarFileError(f"{where}: rule {rule_id}: replace_table maps text to other text")
    source = entry.get("pattern") or ("|".join(map(re.escape, sorted(table, key=len, reverse=True))))
    if not source:
        raise GrammarFileError(f"{where}: rule {rule_id} needs a pattern or a replace_table")
    try:
        compiled = _compile(source)
    except regex.error as exc:
        raise GrammarFileError(f"{where}: rule {rule_id}: bad pattern ({exc})") from exc
    # The group named "x" marks the mistake unless another group is named.
    flag = entry.get("flag") or ("x" if "x" in compiled.groupindex else None)
    if flag and flag not in compiled.groupindex:
        raise GrammarFileError(f"{where}: rule {rule_id} flags unknown group {flag!r}")
    kind = entry.get("kind", "grammar")
    if kind not in _KINDS:
        raise GrammarFileError(f"{where}: rule {rule_id}: kind is one of {sorted(_KINDS)}")
    flags, passes = _examples(where, f"rule {rule_id}", entry)
    return Pattern(
        id=rule_id,
        pattern=compiled,
        # Translated by its id: makemessages extracts the grammar files' messages.
        message=Text(entry["message"]),
        kind=kind,
        replace=entry.get("replace"),
        replace_table=table,
        flag=flag,
        triggers=frozenset(entry.get("triggers", "").casefold().split()),
        flags=flags,
        passes=passes,
    )


def _check(where: str, name: str, entry: dict) -> BuiltinCheck:
    if name not in BUILTIN_CHECKS:
        raise GrammarFileError(f"{where}: unknown check {name!r} (known: {sorted(BUILTIN_CHECKS)})")
    unknown = set(entry) - {"allowed", "flags", "passes"}
    if unknown:
        raise GrammarFileError(f"{where}: check {name}: unknown keys {sorted(unknown)}")
    flags, passes = _examples(where, f"check {name}", entry)
    allowed = frozenset(entry.get("allowed", "").casefold().split())
    return BuiltinCheck(name, allowed, flags, passes)


def _checker(where: str, entry: dict) -> CheckerConfig:
    name = entry.get("name")
    if name not in CHECKERS:
        raise GrammarFileError(f"{where}: checker name is one of {sorted(CHECKERS)}")
    unknown = set(entry) - {"name", "kinds", "off", "groups", "flags", "passes"}
    if unknown:
        raise GrammarFileError(f"{where}: checker: unknown keys {sorted(unknown)}")
    kinds = entry.get("kinds")
    if not isinstance(kinds, list) or not kinds:
        raise GrammarFileError(f"{where}: checker needs the list of rule groups it reports (kinds)")
    if entry.get("groups") and name != "harper":
        raise GrammarFileError(f"{where}: checker groups are Harper's configuration groups")
    flags, passes = _examples(where, "checker", entry)
    return CheckerConfig(
        name,
        frozenset(kinds),
        frozenset(entry.get("off", [])),
        frozenset(entry.get("groups", [])),
        flags,
        passes,
    )


def _compile(pattern: str) -> re.Pattern[str] | regex.Pattern[str]:
    """Compile with the standard library when it can (about twice as fast), else with `regex`.

    `regex` is needed for variable-length look-behinds, repeated group names and \\p{…} classes.
    """
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error:
        return regex.compile(pattern, regex.IGNORECASE | regex.VERSION0)
