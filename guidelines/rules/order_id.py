"""R7: every proactive message carries the 17-digit order ID of the order it is about."""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _
from ..message import ORDER_ID_IN_TEXT, Message
from ..placeholders import names_in
from ..registry import Docs, Example, Hit, rule

_ORDER = "114-4909505-8661897"
_OTHER = "113-0000000-0000001"


@rule(
    id="O101",
    name="missing-order-id",
    category="order_id",
    severity="error",
    source="order-id",
    message="The message does not contain the 17-digit Amazon order ID (123-1234567-1234567).",
    suggestion="Mention the order ID, for example: “your order {order_id}”.",
    docs=Docs(
        what="Checks that the subject or the body contains an Amazon order ID in 3-7-7 format.",
        why="Amazon's guidelines require every proactive message to include the 17-digit "
        "order ID; messages without it are blocked.",
        example="Your parcel will arrive two days late.",
        instead="Your parcel for order 114-4909505-8661897 will arrive two days late.",
    ),
    flags=["Your parcel will arrive two days late.", "Your order 114-4909505-866189 is late."],
    passes=[
        f"Your parcel for order {_ORDER} will arrive two days late.",
        Example("Your parcel will arrive late.", {"context": {"subject": f"Order {_ORDER}"}}),
        Example("Your parcel for order {{order_id}} is late.", {"context": {"template": True}}),
    ],
)
def missing_order_id(message: Message) -> Iterator[Hit]:
    if message.order_ids or ORDER_ID_IN_TEXT.search(message.context.subject or ""):
        return
    if message.context.template and "order_id" in names_in(message.text):
        return
    if message.order_id:
        # A reference line at the top is always correct; the seller may move it afterwards.
        yield Hit(
            0,
            0,
            fix=f"Order {message.order_id}\n",
            suggestion=_("Insert “Order {order_id}”.", order_id=message.order_id),
        )
    else:
        yield Hit(0, 0)


@rule(
    id="O102",
    name="wrong-order-id",
    category="order_id",
    severity="error",
    source="order-id",
    message="This order ID is not the ID of the order you are writing about.",
    docs=Docs(
        what="Compares every order ID in the text with the selected order's ID when none matches.",
        why="A message about another order confuses the buyer and is a message without the "
        "order ID Amazon requires.",
        example=f"Your order {_OTHER} is late. (selected order: {_ORDER})",
        instead=f"Your order {_ORDER} is late.",
    ),
    flags=[Example(f"Your order {_OTHER} is late.", {"order_id": _ORDER})],
    passes=[
        Example(f"Your order {_ORDER} is late.", {"order_id": _ORDER}),
        Example(f"Your order {_OTHER} is late."),
    ],
)
def wrong_order_id(message: Message) -> Iterator[Hit]:
    expected = message.order_id
    if not expected or not message.order_ids:
        return
    subject_ids = ORDER_ID_IN_TEXT.findall(message.context.subject or "")
    if any(m.group(0) == expected for m in message.order_ids) or expected in subject_ids:
        return
    for match in message.order_ids:
        yield Hit(
            *match.span(),
            suggestion=_("Use the selected order's ID {order_id}.", order_id=expected),
            fix=expected,
        )


@rule(
    id="O103",
    name="other-order-id",
    category="order_id",
    severity="warning",
    source="order-id",
    message="The message also mentions another order ID; make sure it belongs in this message.",
    docs=Docs(
        what="Warns when the text names the selected order and also another order ID.",
        why="Each message should be about one order; a second ID is often a copy-paste slip.",
        example=f"Your order {_ORDER} and order {_OTHER} ship today.",
        instead=f"Your order {_ORDER} ships today.",
    ),
    flags=[Example(f"Your order {_ORDER} and order {_OTHER} ship.", {"order_id": _ORDER})],
    passes=[Example(f"Your order {_ORDER} ships on {_ORDER[:3]}.", {"order_id": _ORDER})],
)
def other_order_id(message: Message) -> Iterator[Hit]:
    expected = message.order_id
    if not expected or not any(m.group(0) == expected for m in message.order_ids):
        return
    for match in message.order_ids:
        if match.group(0) != expected:
            yield Hit(*match.span())
