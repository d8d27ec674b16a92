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
