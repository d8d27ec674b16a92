"""Phenomena found by probing the engine with new messages: each test failed before its fix."""

import guidelines
from guidelines.message import Context

ORDER = "112-4456098-7712345"
OFF = Context(spelling=False)


def _categories(text: str, *, severities=("error", "warning"), **options) -> set[str]:
    options.setdefault("message_type", "reply")
    options.setdefault("buyer_locale", "en-US")
    options.setdefault("context", OFF)
    report = guidelines.check(text, **options)
    return {f.category for f in report.findings if f.severity in severities}


def test_a_status_notice_that_names_the_order_id_is_still_a_notice() -> None:
    text = f"Good news! Your order {ORDER} has shipped and should arrive by Wednesday."
    assert "order_confirmation" in _categories(text, severities=("error",))


def test_a_german_status_notice_that_names_the_order_id_is_still_a_notice() -> None:
    text = f"Ihre Bestellung {ORDER} wurde soeben versandt und kommt am Donnerstag an."
    assert "order_confirmation" in _categories(text, buyer_locale="de-DE")


def test_a_phrase_still_cannot_start_inside_an_order_id() -> None:
    # The ID's last digits followed by "% off" are no discount.
    text = f"Which size should we send for order {ORDER}? Reply and we will ship today."
    assert "promotion" not in _categories(text)


def test_plural_positive_as_well_as_negative_reviews_is_neutral_in_french() -> None:
    text = (
        f"Merci pour votre commande {ORDER}. Vous pouvez laisser un avis sur Amazon. "
        "Tous les avis, positifs comme négatifs, nous aident à nous améliorer."
    )
    assert "review_manipulation" not in _categories(text, message_type="review_request", buyer_locale="fr-FR")


def test_plural_positive_or_negative_reviews_is_neutral_in_italian_and_spanish() -> None:
    italian = f"Ordine {ORDER}: tutte le recensioni positive o negative ci aiutano a migliorare."
    spanish = f"Pedido {ORDER}: todas las opiniones, positivas como negativas, nos ayudan a mejorar."
    assert "review_manipulation" not in _categories(
        italian, message_type="review_request", buyer_locale="it-IT"
    )
    assert "review_manipulation" not in _categories(
        spanish, message_type="review_request", buyer_locale="es-ES"
    )


def test_a_positive_review_request_is_still_flagged_in_french() -> None:
    text = f"Merci pour votre commande {ORDER}. Merci de nous laisser un avis positif et détaillé."
    assert "review_manipulation" in _categories(text, message_type="review_request", buyer_locale="fr-FR")
