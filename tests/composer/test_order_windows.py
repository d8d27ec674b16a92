"""The review window (5–30 days after delivery) and the 30-day window, on their boundaries.

The order list's filters, the windows shown to the seller and the guideline engine's timing
rules must agree on every day, so each boundary is checked against all three.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from composer import checking
from composer.models import MessageRecord, Order
from composer.templatetags.order_windows import review_request_state, windows_context

ORDER_ID = "114-4909505-8661897"
REVIEW_TEXT = (
    f"Order {ORDER_ID}: if you have a moment, we would appreciate your honest review of the product."
)


def _order(team, *, delivered_days_ago: int | None, purchased_days_ago: int = 40, **fields) -> Order:
    now = timezone.now()
    return Order.objects.create(
        team=team,
        amazon_order_id=fields.pop("amazon_order_id", ORDER_ID),
        marketplace="US",
        buyer_locale="en-US",
        purchase_date=now - timedelta(days=purchased_days_ago),
        delivery_date=None if delivered_days_ago is None else now - timedelta(days=delivered_days_ago),
        status=fields.pop("status", Order.Status.SHIPPED),
        product_name="Cast Iron Dutch Oven",
        **fields,
    )


def _timing_rules(order: Order, message_type: str = "review_request", text: str = REVIEW_TEXT) -> set[str]:
    result = checking.check_text(text, message_type=message_type, order=order, buyer_locale="en-US")
    return {f["rule"] for f in result.findings if f["category"] in ("timing", "repeated_request")}


@pytest.mark.parametrize(
    ("day", "allowed"),
    [(4, False), (5, True), (30, True), (31, False)],
    ids=["day 4", "day 5", "day 30", "day 31"],
)
def test_review_request_is_allowed_from_day_5_to_day_30_after_delivery(team, day, allowed) -> None:
    order = _order(team, delivered_days_ago=day)
    now = timezone.now()
    assert order.review_window().contains(now) is allowed
    assert Order.objects.review_request_allowed(now).filter(pk=order.pk).exists() is allowed
    assert (review_request_state(order, now) == "open") is allowed
    # The engine gets the same dates and agrees.
    assert ("T102" not in _timing_rules(order)) is allowed


@pytest.mark.parametrize(("day", "allowed"), [(4, True), (5, True), (30, True), (31, False)])
def test_proactive_messages_are_allowed_until_day_30_after_delivery(team, day, allowed) -> None:
    order = _order(team, delivered_days_ago=day)
    now = timezone.now()
    assert order.proactive_window().contains(now) is allowed
    assert Order.objects.proactive_allowed(now).filter(pk=order.pk).exists() is allowed
    text = f"Order {ORDER_ID}: which colour would you like for the engraving?"
    assert ("T101" not in _timing_rules(order, "order_question", text)) is allowed


def test_without_a_delivery_date_no_review_request_is_allowed(team) -> None:
    order = _order(team, delivered_days_ago=None, purchased_days_ago=10)
    now = timezone.now()
    assert order.review_window() is None
    assert not Order.objects.review_request_allowed(now).filter(pk=order.pk).exists()
    assert review_request_state(order, now) == "unknown"
    html = render_to_string("composer/partials/order_windows.html", windows_context(order, now=now))
    assert "delivery date is not known yet" in html


def test_without_a_delivery_date_the_30_days_count_from_purchase(team) -> None:
    now = timezone.now()
    recent = _order(team, delivered_days_ago=None, purchased_days_ago=30)
    old = _order(team, delivered_days_ago=None, purchased_days_ago=31, amazon_order_id="303-1240685-8432959")
    allowed = Order.objects.proactive_allowed(now)
    assert (recent.proactive_window().counted_from, recent.proactive_window().contains(now)) == (
        "purchase",
        True,
    )
    assert list(allowed.filter(pk__in=[recent.pk, old.pk])) == [recent]


def test_a_review_request_is_not_allowed_for_an_order_not_yet_shipped(team) -> None:
    order = _order(team, delivered_days_ago=10, status=Order.Status.UNSHIPPED)
    now = timezone.now()
    assert not Order.objects.review_request_allowed(now).filter(pk=order.pk).exists()
    assert review_request_state(order, now) == "not_shipped"


def test_a_recorded_request_a_review_closes_the_review_filter_and_the_engine_flags_a_second(
    team, seller
) -> None:
    order = _order(team, delivered_days_ago=10)
    now = timezone.now()
    assert "V109" not in _timing_rules(order)
    order.record_review_request(by=seller)
    assert order.check_context()["review_requests_sent"] == 1
    assert not Order.objects.review_request_allowed(now).filter(pk=order.pk).exists()
    assert review_request_state(order, now) == "requested"
    assert "V109" in _timing_rules(order)


def test_an_exported_review_request_counts_like_the_button(team, seller) -> None:
    order = _order(team, delivered_days_ago=10)
    MessageRecord.objects.create(order=order, message_type="review_request", text="…", sent_by=seller)
    assert order.review_requests_sent() == 1
    assert "V109" in _timing_rules(order)


def test_the_window_text_names_the_exact_days() -> None:
    from composer import windows

    delivered = datetime(2026, 11, 28, 15, 0, tzinfo=UTC)
    window = windows.review_window_for(delivered)
    assert (window.first_day.isoformat(), window.last_day.isoformat()) == ("2026-12-03", "2026-12-28")
    # Delivered late in the evening in Seattle is already the next day in UTC.
    late = datetime(2026, 11, 27, 20, 0, tzinfo=zoneinfo.ZoneInfo("America/Los_Angeles"))
    assert windows.review_window_for(late).first_day.isoformat() == "2026-12-03"


def test_the_windows_are_shown_on_the_sellers_clock(team) -> None:
    now = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
    order = _order(team, delivered_days_ago=0)
    order.delivery_date = datetime(2026, 11, 28, 15, 0, tzinfo=UTC)
    with timezone.override(zoneinfo.ZoneInfo("UTC")):
        html = render_to_string("composer/partials/order_windows.html", windows_context(order, now=now))
    assert "Review requests for this order are allowed from 3 Dec to 28 Dec." in html
    assert "Allowed today." in html
    with timezone.override(zoneinfo.ZoneInfo("Asia/Tokyo")):
        html = render_to_string("composer/partials/order_windows.html", windows_context(order, now=now))
    # Midnight UTC on 3 Dec is 09:00 in Tokyo; the window closes at 08:59 on 29 Dec there.
    assert "allowed from 3 Dec to 29 Dec" in html
    assert "Asia/Tokyo" in html and "3 Dec 2026, 09:00" in html and "29 Dec 2026, 08:59" in html
