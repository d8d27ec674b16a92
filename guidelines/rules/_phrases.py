"""Small helpers for rules that combine lexicon phrases by sentence or distance."""

from __future__ import annotations

from collections.abc import Iterable

from ..message import Message

Span = tuple[int, int]


def in_same_sentence(message: Message, span: Span, others: Iterable[Span], reach: int = 0) -> bool:
    """Tell whether one of ``others`` lies in the sentence of ``span`` (or ``reach`` sentences on)."""
    here = message.sentence_of(span[0])
    return any(abs(message.sentence_of(s) - here) <= reach for s, _ in others)


def near(message: Message, span: Span, others: Iterable[Span], before: int, after: int) -> bool:
    """Tell whether one of ``others`` starts within ``before``/``after`` characters of ``span``."""
    return any(span[0] - before <= s <= span[1] + after for s, _ in others)


def sentence_span(message: Message, position: int) -> Span:
    """Return the span of the sentence holding ``position``."""
    index = message.sentence_of(position)
    if 0 <= index < len(message.sentences):
        return message.sentences[index]
    return (position, position)


def sentences_with(message: Message, key: str) -> set[int]:
    """Return the indexes of sentences that contain a phrase of ``key``."""
    return {message.sentence_of(s) for s, _ in message.spans(key)}


def asks_for_review(message: Message) -> bool:
    """Tell whether the message asks for a review or feedback anywhere."""
    return bool(message.spans("review_ask"))
