"""Negation and quotation scope: a reward that is refused, or named in the buyer's own quoted
question, is no offer; the same words without the negation or the quotation still are."""

import pytest

import guidelines
from guidelines.message import Context, Message
from guidelines.message_types import get_message_type
from guidelines.scope import negated, quoted_question

OFF = Context(spelling=False)


def _categories(text: str, locale: str, message_type: str = "reply") -> set[str]:
    report = guidelines.check(text, message_type=message_type, buyer_locale=locale, context=OFF)
    return {f.category for f in report.findings if f.severity == "error"}


@pytest.mark.parametrize(
    ("locale", "refused", "offered"),
    [
        ("en-GB", "We hand out no vouchers or gift cards for ratings.", "We hand out vouchers for ratings."),
        (
            "de-DE",
            "Eine Bewertung belohnen wir nicht mit Gutscheinen oder Rabatten.",
            "Eine Bewertung belohnen wir mit Gutscheinen und Rabatten.",
        ),
        (
            "nl-BE",
            "Wie een review schrijft, krijgt geen cadeaubon, korting of ander voordeel.",
            "Wie een review schrijft, krijgt een cadeaubon.",
        ),
        (
            "sv-SE",
            "För recensioner lämnar vi ingen rabatt och inga presentkort.",
            "För recensioner lämnar vi rabatt och presentkort.",
        ),
        (
            "tr-TR",
            "Yorumlar için indirim kodu ya da hediye göndermiyoruz.",
            "Yorumlar için indirim kodu ya da hediye gönderiyoruz.",
        ),
        ("zh-CN", "本店从不为评价提供返现或礼品。", "本店为评价提供返现或礼品。"),
        (
            "ja-JP",
            "レビューに対するポイントやクーポンの進呈はございません。",
            "レビューを書いてくださった方にクーポンを進呈します。",
        ),
    ],
)
def test_a_refused_reward_is_no_incentive_but_the_same_offer_is(
    locale: str, refused: str, offered: str
) -> None:
    assert "incentive" not in _categories(refused, locale)
    assert "incentive" in _categories(offered, locale)


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en-US", 'You asked: "Could I get a coupon for a 5-star review?" No, Amazon forbids that.'),
        ("es-ES", "Nos escribió: «¿Me dan un descuento si dejo una reseña?». La respuesta es no."),
        ("sv-SE", "Du undrade: ”Får jag ett presentkort för ett omdöme?” Tyvärr inte, det förbjuder Amazon."),
        ("zh-CN", "您问到“写好评能不能送优惠券”，很抱歉，亚马逊不允许这样做。"),
        ("ja-JP", "「高評価レビューで割引してもらえますか」とのお問い合わせですが、お受けできません。"),
    ],
)
def test_the_buyers_quoted_question_is_not_an_offer(locale: str, text: str) -> None:
    assert not _categories(text, locale) & {"incentive", "review_manipulation", "promotion"}


def test_dont_forget_does_not_negate_the_reward() -> None:
    text = "Don't forget: a review gets you a $5 gift card."
    message = Message(text, get_message_type("reply"), buyer_locale="en-US")
    start = text.index("gift card")
    assert not negated(message, (start, start + 9))


def test_a_quotation_that_opens_a_line_is_the_sellers_own_hook() -> None:
    text = '"Want 10% off your next order?" Use code SAVE10 at checkout.'
    message = Message(text, get_message_type("reply"), buyer_locale="en-US")
    start = text.index("10%")
    assert not quoted_question(message, (start, start + 3))
    assert "promotion" in _categories(text, "en-US")
