"""The Messaging API's text limits: 800 / 400 / 2,000 characters, and never empty."""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _
from ..message import Message
from ..registry import Docs, Example, Hit, rule


@rule(
    id="A701",
    name="text-too-long",
    category="length",
    severity="error",
    source="text-length",
    message="The message is longer than the limit for this message type.",
    suggestion="Shorten the message.",
    docs=Docs(
        what="Compares the length of the text with the Messaging API limit of the message type: "
        "800 characters for custom design, 400 for a digital access key, 2,000 otherwise.",
        why="Amazon's API refuses a longer text, and Seller Central cuts it off.",
        example="A 900-character custom design confirmation.",
        instead="Keep custom design confirmations under 800 characters.",
    ),
    flags=[Example("x " * 401, {"message_type": "digital_access_key"})],
    passes=[Example("x " * 199, {"message_type": "digital_access_key"})],
)
def text_too_long(message: Message) -> Iterator[Hit]:
    limit = message.message_type.text_limit
    if limit is not None and len(message.text) > limit:
        yield Hit(
            limit,
            len(message.text),
            message=_(
                "The message has {count} characters; the limit for a “{message_type}” message is {limit}.",
                count=f"{len(message.text):,}",
                message_type=message.message_type.label,
                limit=f"{limit:,}",
            ),
        )


@rule(
    id="A702",
    name="empty-message",
    category="length",
    severity="error",
    source="text-length",
    message="The message is empty.",
    suggestion="Write the message to the buyer.",
    docs=Docs(
        what="Flags a message with no visible text.",
        why="Amazon's API requires at least one character of text.",
        example="(an empty message)",
        instead="A message that states its purpose and the order ID.",
    ),
    flags=["", "   \n  "],
    passes=["Your order 114-4909505-8661897 ships today."],
)
def empty_message(message: Message) -> Iterator[Hit]:
    if not message.visible.strip():
        yield Hit(0, len(message.text))
