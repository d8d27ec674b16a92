"""The buyer-language rule: a message in the wrong language is an error; short texts are not judged."""

from __future__ import annotations

import pytest

import guidelines
from guidelines import language_detection
from guidelines.message import Message

ORDER = "305-8830068-9312137"
ENGLISH = (
    f"The wardrobe from your order {ORDER} is ready for dispatch. As it weighs about 140 kg, it will "
    "be delivered by a two-person team, and we need to agree a delivery date with you. Please reply "
    "with the weekdays next week when you will be at home."
)
GERMAN = (
    f"Der Kleiderschrank aus Ihrer Bestellung {ORDER} ist versandbereit. Da er etwa 140 kg wiegt, wird er "
    "von einem Zwei-Personen-Team geliefert, und wir möchten einen Liefertermin mit Ihnen abstimmen. "
    "Bitte nennen Sie uns die Wochentage, an denen Sie zu Hause sind."
)


def _language(text: str, locale: str | None, **context) -> list[guidelines.Finding]:
    report = guidelines.check(
        text, message_type="delivery", buyer_locale=locale, order_id=ORDER, context=context or None
    )
    return [f for f in report.findings if f.category == "language"]


def test_english_body_for_a_german_buyer_is_an_error() -> None:
    (finding,) = _language(ENGLISH, "de-DE")
    assert finding.severity == "error"
    assert "English" in finding.message and "German" in finding.message
    assert finding.detail.startswith("en:")


def test_english_body_with_only_a_localised_sign_off_is_an_error() -> None:
    for locale, sign_off in [
        ("de-DE", "Mit freundlichen Grüßen\nHolzhaus Möbel"),
        ("fr-FR", "Cordialement,\nL'équipe Holzhaus"),
        ("es-ES", "Atentamente,\nEl equipo de Holzhaus"),
    ]:
        (finding,) = _language(f"{ENGLISH}\n\n{sign_off}", locale)
        assert finding.severity == "error", locale


def test_a_localised_body_with_an_english_sign_off_passes() -> None:
    assert _language(f"{GERMAN}\n\nBest regards,\nHolzhaus Team", "de-DE") == []


@pytest.mark.parametrize("locale", ["en-US", "en_US", "en-us", "en_GB", "en"])
def test_locale_spellings_are_the_same_language(locale: str) -> None:
    assert _language(ENGLISH, locale) == []


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("fr-FR", f"Bonjour, votre commande {ORDER} sera livrée lundi matin entre 9 et 12 heures. Merci !"),
        ("es-ES", f"Hola, su pedido {ORDER} llegará el lunes por la mañana entre las 9 y las 12. ¡Gracias!"),
        (
            "it-IT",
            f"Buongiorno, il suo ordine {ORDER} sarà consegnato lunedì mattina tra le 9 e le 12. Grazie!",
        ),
        ("pt-BR", f"Olá, o seu pedido {ORDER} será entregue na segunda-feira de manhã, entre 9 e 12 horas."),
        ("ja-JP", f"ご注文({ORDER})の商品は月曜日の午前中にお届けする予定です。よろしくお願いいたします。"),
        ("zh-CN", f"您好，您的订单 {ORDER} 将于周一上午九点到十二点之间送达。如有问题请回复此消息。"),
        ("nl-NL", f"Hallo, uw bestelling {ORDER} wordt maandagochtend tussen 9 en 12 uur bezorgd. Bedankt!"),
        ("pl-PL", f"Dzień dobry, zamówienie {ORDER} zostanie dostarczone w poniedziałek rano. Dziękujemy!"),
        ("sv-SE", f"Hej! Din beställning {ORDER} levereras på måndag förmiddag mellan 9 och 12. Tack!"),
        ("tr-TR", f"Merhaba, {ORDER} numaralı siparişiniz pazartesi sabahı teslim edilecektir. Teşekkürler!"),
    ],
)
def test_messages_in_the_buyer_language_pass(locale: str, text: str) -> None:
    assert _language(text, locale) == []


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("fr-FR", f"Hello, your order {ORDER} arrives on Monday morning, between 9 and 12. Thanks!"),
        ("ja-JP", f"Hello, your order {ORDER} arrives on Monday morning, between 9 and 12. Thanks!"),
        ("en-US", f"ご注文({ORDER})の商品は月曜日の午前中にお届けする予定です。よろしくお願いいたします。"),
        ("it-IT", f"Hola, su pedido {ORDER} llegará el lunes por la mañana entre las 9 y las 12. ¡Gracias!"),
    ],
)
def test_messages_in_another_language_are_errors(locale: str, text: str) -> None:
    (finding,) = _language(text, locale)
    assert finding.severity == "error"


@pytest.mark.parametrize("text", ["ok thx", "Danke!", f"Order {ORDER}", "Merci beaucoup, Sophie"])
def test_short_texts_are_not_judged(text: str) -> None:
    assert _language(text, "it-IT") == []
    assert language_detection.detect(text).status == "too_short"


def test_placeholders_names_urls_and_ids_do_not_count_as_words() -> None:
    text = (
        "Hallo {{buyer_name}}, Bestellung {{order_id}}: https://www.amazon.de/gp/your-account/order-history "
        f"{ORDER} Sunny Garden Outdoor Furniture Set"
    )
    assert (
        language_detection.detect(
            text, guidelines.Context(product_name="Sunny Garden Outdoor Furniture Set")
        ).status
        == "too_short"
    )


def test_a_missing_buyer_locale_is_advice_not_an_error() -> None:
    (finding,) = _language(ENGLISH, None)
    assert finding.severity == "info" and "English" in finding.message


def test_an_unsupported_buyer_locale_is_advice_not_an_error() -> None:
    (finding,) = _language(ENGLISH, "ko-KR")
    assert finding.severity == "info" and "ko-KR" in finding.message


def test_a_short_sentence_misread_by_the_detector_is_not_an_error() -> None:
    # lingua's small models read this as Swedish; the English dictionary knows every word.
    assert _language(f"Thank you for your order {ORDER} (LED Camping Lantern).", "en-US") == []


def test_the_detector_is_built_once_in_low_accuracy_mode() -> None:
    assert language_detection.detector() is language_detection.detector()


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("ja-JP", f"Thank you for your order {ORDER}. It ships tomorrow."),
        ("ja-JP", "感谢您的订单，我们将于明天发货。"),
        ("zh-CN", "ご注文ありがとうございます。明日発送いたします。"),
        ("en-US", "ご注文ありがとうございます。明日発送いたします。"),
    ],
)
def test_the_writing_system_settles_short_texts_for_japanese_and_chinese(locale: str, text: str) -> None:
    (finding,) = _language(text, locale)
    assert finding.severity == "error"


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("ja-JP", "ご注文ありがとうございます。明日発送いたします。"),
        ("zh-CN", "感谢您的订单，我们将于明天发货。"),
        ("ja-JP", "Haruto Nakamura 様、ご注文ありがとうございます。"),
    ],
)
def test_short_japanese_and_chinese_in_the_right_script_pass(locale: str, text: str) -> None:
    assert _language(text, locale) == []


def test_the_dictionaries_decide_where_the_detector_hesitates() -> None:
    # lingua gives English only 0.57 here; the German dictionary knows none of the words.
    (finding,) = _language(f"Hello Anna, your parcel {ORDER} arrives on Monday.", "de-DE")
    assert finding.severity == "error" and "English" in finding.message


# A short sentence in another language keeps the buyer's language (too few of its common words
# to tell it from a product name) but its content is read in the language lingua is sure of.
SHORT_FOREIGN = [
    (
        "de-DE",
        f"Ihre Bestellung {ORDER} ist unterwegs und kommt morgen an.",
        "Five stars get a free gift card!",
        "incentive",
    ),
    (
        "es-ES",
        f"Su pedido {ORDER} está en camino y llegará mañana.",
        "Fünf Sterne bringen Ihnen einen Gutschein!",
        "incentive",
    ),
    (
        "it-IT",
        f"Il suo ordine {ORDER} è in viaggio e arriverà domani.",
        "Supprimez votre avis contre un remboursement.",
        "review_removal",
    ),
    (
        "en-US",
        f"Your order {ORDER} is on its way and arrives tomorrow.",
        "Yorumunuzu silerseniz size para iade ederiz.",
        "review_removal",
    ),
    (
        "fr-FR",
        f"Votre commande {ORDER} est en route et arrivera demain.",
        "Borre su reseña y le devolvemos el dinero.",
        "review_removal",
    ),
]


@pytest.mark.parametrize(("locale", "notice", "short", "category"), SHORT_FOREIGN)
def test_a_short_sentence_in_another_language_is_read_in_it(
    locale: str, notice: str, short: str, category: str
) -> None:
    text = f"{notice} {short}"
    report = guidelines.check(text, message_type="delivery", buyer_locale=locale, order_id=ORDER)
    found = [f for f in report.findings if f.category == category and f.severity == "error"]
    assert found and all(f.start >= len(notice) for f in found), report.findings


def test_a_short_sentence_read_in_another_language_is_no_language_finding() -> None:
    # The product name makes lingua read the sentence as English: its content is read in English
    # too, but the sentence stays Italian (the buyer's language), so no language finding.
    text = f"Grazie per l'ordine {ORDER}. Il Memory Foam Travel Pillow è partito."
    assert _language(text, "it-IT") == []
    segments = Message(text, "delivery", "it-IT").segments
    assert [(s.language, s.also) for s in segments][-1] == ("it", "en")


def test_a_short_sentence_the_dictionaries_place_in_another_language_is_one_finding() -> None:
    # lingua is sure, and the English dictionary knows the words the Spanish one does not: one
    # "sentence in another language" warning, not a spelling warning per word.
    notice = f"Hola, su pedido {ORDER} está en camino y llegará mañana."
    text = f"{notice} Five stars get a free gift card!"
    report = guidelines.check(text, message_type="delivery", buyer_locale="es-ES", order_id=ORDER)
    language = [f for f in report.findings if f.category == "language"]
    spelling = [f for f in report.findings if f.category == "spelling" and f.start > len(notice)]
    assert [(f.rule, text[f.start : f.end]) for f in language] == [
        ("W511", "Five stars get a free gift card!")
    ]
    assert spelling == []
