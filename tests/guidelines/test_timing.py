"""Order-context rules: the 30-day window, the review-request window and one request per order."""

from datetime import UTC, date, datetime

import guidelines
from guidelines.message import Context

ORDER = "114-4909505-8661897"
REQUEST = f"Order {ORDER}: if you have a moment, we would appreciate your honest review."


def _timing(message_type: str, text: str = REQUEST, **context) -> list[guidelines.Finding]:
    report = guidelines.check(
        text, message_type=message_type, order_id=ORDER, context=Context(spelling=False, **context)
    )
    return [f for f in report.findings if f.category in ("timing", "repeated_request")]


def test_a_review_request_names_the_exact_dates_it_may_be_sent() -> None:
    (finding,) = _timing(
        "review_request", now=datetime(2026, 1, 12, 9, tzinfo=UTC), delivery_date=date(2026, 1, 10)
    )
    assert finding.severity == "error"
    assert "2026-01-15" in finding.message and "2026-02-09" in finding.message


def test_a_review_request_inside_the_window_passes() -> None:
    assert (
        _timing("review_request", now=datetime(2026, 1, 20, tzinfo=UTC), delivery_date=date(2026, 1, 10))
        == []
    )


def test_proactive_messages_use_the_purchase_date_when_delivery_is_unknown() -> None:
    text = f"Order {ORDER}: which colour should we send?"
    (finding,) = _timing("order_question", text, now=datetime(2026, 3, 1), purchase_date=date(2026, 1, 1))
    assert finding.rule == "T101" and "2026-01-31" in finding.message


def test_replies_to_the_buyer_have_no_30_day_window() -> None:
    text = f"Order {ORDER}: the lamp takes E27 bulbs."
    assert _timing("reply", text, now=datetime(2026, 6, 1), delivery_date=date(2026, 1, 1)) == []


def test_a_second_review_request_is_blocked_whatever_the_date() -> None:
    findings = _timing(
        "review_request", now=datetime(2026, 1, 20), delivery_date=date(2026, 1, 10), review_requests_sent=1
    )
    assert [f.rule for f in findings] == ["V109"]


def test_context_accepts_plain_dicts_from_json() -> None:
    report = guidelines.check(
        REQUEST,
        message_type="review_request",
        order_id=ORDER,
        context={"now": "2026-01-12T09:00:00+00:00", "delivery_date": "2026-01-10", "spelling": False},
    )
    assert any(f.rule == "T102" for f in report.errors)
