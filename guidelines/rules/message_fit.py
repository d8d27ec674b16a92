"""R4, R5: the content must fit the permitted reason (message type) the seller chose."""

from __future__ import annotations

from collections.abc import Iterator

from ..message import Message
from ..registry import Docs, Example, Hit, rule

_ORDER = "114-4909505-8661897"
_SHIPPED = frozenset({"shipped", "delivered", "partiallyshipped"})


@rule(
    id="M101",
    name="review-request-in-other-type",
    category="message_type",
    severity="warning",
    source="permitted-reasons",
    message="This asks for a review, but the message type is not a review request.",
    suggestion="Send review requests as their own message type, once per order.",
    docs=Docs(
        what="Finds review or feedback requests in messages of another type (delivery, order "
        "question, unexpected problem …).",
        why="Content must match the contact reason chosen; a review request hidden in a "
        "problem message also counts as the order's one review request.",
        example="(an unexpected-problem message that ends with “please leave a review”)",
        instead="Keep the problem message about the problem.",
    ),
    flags=[
        Example(f"Order {_ORDER} is late. Please leave us a review!", {"message_type": "unexpected_problem"})
    ],
    passes=[
        Example(
            f"Order {_ORDER}: we would appreciate your honest review.", {"message_type": "review_request"}
        ),
        Example(f"Order {_ORDER} is late by two days.", {"message_type": "unexpected_problem"}),
    ],
)
def review_request_in_other_type(message: Message) -> Iterator[Hit]:
    if message.message_type.key in ("review_request", "reply"):
        return
    asks = message.spans("review_ask")
    if asks:
        yield Hit(*asks[0])


@rule(
    id="M102",
    name="review-request-without-request",
    category="message_type",
    severity="warning",
    source="permitted-reasons",
    message="This message is a review request but does not ask for a review or feedback.",
    suggestion="Choose the message type that matches the content.",
    docs=Docs(
        what="Warns when a review-request message never mentions a review, rating or feedback.",
        why="Content must match the contact reason; a review request slot used for something "
        "else is a mismatch Amazon can block.",
        example="(a review request that only announces a new product)",
        instead="(Pick the message type that matches the content.)",
    ),
    flags=[Example(f"Order {_ORDER} ships Monday.", {"message_type": "review_request"})],
    passes=[
        Example(
            f"Order {_ORDER}: we would appreciate your honest review.", {"message_type": "review_request"}
        )
    ],
)
def review_request_without_request(message: Message) -> Iterator[Hit]:
    if message.message_type.key != "review_request" or not message.visible.strip():
        return
    if not any(message.phrases.get(k) for k in ("review_term", "review_term_weak", "review_ask")):
        yield Hit(0, 0)


@rule(
    id="M103",
    name="order-question-after-shipping",
    category="message_type",
    severity="warning",
    source="permitted-reasons",
    message="Order questions are offered only before the order ships.",
    suggestion="Use the message type that fits a shipped order (delivery, unexpected problem).",
    docs=Docs(
        what="Warns when an order question is written for an order whose status is Shipped.",
        why='Amazon\'s confirmOrderDetails is for questions "prior to shipping"; for a shipped '
        "order the API answers “Invalid amazonOrderId and template combination”.",
        example="(an order question for a shipped order)",
        instead="(A delivery or unexpected-problem message.)",
    ),
    flags=[Example(f"Order {_ORDER}: which colour?", {"context": {"order_status": "Shipped"}})],
    passes=[Example(f"Order {_ORDER}: which colour?", {"context": {"order_status": "Unshipped"}})],
)
def order_question_after_shipping(message: Message) -> Iterator[Hit]:
    status = (message.context.order_status or "").replace(" ", "").lower()
    if message.message_type.key == "order_question" and status in _SHIPPED:
        yield Hit(0, 0)
