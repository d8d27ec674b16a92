"""R28 and the subject line: no "[Important]", no emoji, no marketing or rating requests."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..languages import plain_words_pattern
from ..lexicon import load_lexicon
from ..message import Message
from ..registry import Docs, Example, Hit, rule
from .emoji import EMOJI

_BRACKETED = r"[\[【(（]\s*{}\s*[\]】)）]"


@cache
def _important() -> re.Pattern[str]:
    """Return "[Important]" in every pack's words (``cues.important``), in any brackets sellers use."""
    return re.compile(_BRACKETED.format(plain_words_pattern("important").pattern), re.IGNORECASE)


@rule(
    id="U101",
    name="important-subject",
    category="subject",
    severity="error",
    source="important-subject",
    message="“[Important]” in the subject is no longer allowed; Amazon marks critical messages itself.",
    suggestion="Remove “[Important]” from the subject.",
    docs=Docs(
        what='Finds "[Important]" (and its translations) in the subject line.',
        why='Sellers used "[Important]" to get past buyers\' opt-outs; Amazon removed the option '
        "in April 2025 and flags its misuse in restriction notices.",
        example="[Important] Your order 114-4909505-8661897",
        instead="Your order 114-4909505-8661897: delivery date",
    ),
    flags=[
        Example("Hello", {"context": {"subject": "[important]: about your order"}}),
        Example("Hallo", {"context": {"subject": "[Wichtig] Ihre Bestellung"}, "buyer_locale": "de-DE"}),
    ],
    passes=[Example("Hello", {"context": {"subject": "An important question about your order"}})],
)
def important_subject(message: Message) -> Iterator[Hit]:
    subject = message.context.subject or ""
    for match in _important().finditer(subject):
        end = match.end()
        while end < len(subject) and subject[end] in ": -–":
            end += 1
        yield Hit(match.start(), end, field="subject", fix="")


@rule(
    id="U102",
    name="subject-emoji",
    category="emoji",
    severity="error",
    source="emoji",
    message="Emoji are not allowed, in the subject line either.",
    suggestion="Remove the emoji from the subject.",
    docs=Docs(
        what="Finds emoji (pictographs, flags, keycaps, skin tones, ZWJ sequences) in the subject line.",
        why="Amazon's styling rules forbid emoji; the subject is part of the message.",
        example="🎁 Your order 114-4909505-8661897",
        instead="Your order 114-4909505-8661897",
    ),
    flags=[Example("Hello", {"context": {"subject": "🎁 A gift for you"}})],
    passes=[Example("Hello", {"context": {"subject": "Your order: delivery date"}})],
)
def subject_emoji(message: Message) -> Iterator[Hit]:
    for match in EMOJI.finditer(message.context.subject or ""):
        yield Hit(*match.span(), field="subject", fix="")


def _subject_phrases(message: Message, key: str) -> list[tuple[int, int]]:
    """Return lexicon matches of ``key`` in the subject, in the message's languages."""
    subject = message.context.subject or ""
    found: list[tuple[int, int]] = []
    for language in message.content_languages:
        lexicon = load_lexicon(language)
        if lexicon is not None and subject:
            found.extend(lexicon.scan(subject).get(key, ()))
    return sorted(set(found))


@rule(
    id="U103",
    name="subject-promotion",
    category="promotion",
    severity="error",
    source="marketing",
    message="The subject line advertises; marketing is not allowed in buyer–seller messages.",
    suggestion="Name the order and the message's purpose in the subject.",
    docs=Docs(
        what="Finds coupon codes, discounts and invitations to buy more in the subject line.",
        why="The subject is part of the message; Amazon forbids marketing anywhere in it.",
        example="Get 10% off your next order!",
        instead="Your order 114-4909505-8661897: delivery date",
    ),
    flags=[Example("Hello", {"context": {"subject": "Get 10% off your next order!"}})],
    passes=[Example("Hello", {"context": {"subject": "Your Coupon Organizer Wallet: delivery date"}})],
)
def subject_promotion(message: Message) -> Iterator[Hit]:
    for start, end in _subject_phrases(message, "promotion"):
        yield Hit(start, end, field="subject")


@rule(
    id="U104",
    name="subject-positive-review",
    category="review_manipulation",
    severity="error",
    source="positive-reviews",
    message="The subject line asks for a positive or five-star review.",
    suggestion="Do not mention ratings in the subject; ask for an honest review in the message.",
    docs=Docs(
        what="Finds requests for positive or five-star reviews in the subject line.",
        why="Amazon forbids asking for positive reviews, wherever the request appears.",
        example="Loved it? Leave us 5 stars!",
        instead="Your order 114-4909505-8661897: how did it go?",
    ),
    flags=[Example("Hello", {"context": {"subject": "Loved it? Leave us 5 stars!"}})],
    passes=[Example("Hello", {"context": {"subject": "Your honest review of order 114-4909505-8661897"}})],
)
def subject_positive_review(message: Message) -> Iterator[Hit]:
    for start, end in _subject_phrases(message, "positive_review"):
        yield Hit(start, end, field="subject")
