"""R2, R12, R23: no marketing, and no attachments beyond instructions, warranty and invoices."""

from __future__ import annotations

from collections.abc import Iterator

from ..message import Message
from ..registry import Docs, Example, Hit, rule
from ._phrases import looks_like_product_name

_ORDER = "114-4909505-8661897"


@rule(
    id="P501",
    name="promotion",
    category="promotion",
    severity="error",
    source="R2, R12",
    message="This is marketing: Amazon forbids promotions, coupons and invitations to buy more.",
    suggestion="Remove the promotion; write only what the buyer needs for this order.",
    docs=Docs(
        what="Finds coupon and discount codes, discounts on a next purchase, invitations to "
        "browse other products or the store, newsletters and social-media calls, in the "
        "buyer's language. A product that merely has such a word in its name is not marketing.",
        why="Buyer–seller messages may only serve the order; marketing gets messages blocked "
        "and proactive messaging restricted.",
        example="Use code SAVE10 for 10% off your next order!",
        instead="(Leave promotions to Amazon's own tools such as coupons on the listing.)",
    ),
    flags=[
        "Use code SAVE10 for 10% off your next order!",
        "I've attached our catalogue so you can browse our full range of cookware.",
        "Want to see the rest of our range?",
        "Follow us on Instagram for news.",
        Example("Entdecken Sie unsere anderen Produkte!", {"buyer_locale": "de-DE"}),
    ],
    passes=[
        f"Your Coupon Organizer Wallet (order {_ORDER}) will ship two days late.",
        "Please review the Coupon Code Holder we sent; which colour do you prefer?",
        "We hope you enjoy this kettle.",
        "We suggest you try restarting the device.",
    ],
)
def promotion(message: Message) -> Iterator[Hit]:
    for span in message.spans("promotion"):
        if not looks_like_product_name(message, span):
            yield Hit(*span)


@rule(
    id="P502",
    name="promotional-attachment",
    category="attachment",
    severity="error",
    source="R23",
    message="Attachments may only be product instructions, warranty information or invoices.",
    suggestion="Remove the catalogue, coupon or flyer; attach only what the order needs.",
    docs=Docs(
        what="Finds mentions of attached catalogues, brochures, flyers, coupons or vouchers. "
        "Invoices, return labels, instructions and warranty documents are fine.",
        why="Amazon allows attachments only when needed to complete the order; a catalogue is marketing.",
        example="I've also attached our 2025 catalogue (PDF).",
        instead="I've attached the assembly instructions (PDF).",
    ),
    flags=[
        "I've also attached our 2025 catalogue (PDF).",
        "Enclosed you will find a coupon for your next visit.",
    ],
    passes=[
        "I've attached your invoice (PDF).",
        "Please find the return label attached.",
        "The assembly instructions are attached.",
    ],
)
def promotional_attachment(message: Message) -> Iterator[Hit]:
    for span in message.spans("attachment_promo"):
        yield Hit(*span)
