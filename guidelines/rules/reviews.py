"""R13–R17: review and feedback requests must be neutral, unpaid, once, and without a script.

The phrases live in the language packs (``incentive_offer``, ``satisfaction_condition`` …); the rules
combine them by sentence, so "free replacement" in a delay notice is not a review incentive.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from ..i18n import ngettext
from ..message import Message
from ..registry import Docs, Example, Hit, rule
from ..scope import buyers_words, negated
from ..scripts import ends_in_question
from ._combinations import (
    concept_pairs,
    positive_rating_requests,
    rewards_for_removal,
    satisfied_review_requests,
)
from ._phrases import in_same_sentence, looks_like_product_name, near, quoted_span, sentence_span

_ORDER = "114-4909505-8661897"
# A condition phrase that is negated ("if you are not happy") points the unhappy buyer to the
# seller; it only steers reviews when the text goes on with "otherwise, please review".
# Five filled star glyphs ("★★★★★"), or a 5 with one ("5★", "5⭐", "★5", the British "5*"),
# next to a review request ask for a five-star rating, in every language.
_FIVE_STARS = re.compile(
    r"(?:[★⭐]\uFE0F?[ \t]?){4}[★⭐]\uFE0F?"
    r"|(?<![\w.,])5[ \t]?(?:[★⭐]\uFE0F?|\*(?![\w*]))"
    r"|[★⭐]\uFE0F?[ \t]?5(?![\w.,])"
)


def _negation_inside(message: Message, span: tuple[int, int]) -> bool:
    return any(span[0] <= start and end <= span[1] for start, end in message.phrases.get("negation", ()))


def _not_offered(message: Message, span: tuple[int, int]) -> bool:
    """Tell whether a reward is taken back ("we offer no reward") or is the buyer's quoted question."""
    return negated(message, span) or buyers_words(message, span)


def _gratitude(message: Message, sentences: set[int]) -> list[tuple[int, int]]:
    """Return the words that thank the buyer (THANKS), inside the pack's thanks phrases, in these
    sentences (the concept layer reads them alone: most messages thank, few need the lemmas)."""
    phrases = [span for span in message.spans("thanks") if message.sentence_of(span[0]) in sentences]
    if not phrases:
        return []
    read = {message.sentence_of(start) for start, _ in phrases}
    return [
        (c.start, c.end)
        for c in message.concepts_in("THANKS", read)
        if _inside_any((c.start, c.end), phrases)
    ]


def _inside_any(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def _review_terms(message: Message) -> list[tuple[int, int]]:
    return message.spans("review_term") + message.spans("review_term_weak") + message.spans("review_ask")


def _strong_review_terms(message: Message) -> list[tuple[int, int]]:
    """Return review words that cannot mean an ordinary reply ("feedback", "Rückmeldung" can)."""
    return message.spans("review_term") + message.spans("review_ask")


@rule(
    id="V101",
    name="review-incentive",
    category="incentive",
    severity="error",
    source="review-incentives",
    message="This offers the buyer something in exchange for a review or feedback.",
    suggestion="Remove the reward; ask for an honest review without offering anything.",
    docs=Docs(
        what="Finds money, gift cards, vouchers, refunds, free products or other rewards offered "
        "in the same sentence as a review or feedback request, in the buyer's language.",
        why="Amazon forbids any incentive for reviews or feedback; it is review manipulation "
        "and can cost the selling account.",
        example="Leave a review and we will send you a $10 gift card.",
        instead="If you have a moment, we would appreciate your honest review.",
    ),
    flags=[
        "Leave a review and we will send you a $10 gift card.",
        Example(
            "Als Dankeschön für Ihre Bewertung erstatten wir Ihnen 5 € des Kaufpreises.",
            {"buyer_locale": "de-DE"},
        ),
        Example(
            "si deja una reseña del producto, le enviaremos una tarjeta regalo de 10 €.",
            {"buyer_locale": "es-ES"},
        ),
        Example(
            "レビューを書いていただいた方にAmazonギフト券500円分をプレゼントします。",
            {"buyer_locale": "ja-JP"},
        ),
        "Send us a screenshot of your review and get a full refund.",
        "Don't forget to leave a review and claim your $5 gift card!",
        "We hope a reward for your review will make you smile.",
        Example(
            "Una sua recensione su Amazon ci aiuterebbe molto. Come ringraziamento, riceverà un codice sconto.",
            {"buyer_locale": "it-IT", "message_type": "review_request"},
        ),
        "We saw your two-star review. Would you mind removing it? "
        "We will send you a £15 gift card as soon as it's gone.",
        Example(
            "Vergessen Sie nicht, uns zu bewerten – dafür gibt es einen Gutschein.", {"buyer_locale": "de-DE"}
        ),
        Example("Değerlendirme için hediye çeki veya para iadesi veriyoruz.", {"buyer_locale": "tr-TR"}),
        Example(
            "Laat je een review achter? Stuur ons de link, dan krijg je een cadeaubon van 10 euro.",
            {"buyer_locale": "nl-NL"},
        ),
        Example(
            "Fick du tid att prova kudden? Berätta gärna vad du tycker på Amazon, så skickar vi en rabattkod som tack.",
            {"buyer_locale": "sv-SE", "message_type": "review_request"},
        ),
    ],
    passes=[
        f"We have shipped a free of charge replacement for order {_ORDER}.",
        "We sent a full refund today. Separately, we would value your honest review.",
        Example("Wir haben Ihnen einen kostenlosen Ersatz geschickt.", {"buyer_locale": "de-DE"}),
        "We hope you enjoy your Coupon Organizer Wallet and would value your honest review.",
        "Once we have your feedback on the photos, we will issue a full refund.",
        Example("Nach Ihrer Rückmeldung erstatten wir Ihnen den Kaufpreis.", {"buyer_locale": "de-DE"}),
        "We don't offer any reward for reviews; Amazon does not allow it.",
        "We give no voucher, discount or gift for reviews; Amazon forbids it.",
        Example("Für Bewertungen gibt es bei uns weder Gutscheine noch Rabatte.", {"buyer_locale": "de-DE"}),
        Example("Voor een recensie krijgt u van ons geen tegoedbon of korting.", {"buyer_locale": "nl-NL"}),
        Example("Vi ger varken presentkort eller rabatter för omdömen.", {"buyer_locale": "sv-SE"}),
        Example("Değerlendirme için hediye çeki veya para iadesi vermiyoruz.", {"buyer_locale": "tr-TR"}),
        Example("我们不会为评价赠送任何礼品或优惠券。", {"buyer_locale": "zh-CN"}),
        Example(
            "「レビューを書けばクーポンはもらえますか」というお問い合わせですが、レビューへの謝礼は行っておりません。",
            {"buyer_locale": "ja-JP"},
        ),
        'You wrote: "Is there a gift card for a five-star review?" Amazon does not allow that, so there is none.',
    ],
)
def review_incentive(message: Message) -> Iterator[Hit]:
    reported: list[tuple[int, int]] = []
    for span in message.spans("incentive"):
        reported.append(span)
        if not _not_offered(message, span):
            yield Hit(*span)
    # "Fünf-Sterne-Geschenkgutschein-Halter": the star in a product name is no review word.
    every = _review_terms(message)
    named = [n for n in message.spans("positive_review") if _star_product_name(message, n, every)]
    reviews = [r for r in _strong_review_terms(message) if not any(s <= r[0] < e for s, e in named)]
    # "Since we refunded you…" reports what was done to solve a problem; it offers nothing.
    resolved = message.spans("past_resolution")
    rewarded = _rewarded_sentences(message)
    inside = _SpanIndex(reported + resolved)
    review_sentences = {message.sentence_of(s) for s, _ in reviews}
    done: set[int] = set()  # sentences already reported: one finding each
    for span in message.spans("incentive_offer"):
        here = message.sentence_of(span[0])
        if here in done or inside.holds(span[0]):
            continue
        if looks_like_product_name(message, span) or _not_offered(message, span):
            continue
        if here in rewarded or here in review_sentences:
            done.add(here)
            reported.append(sentence_span(message, span[0]))
            yield Hit(*span)
    # The concept layer (tokens, lemmas) is read only when a review word is there to combine.
    if not every:
        return
    # A reward for removing or changing a review, in words no phrase lists: an error.
    for span in rewards_for_removal(message):
        if not any(s <= span[0] < e or span[0] <= s < span[1] for s, e in reported):
            reported.append(span)
            yield Hit(*span)
    # A REWARD next to a REVIEW in words the phrases do not hold: a warning, for the seller to judge.
    answering = message.spans("review_already_left") + message.spans("promotion_buyer_reference")
    for span in _concept_only(
        message, concept_pairs(message, "REWARD", "REVIEW"), reported + resolved + answering
    ):
        if not looks_like_product_name(message, span):
            yield Hit(*span, severity="warning")


class _SpanIndex:
    """Spans sorted by start, to ask in logarithmic time whether one of them holds a position."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        # The furthest end among the spans up to each index: overlapping spans stay correct.
        self.reach: list[int] = []
        for _, end in self.spans:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def holds(self, position: int) -> bool:
        index = bisect_right(self.starts, position) - 1
        return index >= 0 and position < self.reach[index]


def _concept_only(
    message: Message, spans: list[tuple[int, int]], reported: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Return the concept spans whose sentence no phrase finding (or excuse) already covers."""
    covered = {message.sentence_of(s) for s, _ in reported}
    return [span for span in spans if message.sentence_of(span[0]) not in covered]


def _removal_requests(message: Message) -> list[tuple[int, int]]:
    """Return requests to remove or change a review, named or referred to ("please delete it")."""
    return message.spans("review_removal") + _removal_by_reference(message)


def _removal_by_reference(message: Message) -> list[tuple[int, int]]:
    """Return "remove it" requests whose pronoun stands for a review named up to two sentences before.

    "You left a one-star review yesterday. … Could you delete it?" asks for the removal as
    plainly as naming the review again.
    """
    named = {message.sentence_of(s) for s, _ in _review_terms(message)}
    return [
        span
        for span in message.spans("review_removal_reference")
        if named & {message.sentence_of(span[0]) - back for back in (0, 1, 2)}
    ]


def _rewarded_sentences(message: Message) -> set[int]:
    """Return the sentences whose reward answers the review request or removal of the sentence before.

    "Would you take the review down? We'll send you a gift card as soon as it's gone." After a
    removal request any promised reward pays for it; after a sentence that names or asks for a
    review ("A review on Amazon would help us a lot.") the sentence must tie the reward to it
    ("in return", "as a thank-you").
    """
    after_removal = {message.sentence_of(s) + 1 for s, _ in _removal_requests(message)}
    after_ask = {message.sentence_of(s) + 1 for s, _ in _strong_review_terms(message)}
    linked = {message.sentence_of(s) for s, _ in message.spans("reward_link")}
    return after_removal | (after_ask & linked)


@rule(
    id="V102",
    name="conditional-review-request",
    category="review_manipulation",
    severity="error",
    source="positive-reviews",
    message="This asks only satisfied buyers for a review; Amazon treats that as review manipulation.",
    suggestion="Ask every buyer for an honest review, whatever their experience.",
    docs=Docs(
        what="Finds review or feedback requests tied to the buyer's satisfaction (\"if you are "
        'happy…", "if the product won you over…", "if unhappy contact us, otherwise review") '
        'in the buyer\'s language. Conditions on time ("if you have a minute") are fine.',
        why="Asking only happy buyers biases the ratings; Amazon's guidelines forbid it.",
        example="If you are happy with the lamp, please leave us a review.",
        instead="We would appreciate your honest review, positive or negative.",
    ),
    flags=[
        "If you are happy with the lamp, please leave us a review.",
        Example(
            "Your rug arrived last week. If the colours have made your living room brighter, give us ⭐⭐⭐⭐⭐ on Amazon.",
            {"buyer_locale": "en-GB", "message_type": "review_request"},
        ),
        "If the product won you over, we'd love a rating.",
        "Happy with your new blender? Leave us a review on Amazon!",
        Example("Wenn Sie zufrieden sind, freuen wir uns über eine Bewertung.", {"buyer_locale": "de-DE"}),
        Example("Si vous êtes satisfait, laissez-nous un avis.", {"buyer_locale": "fr-FR"}),
        Example("ご満足いただけましたら、レビューをお願いいたします。", {"buyer_locale": "ja-JP"}),
        # The concepts (SATISFIED-CONDITION + REVIEW) find conditions no phrase lists.
        "Should you be delighted with the kettle, we would love a review.",
    ],
    passes=[
        "If you have a minute, we'd love to hear your honest opinion in a review.",
        Example("Si tienes un momento, nos encantaría leer tu reseña en Amazon.", {"buyer_locale": "es-ES"}),
        Example(
            "Se ha qualche minuto, le chiediamo di condividere la sua esperienza con una recensione.",
            {"buyer_locale": "it-IT"},
        ),
        "If you are not happy with the fit, reply and we will swap the size.",
        "Are you happy with the blender? Either way, we'd appreciate your honest review.",
        Example(
            "ご満足いただけるよう努めております。よろしければレビューをお願いします。",
            {"buyer_locale": "ja-JP"},
        ),
        Example(
            "Wir würden uns über Ihre ehrliche Bewertung freuen – ob positiv oder kritisch.",
            {"buyer_locale": "de-DE"},
        ),
    ],
)
def conditional_review_request(message: Message) -> Iterator[Hit]:
    # "If it made your day, give us ⭐⭐⭐⭐⭐": five star glyphs name the rating too.
    reviews = _review_terms(message) + _star_glyphs(message)
    if not reviews:
        return
    for span in message.spans("otherwise_review"):
        yield Hit(*span)
    # "Happy with your new kettle? Leave us a review!": the question picks the happy buyers.
    neutral = message.spans("neutral_review")
    asks = message.spans("review_ask")
    for span in message.spans("happiness_question"):
        here = message.sentence_of(span[0])
        start, end = message.sentences[here] if 0 <= here < len(message.sentences) else span
        if not ends_in_question(message.visible[start:end]):
            continue
        follow = [s for s in asks if message.sentence_of(s[0]) in (here, here + 1)]
        if follow and not any(message.sentence_of(s[0]) in (here, here + 1) for s in neutral):
            yield Hit(*span)
    # "Are you happy with the kettle? If so, please leave a review."
    questions = {message.sentence_of(s) for s, _ in message.spans("satisfaction_question")}
    for span in message.spans("if_so"):
        here = message.sentence_of(span[0])
        if (here - 1 in questions or here in questions) and near(message, span, reviews, before=0, after=320):
            yield Hit(*span)
    found: set[int] = set()
    for span in message.spans("satisfaction_condition"):
        # "… freuen – ob positiv oder kritisch": the condition word belongs to a neutral phrase.
        if any(s < span[1] and span[0] < e for s, e in neutral):
            continue
        if _negation_inside(message, span) and not message.spans("otherwise_review"):
            continue
        if near(message, span, reviews, before=120, after=320):
            found.add(message.sentence_of(span[0]))
            yield Hit(*span)
    # SATISFIED-CONDITION + REVIEW in words the phrases do not hold (lemmas: every inflection).
    for span in satisfied_review_requests(message):
        if message.sentence_of(span[0]) not in found and not buyers_words(message, span):
            found.add(message.sentence_of(span[0]))
            yield Hit(*span)


# "Fünf-Sterne-Geschenkbox": a star count that leads a compound (not "5-Sterne-Bewertung") names a product.
_COMPOUND_TAIL = re.compile(r"-[^\W\d_][\w-]*")


_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_])")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)[ \t]+$")


def _capitalised_beyond(message: Message, span: tuple[int, int]) -> bool:
    """Tell whether a Title Case name goes on past the star count ("5-Star Camping Chair").

    "Give us Five Stars!" is capitalised only within the match, so it stays a request.
    """
    text = message.visible
    after = _WORD_AFTER.match(text, span[1])
    if after and after.group(1).isupper():
        return True
    start = sentence_span(message, span[0])[0]
    before = _WORD_BEFORE.search(text, max(start, span[0] - 40), span[0])
    # "¡Déjanos cinco estrellas!": a capital after the opening marks still starts the sentence.
    opening = before is not None and not any(c.isalnum() for c in text[start : before.start()])
    return bool(before and not opening and before.group(1)[:1].isupper())


def _star_glyphs(message: Message) -> list[tuple[int, int]]:
    """Return the star ratings written in glyphs, leaving out a name that goes on ("5* Hotel Sheets")."""
    spans = [m.span() for m in _FIVE_STARS.finditer(message.visible)]
    if not spans:
        return []
    reviews = _review_terms(message)
    return [span for span in spans if not _star_product_name(message, span, reviews)]


def _star_product_name(message: Message, span: tuple[int, int], reviews: list[tuple[int, int]]) -> bool:
    """Tell whether a star count is part of a product name ("5-Star Camping Chair", „Fünf-Sterne-Box“).

    It is, when it is quoted, in Title Case or leads a compound, and no review word outside that
    name shares its sentence ("the “5-Star Review Journal” has lined pages" asks for nothing).
    """
    name = quoted_span(message, span)
    if name is None:
        tail = _COMPOUND_TAIL.match(message.visible, span[1])
        if tail:
            name = (span[0], tail.end())
        elif _capitalised_beyond(message, span):
            name = span
        else:
            return False
        if any(span[1] <= s < name[1] for s, _ in reviews):
            return False
    outside = [r for r in reviews if not (name[0] <= r[0] < name[1])]
    return not in_same_sentence(message, span, outside)


@rule(
    id="V103",
    name="positive-review-request",
    category="review_manipulation",
    severity="error",
    source="positive-reviews",
    message="This asks for a positive or five-star review.",
    suggestion="Ask for an honest review instead of a positive one.",
    docs=Docs(
        what="Finds requests for positive, good or five-star reviews, ratings or feedback.",
        why="Amazon forbids asking for positive reviews only.",
        example="We'd be grateful for a five-star rating.",
        instead="We'd be grateful for your honest rating.",
    ),
    flags=[
        "We'd be grateful for a five-star rating.",
        "Please leave positive feedback.",
        Example("Bitte geben Sie uns 5 Sterne.", {"buyer_locale": "de-DE"}),
        Example("Merci de nous laisser un avis positif.", {"buyer_locale": "fr-FR"}),
        "We hope the lamp brings you joy and earns a five-star review from you.",
        Example(
            "¡Regálanos cinco estrellas en Amazon!",
            {"buyer_locale": "es-ES", "message_type": "review_request"},
        ),
        "Loved your candle? Leave us a review ★★★★★",
        Example("Über eine 5*-Bewertung würden wir uns riesig freuen!", {"buyer_locale": "de-DE"}),
        Example("Un avis 5★ nous aiderait énormément !", {"buyer_locale": "fr-FR"}),
        Example(
            "Your rug arrived last week. If the colours have made your living room brighter, give us ⭐⭐⭐⭐⭐ on Amazon.",
            {"buyer_locale": "en-GB", "message_type": "review_request"},
        ),
        Example("补发的杯子已经寄出了。收到后麻烦您把之前的评价改成好评，谢谢！", {"buyer_locale": "zh-CN"}),
        # The concepts (POSITIVE-RATING where a review is asked for) find ratings no phrase lists.
        "Please rate us; top marks would mean the world to us.",
        Example(
            "Merci de nous évaluer : une note de cinq étoiles nous aiderait beaucoup.",
            {"buyer_locale": "fr-FR"},
        ),
    ],
    passes=[
        "If you are happy with the 5* Hotel Collection sheets, the pillowcases ship next week.",
        "Positive or negative, your honest review helps other buyers.",
        "Thank you for the top marks you gave us last week!",
        "Thank you for your positive feedback on our packaging!",
        "We are glad you left positive feedback about the delivery.",
        Example("Qu'il soit positif ou critique, votre avis sincère aidera.", {"buyer_locale": "fr-FR"}),
        "Our hotel partner is rated ★★★★★ by travel guides; which room type do you prefer?",
        Example(
            "Drukujemy na koszulce napis „Najlepsza Mama – 5 gwiazdek”, czy tak ma zostać?",
            {"buyer_locale": "pl-PL", "message_type": "custom_design"},
        ),
        Example(
            "U schreef: 'Krijg ik iets extra's voor een goede review?' Nee, dat mag niet van Amazon.",
            {"buyer_locale": "nl-NL"},
        ),
    ],
)
def positive_review_request(message: Message) -> Iterator[Hit]:
    neutral = message.spans("neutral_review")
    positives = message.spans("positive_review")
    # Gratitude (THANKS), not a well-wish: "we hope it brings you joy and earns five stars" asks.
    thanks = _gratitude(message, {message.sentence_of(s) for s, _ in positives}) if positives else []
    asks = message.spans("review_ask")
    exempt = message.spans("positive_exempt")
    reviews = _review_terms(message)
    # "Thank you for your positive feedback" answers the buyer; it asks for nothing.
    answering = thanks + message.spans("review_already_left")
    found: set[int] = set()
    for span in positives:
        if in_same_sentence(message, span, neutral) or any(s <= span[0] < e for s, e in exempt):
            continue
        if _star_product_name(message, span, reviews) or buyers_words(message, span):
            continue
        # The thanks must come first: "… change it to a good review, thank you" still asks.
        earlier = [a for a in answering if a[0] < span[0]]
        if in_same_sentence(message, span, earlier) and not in_same_sentence(message, span, asks):
            continue
        found.add(message.sentence_of(span[0]))
        yield Hit(*span)
    # POSITIVE-RATING asked for, in words the phrases do not hold (lemmas: every inflection).
    for span in positive_rating_requests(message):
        here = message.sentence_of(span[0])
        if here in found or _star_product_name(message, span, reviews) or buyers_words(message, span):
            continue
        found.add(here)
        yield Hit(*span)
    conditions = message.spans("satisfaction_condition")
    asking = message.message_type.key == "review_request"
    for span in _star_glyphs(message):
        if in_same_sentence(message, span, neutral):
            continue
        if (
            asking
            or in_same_sentence(message, span, reviews, reach=1)
            or in_same_sentence(message, span, conditions)
        ):
            yield Hit(*span)


@rule(
    id="V104",
    name="negative-feedback-steering",
    category="review_manipulation",
    severity="error",
    source="positive-reviews",
    message="This steers the buyer to contact you instead of leaving negative feedback.",
    suggestion="Offer help without linking it to the buyer's review or feedback.",
    docs=Docs(
        what='Finds "contact us before leaving negative feedback" and similar wording.',
        why="Amazon's guidelines forbid attempts to keep buyers from leaving negative reviews.",
        example="Please contact us before leaving negative feedback.",
        instead="If anything is wrong with your order, reply to this message and we will help.",
    ),
    flags=[
        "Please contact us before leaving negative feedback.",
        "Instead of leaving a bad review, talk to us.",
        Example(
            "Bevor Sie eine negative Bewertung abgeben, kontaktieren Sie uns bitte.",
            {"buyer_locale": "de-DE"},
        ),
    ],
    passes=[
        "If anything is wrong, reply to this message and we will help.",
        "Before you leave, check the box.",
    ],
)
def negative_feedback_steering(message: Message) -> Iterator[Hit]:
    for span in message.spans("feedback_steering"):
        yield Hit(*span)


@rule(
    id="V105",
    name="review-pressure",
    category="review_manipulation",
    severity="warning",
    source="positive-reviews",
    message="This puts pressure on the buyer to leave a favourable review.",
    suggestion="Ask neutrally; do not say how much the review matters to your business.",
    docs=Docs(
        what='Finds hard-luck and pressure wording ("we are a small business", "reviews help us '
        'survive") in messages that ask for a review or feedback.',
        why="Pressure biases the review even without an explicit condition; Amazon may read it "
        "as an attempt to influence the review.",
        example="We are a small family business and every review helps us survive.",
        instead="Your honest review helps other buyers choose.",
    ),
    flags=[
        "We are a small family business and every review helps us survive. Please leave a review.",
        Example(
            "A sua nota é fundamental para que a loja continue na Amazon! Avalie o pedido.",
            {"buyer_locale": "pt-BR"},
        ),
    ],
    passes=[
        "We are a small family business. Your parcel ships Monday.",
        "Your honest review helps other buyers.",
    ],
)
def review_pressure(message: Message) -> Iterator[Hit]:
    if not _review_terms(message):
        return
    for span in message.spans("review_pressure"):
        yield Hit(*span)


@rule(
    id="V106",
    name="review-removal-request",
    category="review_removal",
    severity="error",
    source="review-changes",
    message="This asks the buyer to remove or change a review or feedback.",
    suggestion="Solve the buyer's problem without mentioning their review.",
    docs=Docs(
        what="Finds requests to remove, delete, change or update a review, rating or feedback. "
        "Answering a buyer's own question about how Amazon lets them edit feedback is fine.",
        why="Amazon forbids asking buyers to remove or change reviews, even after a problem was solved.",
        example="Now that the issue is solved, please remove your 1-star review.",
        instead="We are glad the replacement arrived safely.",
    ),
    flags=[
        "Now that the issue is solved, please remove your 1-star review.",
        "Could you possibly get rid of your review?",
        Example("Kunt u uw beoordeling misschien weghalen?", {"buyer_locale": "nl-NL"}),
        Example("Pourriez-vous effacer votre évaluation ?", {"buyer_locale": "fr-FR"}),
        "Would you consider updating your feedback?",
        Example("Daher bitten wir Sie, Ihre 1-Stern-Bewertung zu entfernen.", {"buyer_locale": "de-DE"}),
        Example("Pourriez-vous modifier votre avis ?", {"buyer_locale": "fr-FR"}),
        "You rated the kettle one star last week. The spare lid is on its way now. "
        "Could you take it down once it arrives?",
        Example(
            "Vimos la opinión de una estrella que dejó el lunes. El repuesto ya va en camino. "
            "¿Podría quitarla cuando lo reciba?",
            {"buyer_locale": "es-MX"},
        ),
        Example(
            "Abbiamo letto il suo giudizio negativo. Il rimborso è stato eseguito ieri. "
            "Ci farebbe un grande favore se lo cancellasse.",
            {"buyer_locale": "it-IT"},
        ),
        Example(
            "Du gav oss ett lågt betyg i förra veckan. Paketet har nu kommit fram. Kan du ändra det?",
            {"buyer_locale": "sv-SE"},
        ),
        Example(
            "Dün bıraktığınız olumsuz değerlendirmeyi gördük. Sorun artık çözüldü. Lütfen bunu kaldırır mısınız?",
            {"buyer_locale": "tr-TR"},
        ),
        Example(
            "先週いただいた星1つのレビューを拝見しました。交換品は本日お届けしました。"
            "お手数ですが、そちらを削除していただけますでしょうか。",
            {"buyer_locale": "ja-JP"},
        ),
        Example(
            "We lazen uw recensie van gisteren. Het nieuwe onderdeel is onderweg. Zou u die willen verwijderen?",
            {"buyer_locale": "nl-NL"},
        ),
        Example(
            "Es wäre schön, wenn die Rezension entfernt würde, nachdem der Ersatz angekommen ist.",
            {"buyer_locale": "de-DE"},
        ),
        Example("Si elimina su reseña, le devolvemos 15 euros.", {"buyer_locale": "es-ES"}),
        Example("Si vous supprimez votre avis, nous vous rembourserons 10 €.", {"buyer_locale": "fr-FR"}),
        Example("Se toglie la recensione negativa, le rimborsiamo la spedizione.", {"buyer_locale": "it-IT"}),
    ],
    passes=[
        "We will never ask you to remove or change a review.",
        Example(
            "Pytał Pan, czy może zmienić swoją opinię: tak, w koncie w zakładce „Moje opinie”.",
            {"buyer_locale": "pl-PL"},
        ),
        "Thanks for your review of the lamp. We have updated it in our catalogue.",
        "The old label is no longer valid. Could you delete it from the app and print the new one?",
        "After reading your review we updated the size chart.",
        Example(
            "Wir haben die Produktbeschreibung nach Ihrer Bewertung geändert.", {"buyer_locale": "de-DE"}
        ),
        "Yes, Amazon allows buyers to update or remove the seller feedback they have left. "
        "Whether you change it is entirely up to you.",
        "Please update your shipping address.",
    ],
)
def review_removal_request(message: Message) -> Iterator[Hit]:
    info = message.spans("review_removal_info")
    reported: list[tuple[int, int]] = []
    for span in sorted(_removal_requests(message)):
        if in_same_sentence(message, span, info) or (reported and span[0] < reported[-1][1]):
            continue
        # "We would never ask you to delete a review"; "You asked whether you can change your
        # review: yes, in Your Account" answers the buyer's own question.
        if _not_offered(message, span):
            continue
        reported.append(span)
        yield Hit(*span)
    # REMOVE or CHANGE with a REVIEW (or a pronoun for one) in other words: a warning.
    if not _review_terms(message):
        return
    changes = concept_pairs(message, "REMOVE", "REVIEW", requested=True)
    changes += concept_pairs(message, "CHANGE", "REVIEW", requested=True)
    for span in _concept_only(message, sorted(changes), reported + info):
        reported.append(span)
        yield Hit(*span, severity="warning")


@rule(
    id="V107",
    name="review-instructions",
    category="review_instructions",
    severity="warning",
    source="review-instructions",
    message="This tells the buyer what to write in their review.",
    suggestion="Let the buyer write the review in their own words.",
    docs=Docs(
        what='Finds instructions about a review\'s content ("please mention…", "tell other '
        'customers that…", "paste your feedback as the review").',
        why="Amazon's guidelines forbid giving buyers instructions on how to write a review.",
        example="In your review, please mention our fast shipping.",
        instead="We would appreciate your honest review.",
    ),
    flags=[
        "In your review, please mention our fast shipping.",
        "Tell other customers how easy the setup was in a review.",
        "Please paste your message above as the review.",
        Example("Vermeld in uw review graag dat de levering snel was.", {"buyer_locale": "nl-NL"}),
        Example("Skriv gärna i din recension att monteringen gick snabbt.", {"buyer_locale": "sv-SE"}),
        Example("W opinii prosimy napisać, że dostawa była szybka.", {"buyer_locale": "pl-PL"}),
        Example("Yorum yazarken lütfen hızlı kargodan bahsedin.", {"buyer_locale": "tr-TR"}),
        Example("Cuando escribas tu reseña, menciona nuestro envío rápido.", {"buyer_locale": "es-ES"}),
        Example("Wil je in je review iets zeggen over onze snelle levering?", {"buyer_locale": "nl-NL"}),
    ],
    passes=[
        "Please mention your preferred delivery day.",
        "Please tell us the size you need.",
        Example(
            "Berätta gärna vad du tycker på Amazon.",
            {"buyer_locale": "sv-SE", "message_type": "review_request"},
        ),
        Example(
            "Prosimy napisać opinię o produkcie na Amazon.",
            {"buyer_locale": "pl-PL", "message_type": "review_request"},
        ),
    ],
)
def review_instructions(message: Message) -> Iterator[Hit]:
    reviews = _review_terms(message)
    reported: list[tuple[int, int]] = []
    for span in message.spans("review_instructions"):
        if in_same_sentence(message, span, reviews, reach=1):
            reported.append(span)
            yield Hit(*span)
    # MENTION with a REVIEW in its sentence, in words the phrases do not hold ("Cuando escribas
    # tu reseña, menciona nuestro envío rápido"); the buyer's own review reported back is no
    # instruction ("your review mentioned the handle").
    if not reviews:
        return
    excused = reported + message.spans("review_already_left")
    for span in _concept_only(message, concept_pairs(message, "MENTION", "REVIEW"), excused):
        yield Hit(*span)


@rule(
    id="V108",
    name="repeated-review-request",
    category="repeated_request",
    severity="error",
    source="one-review-request",
    message="This reads as a second request for a review or feedback on the same order.",
    suggestion="Ask for a review once per order; do not send reminders.",
    docs=Docs(
        what='Finds reminders about an earlier review or feedback request ("we asked you last '
        'week to review…", "a reminder to leave feedback").',
        why="Amazon allows one review or feedback request per order; a reminder is a second one.",
        example="A quick reminder: we asked you last week to review your purchase.",
        instead="Send one review request per order, and none if Request a Review was used.",
    ),
    flags=[
        "A quick reminder: we asked you last week to review your purchase.",
        "We haven't seen your review yet.",
        Example("Wir möchten Sie noch einmal an Ihre Bewertung erinnern.", {"buyer_locale": "de-DE"}),
        Example(
            "Wij hebben u vorige week al gevraagd om een recensie. Wilt u er nog eens aan denken?",
            {"buyer_locale": "nl-NL"},
        ),
        Example("Vi har redan bett dig om ett omdöme. Här kommer en påminnelse.", {"buyer_locale": "sv-SE"}),
        Example(
            "Kilka dni temu prosiliśmy o opinię. Uprzejmie przypominamy o tym ponownie.",
            {"buyer_locale": "pl-PL"},
        ),
        Example("Geçen hafta yorum rica etmiştik. Tekrar hatırlatmak istedik.", {"buyer_locale": "tr-TR"}),
        Example(
            "We wrote to you last week about your purchase. A short review would still help us.",
            {"message_type": "review_request"},
        ),
    ],
    passes=[
        "A reminder: the installer arrives at 9am.",
        "We wrote to you last week about the delivery date. Thanks for your review.",
        "We would appreciate your honest review.",
        Example("Değerlendirmenizi yeniden değerlendirebilir misiniz?", {"buyer_locale": "tr-TR"}),
        Example(
            "先日は星3つのレビューをいただきありがとうございました。不具合は解消いたしました。",
            {"buyer_locale": "ja-JP"},
        ),
    ],
)
def repeated_review_request(message: Message) -> Iterator[Hit]:
    reviews = _review_terms(message)
    # "Please reconsider the review you posted the other day": the time word dates the buyer's
    # review, and the request is a removal (V106), not a second review request.
    removals = _removal_requests(message)
    asks = message.spans("review_ask")
    answering = message.spans("thanks") + message.spans("review_already_left")
    for span in message.spans("repeated_marker"):
        # In a message that asks to change the buyer's review, "the review you posted the other
        # day" dates that review; only a marker next to a new review request is a reminder.
        if removals and not in_same_sentence(message, span, asks):
            continue
        if any(s <= span[0] < e for s, e in removals):
            continue  # "yeniden değerlendirebilir misiniz": "again" belongs to the removal request
        # "Thank you for the review you left the other day" answers the buyer; it asks nothing.
        if in_same_sentence(message, span, answering) and not in_same_sentence(message, span, asks):
            continue
        if in_same_sentence(message, span, reviews) or _reminder_before_request(message, span, reviews):
            yield Hit(*span)
            return


def _reminder_before_request(message: Message, span: tuple[int, int], reviews: list[tuple[int, int]]) -> bool:
    """Tell whether a review request's next sentence asks for the review its marker recalls.

    "We wrote to you a few days ago and haven't heard back. A review would still help us": in a
    message sent as a review request, the earlier message it recalls was the first request.
    """
    if message.message_type.key != "review_request":
        return False
    here = message.sentence_of(span[0])
    return any(message.sentence_of(s) == here + 1 for s, _ in reviews)


@rule(
    id="V109",
    name="second-review-request",
    category="repeated_request",
    severity="error",
    source="one-review-request",
    message="A review or feedback request was already sent for this order.",
    suggestion="Do not send another review request for this order.",
    docs=Docs(
        what="Reads the order's history: a review request (type or text) when one was already "
        "sent, whether free-form or through Amazon's Request a Review.",
        why="Amazon counts Request a Review and a free-form review request as the same request: "
        "only one per order.",
        example="(a review request for an order whose history shows one sent already)",
        instead="Skip this order; it has had its review request.",
    ),
    flags=[
        Example(
            f"Order {_ORDER}: we would appreciate your honest review.",
            {"message_type": "review_request", "context": {"review_requests_sent": 1}},
        )
    ],
    passes=[
        Example(
            f"Order {_ORDER}: we would appreciate your honest review.",
            {"message_type": "review_request", "context": {"review_requests_sent": 0}},
        ),
        Example(f"Order {_ORDER} ships Monday.", {"context": {"review_requests_sent": 1}}),
    ],
)
def second_review_request(message: Message) -> Iterator[Hit]:
    if message.context.review_requests_sent < 1:
        return
    asks = message.spans("review_ask")
    if message.message_type.key == "review_request" or asks:
        start, end = asks[0] if asks else (0, 0)
        sent = message.context.review_requests_sent
        yield Hit(
            start,
            end,
            message=ngettext(
                "{count} review request already sent for this order; Amazon allows one per order.",
                "{count} review requests already sent for this order; Amazon allows one per order.",
                sent,
            ),
        )
