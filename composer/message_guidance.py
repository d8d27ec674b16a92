"""What each message type is for, and which types an order allows today (the New message page)."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _

import guidelines

from . import windows
from .models import Order

# One line per message type, in the seller's terms: when to choose it.
DESCRIPTIONS = {
    "review_request": _(
        "Ask for a product review or seller feedback: once per order, 5 to 30 days after delivery."
    ),
    "delivery": _("Arrange the delivery: a time, an address detail or access the carrier needs."),
    "invoice": _("Send the invoice for the order; the invoice goes as an attachment."),
    "custom_design": _("Confirm what the buyer wants on a personalised item: text, design, proof."),
    "unexpected_problem": _(
        "Tell the buyer about a problem with the order: a delay, damage in the warehouse, an item you "
        "cannot send."
    ),
    "order_question": _("Ask something you need to send the order, such as the colour or size."),
    "return_question": _("Ask or answer about a return the buyer has started."),
    "service_appointment": _("Arrange the appointment for a home service the buyer ordered."),
    "digital_access_key": _("Send the key or code the buyer needs for a digital product."),
    "reply": _("Answer a message the buyer sent you: no 30-day limit."),
}


def unavailable_types(
    order: Order, now: datetime, *, review_requested: bool | None = None, offer=None
) -> dict[str, str]:
    """Return the message types ``order`` does not allow at ``now``, each with the reason.

    ``review_requested`` is whether a review request was sent already, when the caller has it.
    For an order of a connected Amazon account, Amazon's answer (``offer``, an
    ``amazon.eligibility.Offer``; by default its last answer if recent) decides the types it
    sends through its APIs, in both directions; our own window rules decide the rest.
    """
    if review_requested is None:
        review_requested = order.review_requests_sent() > 0
    reasons: dict[str, str] = {}
    review = order.review_window()
    if review_requested:
        reasons["review_request"] = _("Review already requested for this order.")
    elif order.status != Order.Status.SHIPPED:
        reasons["review_request"] = _("Not shipped yet: review requests are for shipped orders.")
    elif review is not None and review.state(now) == "not_yet":
        reasons["review_request"] = _("Too early: review requests open %(days)d days after delivery.") % {
            "days": windows.REVIEW_OPENS_AFTER_DAYS
        }
    elif review is not None and review.state(now) == "closed":
        reasons["review_request"] = _("Window closed: review requests end %(days)d days after delivery.") % {
            "days": windows.REVIEW_CLOSES_AFTER_DAYS
        }
    if order.proactive_window().state(now) == "closed":
        closed = _("Window closed: messages you start end %(days)d days after delivery.") % {
            "days": windows.PROACTIVE_CLOSES_AFTER_DAYS
        }
        for message_type in guidelines.MESSAGE_TYPES.values():
            if message_type.proactive:
                reasons.setdefault(message_type.key, closed)
    if offer is None:
        from .amazon.eligibility import Offer

        stored = order.current_amazon_offers(now)
        offer = Offer(allowed=frozenset(stored)) if stored is not None else None
    if offer is not None and offer.known:
        for message_type in guidelines.MESSAGE_TYPES.values():
            if message_type.operation:
                reasons.pop(message_type.key, None)
                if amazon_reason := offer.reason_unavailable(message_type.key):
                    reasons[message_type.key] = amazon_reason
    return {key: str(reason) for key, reason in reasons.items()}


def default_type(unavailable: dict[str, str], preferred: str = "") -> str:
    """Return ``preferred`` when the order allows it, else the first type it allows."""
    if preferred and preferred not in unavailable:
        return preferred
    return next(key for key in guidelines.MESSAGE_TYPES if key not in unavailable)
