"""``{% order_windows order %}``: an order's messaging windows and history, for any page."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import template
from django.utils import timezone

from ..models import MessageRecord, Order

register = template.Library()


def windows_context(order: Order, *, now: datetime | None = None) -> dict:
    """Return what the order_windows partial shows: both windows, their state and the history."""
    now = now or timezone.now()
    history = list(order.messages.select_related("sent_by"))
    review = order.review_window()
    proactive = order.proactive_window()
    review_requests = [
        r
        for r in history
        if r.kind == MessageRecord.Kind.REQUEST_A_REVIEW or r.message_type == "review_request"
    ]
    return {
        "order": order,
        "now": now,
        "history": history,
        "review": review,
        "review_state": review.state(now) if review else "unknown",
        "review_used": review_requests[0] if review_requests else None,
        # The seller's clock: the template filters show these in the active time zone.
        "review_from": review.opens_at if review else None,
        "review_to": review.closes_at - timedelta(minutes=1) if review else None,
        "proactive": proactive,
        "proactive_state": proactive.state(now),
        "proactive_to": proactive.closes_at - timedelta(minutes=1),
        "time_zone": timezone.get_current_timezone_name(),
    }


@register.inclusion_tag("composer/partials/order_windows.html")
def order_windows(order: Order, heading_level: int = 2) -> dict:
    return {**windows_context(order), "heading_level": heading_level}


@register.filter
def review_request_state(order: Order, now: datetime) -> str:
    """Return "requested", "not_shipped", "open", "not_yet", "closed" or "unknown" (no delivery date)."""
    requested = getattr(order, "review_requested", None)
    if requested is None:
        requested = order.review_requests_sent() > 0
    if requested:
        return "requested"
    if order.status != Order.Status.SHIPPED:
        # Amazon offers Request a Review only for shipped orders.
        return "not_shipped"
    window = order.review_window()
    return window.state(now) if window else "unknown"
