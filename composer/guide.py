"""The Guidelines page as a seller's guide: topics, Amazon's wording, examples, search.

Everything comes from the engine: the topics and guidelines from ``guidelines/reference.toml``,
the rules that enforce each guideline from the registry, and the examples from each rule's own
``flags=`` (not allowed) and ``passes=`` (allowed) examples, which the test suite proves the rule
reports or leaves alone. Search reads the guide in the interface language and in English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import guidelines
from guidelines.reference import Guideline, Topic, reference
from guidelines.registry import Example, Rule

from .guideline_text import render

# Examples longer than this, or holding invisible characters, are shown from the rule's docs.
MAX_EXAMPLE_CHARS = 280
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
MAX_QUERY_CHARS = 100


# What an example's verdict may depend on besides its text and still be shown: its subject line,
# the message type and the buyer language. Order dates, statuses and history are not visible in a
# text, so such examples are described from the rule's docs instead.
_SHOWN_CONTEXT = frozenset({"subject", "spelling", "known_words", "template"})
_DEFAULT_TYPE = "order_question"


@dataclass(frozen=True)
class ShownExample:
    text: str
    # The buyer language it is written for, when it is not the default (en-US).
    buyer_locale: str | None = None
    subject: str | None = None
    # The message type's key, when it is not an order question.
    message_type: str | None = None
    # A description from the rule's docs rather than a checked message: shown with its meaning.
    from_docs: bool = False


@dataclass
class RuleEntry:
    rule: Rule
    not_allowed: ShownExample
    allowed: ShownExample


@dataclass
class GuideEntry:
    guideline: Guideline
    rules: list[RuleEntry] = field(default_factory=list)


@dataclass
class GuideTopic:
    topic: Topic
    entries: list[GuideEntry] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"topic-{self.topic.key}"


def _shown(examples: tuple[Example, ...], fallback: str) -> ShownExample:
    for example in examples:
        text, options = example.text, example.options
        context = options.get("context") or {}
        if "order_id" in options or set(context) - _SHOWN_CONTEXT:
            continue
        subject = context.get("subject")
        shown = text + (subject or "")
        if shown.strip() and len(shown) <= MAX_EXAMPLE_CHARS and not _INVISIBLE.search(shown):
            locale = options.get("buyer_locale")
            message_type = options.get("message_type")
            return ShownExample(
                text,
                buyer_locale=locale if locale and locale != "en-US" else None,
                subject=subject,
                message_type=message_type if message_type != _DEFAULT_TYPE else None,
            )
    return ShownExample(fallback, from_docs=True)


def _rule_entry(rule: Rule) -> RuleEntry:
    return RuleEntry(
        rule=rule,
        not_allowed=_shown(rule.flags, rule.docs.example),
        allowed=_shown(rule.passes, rule.docs.instead),
    )


def _words(*texts: str) -> str:
    """Return the texts as one lower-case haystack, each in the interface language and in English."""
    return " ".join(part.casefold() for text in texts if text for part in (render(text), str(text)))


def _guideline_text(guideline: Guideline) -> str:
    laws = [t for law in guideline.laws for t in (law.title, law.summary)]
    return _words(guideline.title, guideline.wording, guideline.section, guideline.topic.title, *laws)


def _rule_text(rule: Rule) -> str:
    return _words(
        rule.message, rule.suggestion or "", rule.docs.what, rule.docs.why, rule.name.replace("-", " ")
    )


def clean_query(value: str) -> str:
    """Return the search words as typed, trimmed to a bounded length."""
    return " ".join(value.split())[:MAX_QUERY_CHARS]


def build_guide(query: str = "") -> list[GuideTopic]:
    """Return the guide's topics in order, each with its guidelines and their rules.

    With a query, only guidelines whose own text or whose rules hold every word of it are kept
    (with all their rules when the guideline itself matches, else the matching rules only).
    """
    words = [w.casefold() for w in query.split()]
    by_guideline: dict[str, list[Rule]] = {}
    for rule in guidelines.all_rules():
        by_guideline.setdefault(rule.guidelines[0].key, []).append(rule)
    topics = {
        key: GuideTopic(topic) for key, topic in sorted(reference().topics.items(), key=lambda t: t[1].order)
    }
    for key, guideline in reference().guidelines.items():
        rules = by_guideline.get(key, [])
        if not rules:
            continue  # a guideline no rule checks yet is not part of the guide
        if words and not all(w in _guideline_text(guideline) for w in words):
            rules = [
                r for r in rules if all(w in _guideline_text(guideline) + " " + _rule_text(r) for w in words)
            ]
        if rules:
            entry = GuideEntry(guideline, [_rule_entry(r) for r in rules])
            topics[guideline.topic.key].entries.append(entry)
    return [topic for topic in topics.values() if topic.entries]
