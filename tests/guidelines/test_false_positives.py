"""Texts a naive checker would block, and which the engine must let through without an error."""

import pytest

import guidelines
from guidelines.message import Context

ORDER = "114-4909505-8661897"
OFF = Context(spelling=False)


def _errors(text: str, **options) -> list[str]:
    options.setdefault("message_type", "unexpected_problem")
    options.setdefault("context", OFF)
    report = guidelines.check(text, order_id=ORDER, **options)
    return [f"{f.rule} {f.category}: {text[f.start : f.end]!r}" for f in report.errors]


def test_a_free_replacement_in_a_problem_message_is_not_an_incentive() -> None:
    text = f"Order {ORDER}: the lamp broke in transit, so we have shipped a free replacement."
    assert _errors(text) == []


def test_a_product_named_coupon_organizer_is_not_promotion() -> None:
    text = f"Your Coupon Organizer Wallet (order {ORDER}) will ship two days later than planned."
    assert _errors(text) == []


def test_a_link_to_the_buyers_amazon_order_page_is_allowed() -> None:
    text = (
        f"To complete the return of order {ORDER}, print the label from "
        f"https://www.amazon.com/gp/your-account/order-details?orderID={ORDER}"
    )
    assert _errors(text, message_type="return_question") == []


def test_explaining_that_amazon_lets_buyers_update_feedback_is_not_a_removal_request() -> None:
    text = (
        f"Thanks for your message about order {ORDER}. To answer your question: yes, Amazon allows "
        "buyers to update or remove the seller feedback they have left, from Your Orders. Whether you "
        "change it is entirely up to you."
    )
    assert _errors(text, message_type="reply") == []


def test_an_order_id_that_looks_like_a_phone_number_is_not_contact_info() -> None:
    text = "Before we ship order 212-5550198-4401276, please confirm the colour."
    report = guidelines.check(
        text, message_type="order_question", order_id="212-5550198-4401276", context=OFF
    )
    assert report.errors == ()


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        (
            "en-US",
            "Positive or negative, your honest review helps other buyers. If you have a minute, leave one.",
        ),
        (
            "de-DE",
            "Ob positiv oder negativ: Ihre ehrliche Bewertung hilft anderen Kunden. Wenn Sie einen Moment Zeit haben, schreiben Sie eine Rezension.",
        ),
        (
            "fr-FR",
            "Qu'il soit positif ou critique, votre avis sincère aidera d'autres clients. Si vous avez un instant, laissez un commentaire.",
        ),
        (
            "es-ES",
            "Positiva o negativa, su opinión sincera ayuda a otros clientes. Si tiene un momento, deje una reseña.",
        ),
        (
            "it-IT",
            "Se ha qualche minuto, le chiediamo una recensione: ogni opinione sincera, positiva o negativa, aiuta.",
        ),
        ("ja-JP", "お時間がございましたら、率直なご感想をレビューにてお聞かせいただけますと幸いです。"),
        ("zh-CN", "如果您有时间，欢迎留下真实的评价，无论好坏都对其他买家有帮助。"),
        ("pt-BR", "Se tiver um minuto, deixe uma avaliação sincera, positiva ou negativa."),
        ("nl-NL", "Als u even tijd heeft, laat dan een eerlijke review achter, positief of negatief."),
        ("pl-PL", "Jeśli ma Pan chwilę, prosimy o szczerą opinię, pozytywną lub negatywną."),
        ("sv-SE", "Om du har en minut, lämna gärna en ärlig recension, positiv eller negativ."),
        ("tr-TR", "Vaktiniz varsa, olumlu ya da olumsuz dürüst bir yorum bırakabilirsiniz."),
    ],
)
def test_neutral_review_requests_pass_in_every_language(locale: str, text: str) -> None:
    assert _errors(f"{ORDER}\n{text}", message_type="review_request", buyer_locale=locale) == []


def test_placeholders_are_not_links_or_contact_details() -> None:
    text = "Hello {{buyer_name}}, your order {{order_id}} from {{store_name}} ships on {{ship_date}}."
    report = guidelines.check(text, message_type="delivery", context=Context(spelling=False, template=True))
    assert report.errors == ()


@pytest.mark.parametrize(
    ("locale", "text", "category"),
    [
        ("en-US", "If you loved the kettle, please leave us a 5-star review!", "review_manipulation"),
        ("de-DE", "Für Ihre Bewertung schenken wir Ihnen einen 10 € Amazon-Gutschein.", "incentive"),
        ("fr-FR", "Pourriez-vous supprimer votre avis négatif ?", "review_removal"),
        ("es-ES", "Use el código de descuento VERANO10 en su próxima compra.", "promotion"),
        (
            "it-IT",
            "Se è soddisfatto del prodotto, ci lasci una recensione a 5 stelle.",
            "review_manipulation",
        ),
        ("ja-JP", "レビューを書いていただいた方に500円分のギフト券をプレゼントします。", "incentive"),
        ("zh-CN", "好评返现10元，请联系我们的微信。", "incentive"),
        ("pt-BR", "Deixe uma avaliação 5 estrelas e ganhe um cupom de desconto.", "review_manipulation"),
        ("nl-NL", "Verwijder alstublieft uw negatieve review.", "review_removal"),
        ("pl-PL", "Za pozytywną opinię otrzymasz kupon rabatowy na następne zakupy.", "review_manipulation"),
        ("sv-SE", "Om du är nöjd, lämna gärna fem stjärnor i din recension.", "review_manipulation"),
        ("tr-TR", "Memnun kaldıysanız lütfen 5 yıldızlı bir yorum bırakın.", "review_manipulation"),
    ],
)
def test_high_risk_content_is_blocked_in_every_language(locale: str, text: str, category: str) -> None:
    report = guidelines.check(
        f"{ORDER}\n{text}", message_type="review_request", buyer_locale=locale, context=OFF
    )
    assert category in {f.category for f in report.errors}, report.findings


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en-US", 'The "Free Spirit 5-Star Camping Chair" holds up to 120 kg.'),
        ("en-US", "The 5-Star Camping Chair holds up to 120 kg."),
        ("en-US", 'You asked whether the "5-Star Review Journal" has lined pages. Yes, 180 pages.'),
        ("fr-FR", "« Coffret Cadeau Cinq Étoiles » est le nom du produit ; il contient trois bougies."),
        ("de-DE", "Der Fünf-Sterne-Geschenkgutschein-Halter ist 12 cm breit."),
        ("ja-JP", "「無料ギフトボックス付き五つ星タオル」は商品名でございます。"),
        ("zh-CN", "“五星免费礼品套装”是商品名称;套装包含两个杯子。"),
    ],
)
def test_a_star_count_in_a_product_name_asks_for_no_review(locale: str, text: str) -> None:
    assert _errors(f"Order {ORDER}. {text}", message_type="reply", buyer_locale=locale) == []


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en-US", "Give us Five Stars!"),
        ("en-US", 'Please leave us a "5-star" review.'),
        ("de-DE", "Bitte geben Sie uns eine 5-Sterne-Bewertung."),
        ("ja-JP", "「五つ星」のレビューをお願いします。"),
        ("zh-CN", "请给我们五星好评。"),
    ],
)
def test_a_star_count_asked_for_is_still_a_positive_review_request(locale: str, text: str) -> None:
    errors = _errors(f"Order {ORDER}. {text}", message_type="review_request", buyer_locale=locale)
    assert any("review_manipulation" in e for e in errors)


def _review_pressure(text: str, locale: str) -> list[str]:
    report = guidelines.check(
        text, message_type="review_request", buyer_locale=locale, order_id=ORDER, context=OFF
    )
    return [f.rule for f in report.findings if f.rule == "V105"]


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("zh-CN", f"您好!您的订单{ORDER}已送达。如您愿意,欢迎在亚马逊分享您对商品的评价。\n\n瓷器小店"),
        ("ja-JP", f"ご注文番号 {ORDER}。小さなお子様にも安心です。よろしければレビューをお願いします。"),
    ],
)
def test_a_shop_signed_small_or_a_small_child_is_no_review_pressure(locale: str, text: str) -> None:
    assert _review_pressure(text, locale) == []


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("zh-CN", f"订单{ORDER}。我们是一家小店,请留下您的评价。"),
        ("ja-JP", f"ご注文番号 {ORDER}。私たちは小さなお店です。レビューをお願いします。"),
    ],
)
def test_a_small_business_plea_next_to_a_review_request_is_still_pressure(locale: str, text: str) -> None:
    assert _review_pressure(text, locale) == ["V105"]


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        (
            "pt-BR",
            'Você perguntou: "O cupom de desconto vale para este pedido?" Não conseguimos ver os cupons.',
        ),
        ("de-DE", "Sie fragten: „Gibt es einen Gutscheincode für die nächste Bestellung?“ Leider nein."),
    ],
)
def test_a_buyers_coupon_question_quoted_back_is_not_promotion(locale: str, text: str) -> None:
    assert _errors(f"{text} {ORDER}", message_type="reply", buyer_locale=locale) == []


def test_a_quoted_question_that_opens_the_line_can_still_be_promotion() -> None:
    errors = _errors(f'"Need a discount code?" Use SAVE10 on your next order! {ORDER}', message_type="reply")
    assert any("promotion" in e for e in errors)


def test_a_chinese_invitation_to_share_the_experience_is_a_review_request() -> None:
    text = f"订单{ORDER}已送达。欢迎在亚马逊上分享您的真实使用体验,无论好坏。"
    report = guidelines.check(
        text, message_type="review_request", buyer_locale="zh-CN", order_id=ORDER, context=OFF
    )
    assert "M102" not in [f.rule for f in report.findings]


def test_thanking_a_chinese_buyer_for_sharing_is_no_review_word_next_to_a_free_part() -> None:
    text = f"订单{ORDER}。感谢您分享使用体验,我们将免费为您寄出新的配件。"
    assert not any("incentive" in e for e in _errors(text, buyer_locale="zh-CN"))
