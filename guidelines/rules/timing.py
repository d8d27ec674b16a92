"""R6, R42: proactive messages within 30 days of delivery; review requests 5–30 days after it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

from ..i18n import _
from ..message import Message
from ..registry import Docs, Example, Hit, rule
from ..windows import proactive_last_day, review_window_for

_ORDER = "114-4909505-8661897"
# Statuses in which the buyer does not have the item (Orders API OrderStatus values).
_NOT_DELIVERED = frozenset(
    {
        "pending",
        "unshipped",
        "partiallyshipped",
        "canceled",
        "cancelled",
        "unfulfillable",
        "invoiceunconfirmed",
        "pendingavailability",
    }
)


def today(message: Message) -> date:
    """Return the sending date: the context's ``now``, or today in UTC."""
    now = message.context.now or datetime.now(UTC)
    return now.date() if isinstance(now, datetime) else now


def offered_by_amazon(message: Message) -> bool:
    """Tell whether Amazon itself said this type may be sent for the order now (its answer wins)."""
    offers = message.context.amazon_offers
    return offers is not None and message.message_type.key in offers


def _status(message: Message) -> str:
    return (message.context.order_status or "").replace(" ", "").replace("_", "").lower()


@rule(
    id="T101",
    name="late-proactive-message",
    category="timing",
    severity="error",
    source="thirty-day-window",
    message="Proactive messages must be sent within 30 days of order completion.",
    suggestion="Do not send this message; the window for proactive messages has closed.",
    docs=Docs(
        what="Compares the sending date with the delivery date (or the purchase date when no "
        "delivery date is known) for proactive message types; replies are not limited.",
        why="Amazon allows proactive messages only within 30 days of order completion.",
        example="(an order question sent 45 days after delivery)",
        instead="(Send proactive messages within 30 days of delivery.)",
    ),
    flags=[
        Example(
            f"Order {_ORDER}: which colour?",
            {"context": {"now": "2026-03-01T10:00:00", "delivery_date": "2026-01-10"}},
        )
    ],
    passes=[
        Example(
            f"Order {_ORDER}: which colour?",
            {"context": {"now": "2026-01-20T10:00:00", "delivery_date": "2026-01-10"}},
        ),
        Example(
            f"Order {_ORDER}: here is the answer.",
            {
                "message_type": "reply",
                "context": {"now": "2026-03-01T10:00:00", "delivery_date": "2026-01-10"},
            },
        ),
        # Amazon's getMessagingActionsForOrder still offers the type: its answer wins.
        Example(
            f"Order {_ORDER}: which colour?",
            {
                "message_type": "order_question",
                "context": {
                    "now": "2026-03-01T10:00:00",
                    "delivery_date": "2026-01-10",
                    "amazon_offers": ["order_question"],
                },
            },
        ),
    ],
)
def late_proactive_message(message: Message) -> Iterator[Hit]:
    context = message.context
    if not message.message_type.proactive or offered_by_amazon(message):
        return
    if message.message_type.key == "review_request" and context.delivery_date:
        return  # the review window (T102) is the stricter check
    reference = context.delivery_date or context.purchase_date
    if reference is None:
        return
    last_day = proactive_last_day(reference)
    if today(message) > last_day:
        dates = {"date": reference.isoformat(), "last_day": last_day.isoformat()}
        if context.delivery_date:
            text = _(
                "Proactive messages must be sent within 30 days of delivery ({date}); the last day was {last_day}.",
                **dates,
            )
        else:
            text = _(
                "Proactive messages must be sent within 30 days of purchase ({date}); the last day was {last_day}.",
                **dates,
            )
        yield Hit(0, 0, message=text)


@rule(
    id="T102",
    name="review-request-window",
    category="timing",
    severity="error",
    source="review-window",
    message="Review requests may be sent only from 5 to 30 days after delivery.",
    suggestion="Send the review request inside the window, or not at all.",
    docs=Docs(
        what="For review requests, checks that the sending date lies between 5 and 30 days after "
        "delivery and names the exact dates allowed.",
        why="Amazon's Request a Review and the Solicitations API accept requests only in this "
        "window; free-form requests outside it are treated the same way.",
        example="(a review request two days after delivery)",
        instead="(Wait until the fifth day after delivery.)",
    ),
    flags=[
        Example(
            f"Order {_ORDER}: we would appreciate your honest review.",
            {
                "message_type": "review_request",
                "context": {"now": "2026-01-12T09:00:00", "delivery_date": "2026-01-10"},
            },
        ),
        Example(
            f"Order {_ORDER}: we would appreciate your honest review.",
            {
                "message_type": "review_request",
                "context": {"now": "2026-03-12T09:00:00", "delivery_date": "2026-01-10"},
            },
        ),
    ],
    passes=[
        Example(
            f"Order {_ORDER}: we would appreciate your honest review.",
            {
                "message_type": "review_request",
                "context": {"now": "2026-01-20T09:00:00", "delivery_date": "2026-01-10"},
            },
        ),
        # getSolicitationActionsForOrder offers the request although our count says too early.
        Example(
            f"Order {_ORDER}: we would appreciate your honest review.",
            {
                "message_type": "review_request",
                "context": {
                    "now": "2026-01-12T09:00:00",
                    "delivery_date": "2026-01-10",
                    "amazon_offers": ["review_request"],
                },
            },
        ),
    ],
)
def review_request_window(message: Message) -> Iterator[Hit]:
    delivery = message.context.delivery_date
    if message.message_type.key != "review_request" or delivery is None or offered_by_amazon(message):
        return
    first, last = review_window_for(delivery)
    day = today(message)
    if first <= day <= last:
        return
    dates = {"delivery": delivery.isoformat(), "first": first.isoformat(), "last": last.isoformat()}
    if day < first:
        text = _(
            "This review request is too early: for delivery on {delivery} Amazon allows review requests "
            "from {first} to {last}.",
            **dates,
        )
    else:
        text = _(
            "This review request is too late: for delivery on {delivery} Amazon allows review requests "
            "from {first} to {last}.",
            **dates,
        )
    yield Hit(0, 0, message=text)


@rule(
    id="T103",
    name="review-request-before-delivery",
    category="timing",
    severity="error",
    source="review-window",
    message="The order has not been delivered; a review request is not allowed yet.",
    suggestion="Wait until the order is delivered (and five more days).",
    docs=Docs(
        what="Flags review requests for orders whose status says the buyer has not received the "
        "item (Pending, Unshipped, Canceled …).",
        why="Amazon requires the order to be shipped and delivered before a review request.",
        example="(a review request for an unshipped order)",
        instead="(Send it 5–30 days after delivery.)",
    ),
    flags=[
        Example(
            f"Order {_ORDER}: we would appreciate your honest review.",
            {"message_type": "review_request", "context": {"order_status": "Unshipped"}},
        )
    ],
    passes=[
        Example(
            f"Order {_ORDER}: we would appreciate your honest review.",
            {"message_type": "review_request", "context": {"order_status": "Shipped"}},
        )
    ],
)
def review_request_before_delivery(message: Message) -> Iterator[Hit]:
    if offered_by_amazon(message):
        return
    if message.message_type.key == "review_request" and _status(message) in _NOT_DELIVERED:
        yield Hit(
            0,
            0,
            message=_(
                "The order status is {order_status}; a review request needs a delivered order.",
                order_status=message.context.order_status,
            ),
        )
