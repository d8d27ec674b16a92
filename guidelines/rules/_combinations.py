"""Content rules as combinations of concepts (``message.concepts``), beyond the phrase lists.

The phrase keys find the wordings sellers use most; these combinations find the same meaning in
other words, because each concept covers every inflection and many words of its language:

a reward, or a refund promised in the same sentence, for removing or changing a review
(REVIEW + REMOVE/CHANGE, then REWARD in that sentence or the next, REFUNDED in that sentence).
The pairs of :func:`concept_pairs` (REWARD + REVIEW, DISCOUNT + NEXT-PURCHASE, BROWSE + STORE)
are the other combinations.

Only asserted concepts count: negated ("we offer no reward"), asked or quoted ones do not, nor
a refund already made (``past_resolution``). A condition does not weaken an offer: "we refund
you in full if you delete it" is the plainest incentive.
"""

from __future__ import annotations

import re

from ..concepts import ConceptSpan
from ..message import Message
from ..scripts import CLAUSE_BREAKS, COMMAS

Span = tuple[int, int]

_CLAUSE_BREAK = re.compile(f"[{re.escape(CLAUSE_BREAKS + COMMAS)}]")


def _asserted(message: Message, name: str) -> list[ConceptSpan]:
    return [s for s in message.concepts(name, asserted=True) if not message.is_protected(s.start, s.end)]


def _inside(span: Span, spans: list[Span]) -> bool:
    return any(s <= span[0] < e or span[0] <= s < span[1] for s, e in spans)


def removal_sentences(message: Message) -> set[int]:
    """Return the sentences that ask to remove or change a review (named or referred to)."""
    reviews = {s.sentence for s in message.concepts("REVIEW", references=True) if not s.quoted}
    asks = _asserted(message, "REMOVE") + _asserted(message, "CHANGE")
    return {s.sentence for s in asks if s.sentence in reviews}


def rewards_for_removal(message: Message) -> list[Span]:
    """Return rewards (or refunds promised alongside) offered for removing or changing a review."""
    removals = removal_sentences(message)
    if not removals:
        return []
    resolved = message.spans("past_resolution")
    found = [
        (s.start, s.end)
        for s in _asserted(message, "REWARD")
        if s.sentence in removals or s.sentence - 1 in removals
    ]
    found += [(s.start, s.end) for s in _asserted(message, "REFUNDED") if s.sentence in removals]
    return sorted(span for span in set(found) if not _inside(span, resolved))


def concept_pairs(
    message: Message,
    first: str,
    second: str,
    *,
    reach: int = 0,
    requested: bool = False,
    within: set[int] | None = None,
) -> list[Span]:
    """Return spans of concept ``first`` with concept ``second`` in the same sentence (or ``reach`` on).

    Spans that are negated or the buyer's quoted words do not count. Pronouns are left to the
    phrase rules (``review_removal_reference``): the packs' reference cues include articles.
    With ``requested`` only a ``first`` in a question or a condition counts ("Could you delete
    your review?", "If you change your rating…"): "We updated the size chart after your review"
    reports what the seller did. ``within``: only these sentences are read (``concepts_in``).
    """

    def spans(name: str) -> list:
        return message.concepts(name) if within is None else message.concepts_in(name, within)

    seconds = {c.sentence for c in spans(second) if not (c.negated or c.quoted)}
    if not seconds:
        return []
    return [
        (c.start, c.end)
        for c in spans(first)
        if not (c.negated or c.quoted)
        and (c.question or c.conditional or not requested)
        and any(c.sentence + step in seconds for step in range(-reach, reach + 1))
    ]


def _sentences(message: Message, spans: list[Span]) -> set[int]:
    return {message.sentence_of(s) for s, _ in spans}


def satisfied_review_requests(message: Message) -> list[Span]:
    """Return satisfaction conditions put on a review in their sentence (SATISFIED-CONDITION + REVIEW).

    "Sollten Sie zufrieden gewesen sein, freuen wir uns über Ihre Rezension": the condition picks
    the happy buyers, whatever its wording. A refused condition ("if you are not happy") points
    the buyer to the seller, and a sentence that also asks the unhappy ("positive or negative",
    ``neutral_review``) asks everyone.
    """
    reviews = {s.sentence for s in message.concepts("REVIEW") if not (s.negated or s.quoted)}
    if not reviews:
        return []
    neutral = _sentences(message, message.spans("neutral_review"))
    return [
        (s.start, s.end)
        for s in message.concepts("SATISFIED-CONDITION")
        if not (s.negated or s.quoted or message.is_protected(s.start, s.end))
        and s.sentence in reviews
        and s.sentence not in neutral
        # "Si tienes un momento, nos encantaría…": the condition ended at the comma.
        and not _CLAUSE_BREAK.search(message.visible, s.start, s.end)
    ]


def positive_rating_requests(message: Message) -> list[Span]:
    """Return positive or top ratings asked for (POSITIVE-RATING where a review is asked for).

    The rating counts in a sentence that asks for a review (``review_ask``) or the one after
    it, or anywhere in a review request; "thank you for your positive feedback" and "you left
    five stars" answer the buyer, and "positive or negative" (``neutral_review``) asks for any
    rating.
    """
    asks = _sentences(message, message.spans("review_ask"))
    anywhere = message.message_type.key == "review_request"
    if not (asks or anywhere):
        return []
    # The thanks must come first: "the top rating would be the perfect thank-you" still asks.
    answers = message.spans("review_already_left") + [(c.start, c.end) for c in message.concepts("THANKS")]
    neutral = _sentences(message, message.spans("neutral_review"))
    return [
        (s.start, s.end)
        for s in message.concepts("POSITIVE-RATING")
        if not (s.negated or s.quoted or message.is_protected(s.start, s.end))
        and (anywhere or s.sentence in asks or s.sentence - 1 in asks)
        and s.sentence not in neutral
        and (
            s.sentence in asks
            or not any(a < s.start and message.sentence_of(a) == s.sentence for a, _ in answers)
        )
    ]
