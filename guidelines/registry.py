"""Rules as declared values, and the registry that holds them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .findings import CATEGORIES, SEVERITIES
from .i18n import Text, as_text
from .message import Message
from .reference import Guideline, guidelines_for


@dataclass(frozen=True)
class Hit:
    """A rule's raw result: a span and, where it differs from the rule's, its own wording."""

    start: int
    end: int
    # Built with guidelines.i18n._ / ngettext, so the site can translate them.
    message: str | None = None
    suggestion: str | None = None
    fix: str | None = None
    severity: str | None = None
    replacements: tuple[str, ...] = ()
    field: str = "body"
    detail: str | None = None
    # The characters the fix replaces when they are more than the span (the words that
    # introduced an address go with it), and what the fix does in words ("Remove link").
    fix_start: int | None = None
    fix_end: int | None = None
    fix_label: str | None = None


@dataclass(frozen=True)
class Example:
    """A draft a rule must flag (``flags=``) or must leave alone (``passes=``).

    ``options`` are the keyword arguments of :func:`guidelines.check` besides the text;
    they default to an English order question with a valid order ID in the text.
    """

    text: str
    options: dict[str, Any] = field(default_factory=dict)


ExampleLike = str | Example


@dataclass(frozen=True)
class Docs:
    """Rule documentation in four sections, as in ruff's rule pages."""

    what: str
    why: str
    example: str
    instead: str


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    category: str
    severity: str
    source: str  # the guidelines it enforces: keys of guidelines/reference.toml, e.g. "links"
    message: Text
    docs: Docs
    check: Callable[[Message], Iterable[Hit]]
    flags: tuple[Example, ...]
    passes: tuple[Example, ...]
    suggestion: Text | None = None
    # "text", "html" or "any": which mode of message the rule reads.
    mode: str = "any"

    @property
    def guidelines(self) -> tuple[Guideline, ...]:
        """Return the guidelines this rule enforces, as named in the reference."""
        return guidelines_for(self.source)

    def applies_to(self, message: Message) -> bool:
        if self.mode == "any":
            return True
        return (self.mode == "html") == message.html


_RULES: dict[str, Rule] = {}


def _as_example(value: ExampleLike) -> Example:
    return value if isinstance(value, Example) else Example(value)


def rule(
    *,
    id: str,
    name: str,
    category: str,
    severity: str,
    source: str,
    message: str,
    docs: Docs,
    flags: Iterable[ExampleLike],
    passes: Iterable[ExampleLike],
    suggestion: str | None = None,
    mode: str = "any",
) -> Callable[[Callable[[Message], Iterable[Hit]]], Callable[[Message], Iterable[Hit]]]:
    """Register the decorated function as the check of a new rule; validate the declaration."""

    def register(check: Callable[[Message], Iterable[Hit]]) -> Callable[[Message], Iterable[Hit]]:
        if id in _RULES:
            raise ValueError(f"rule id {id} is declared twice")
        if category not in CATEGORIES:
            raise ValueError(f"rule {id}: unknown category {category!r}")
        if severity not in SEVERITIES:
            raise ValueError(f"rule {id}: unknown severity {severity!r}")
        if mode not in ("any", "text", "html"):
            raise ValueError(f"rule {id}: unknown mode {mode!r}")
        try:
            cited = guidelines_for(source)
        except KeyError as error:
            raise ValueError(f"rule {id}: guideline {error} is not in guidelines/reference.toml") from None
        if not cited:
            raise ValueError(f"rule {id}: cite at least one guideline of guidelines/reference.toml")
        _RULES[id] = Rule(
            id=id,
            name=name,
            category=category,
            severity=severity,
            source=source,
            message=as_text(message),
            docs=docs,
            check=check,
            flags=tuple(_as_example(e) for e in flags),
            passes=tuple(_as_example(e) for e in passes),
            suggestion=as_text(suggestion),
            mode=mode,
        )
        return check

    return register


def all_rules() -> list[Rule]:
    """Return every registered rule, ordered by id."""
    from . import rules  # noqa: F401  (importing the package registers the rules)

    return sorted(_RULES.values(), key=lambda r: r.id)


def get_rule(rule_id: str) -> Rule:
    """Return the rule with this id (KeyError when there is none)."""
    # Not through all_rules(): the findings fragment asks for a rule per finding on every live
    # check, and sorting every rule each time was a visible part of rendering it.
    from . import rules  # noqa: F401  (importing the package registers the rules)

    return _RULES[rule_id]
