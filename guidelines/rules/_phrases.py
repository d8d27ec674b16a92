"""Small helpers for rules that combine lexicon phrases by sentence or distance."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..languages import find_pack
from ..message import Message
from ..scope import quotation_around

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


_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w'’-]*)[ \t]+$")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w'’-]*)")
_FIRST_WORD = re.compile(r"[\w'’-]+")


def looks_like_product_name(message: Message, span: Span) -> bool:
    """Tell whether a matched word sits in a Title Case name ("Coupon Organizer Wallet").

    In a language that capitalises every noun (the pack's ``capitalised_nouns``: German) the
    test would mean nothing.
    """
    pack = find_pack(message.content_languages[0])
    if pack is not None and pack.capitalised_nouns:
        return False
    text = message.visible
    first = _FIRST_WORD.match(text, span[0])
    if not first or not first.group(0)[:1].isupper():
        return False
    sentence_start = sentence_span(message, span[0])[0]
    previous = _PREVIOUS_WORD.search(text, max(sentence_start, span[0] - 40), span[0])
    if previous and previous.start() > sentence_start and previous.group(1)[:1].isupper():
        return True
    following = _NEXT_WORD.match(text, first.end())
    return bool(following and following.group(1)[:1].isupper())


def quoted_span(message: Message, span: Span, reach: int = 80) -> Span | None:
    """Return the quotation (“…”, „…“, «…», 「…」, "…") that encloses ``span`` on its line, if any.

    A product name quoted back to the buyer ("Five Star Gift Set") is a name, not a request.
    """
    return quotation_around(message.visible, span, reach)
