"""The closed list of message types a seller may send, and what Amazon's APIs take for each."""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import _


@dataclass(frozen=True)
class MessageType:
    """One permitted reason to message a buyer (reference §1.1, §2.5)."""

    key: str
    label: str
    # Messaging API operationId and the last path segment, or None when there is none.
    operation: str | None
    action: str | None
    # Upper bound of the API's ``text`` field, or None when the operation takes no text.
    text_limit: int | None
    # Proactive messages obey the 30-day window; replies to the buyer's own question do not.
    proactive: bool = True
    # The API operation sends attachments only (the text goes in the Seller Central message).
    attachments_only: bool = False
    # Review requests go through the Solicitations API instead of the Messaging API.
    solicitation: bool = False

    @property
    def path_template(self) -> str | None:
        if self.solicitation:
            return "/solicitations/v1/orders/{amazonOrderId}/solicitations/productReviewAndSellerFeedback"
        if self.action is None:
            return None
        return "/messaging/v1/orders/{amazonOrderId}/messages/" + self.action


# Seller Central's own limit for free text where no API operation sets one.
DEFAULT_TEXT_LIMIT = 2000

MESSAGE_TYPES: dict[str, MessageType] = {
    t.key: t
    for t in (
        MessageType(
            "review_request",
            _("Review request"),
            "createProductReviewAndSellerFeedbackSolicitation",
            None,
            DEFAULT_TEXT_LIMIT,
            solicitation=True,
        ),
        MessageType(
            "delivery", _("Delivery"), "createConfirmDeliveryDetails", "confirmDeliveryDetails", 2000
        ),
        MessageType(
            "invoice", _("Invoice"), "sendInvoice", "invoice", DEFAULT_TEXT_LIMIT, attachments_only=True
        ),
        MessageType(
            "custom_design",
            _("Custom design"),
            "confirmCustomizationDetails",
            "confirmCustomizationDetails",
            800,
        ),
        MessageType(
            "unexpected_problem",
            _("Unexpected problem"),
            "createUnexpectedProblem",
            "unexpectedProblem",
            2000,
        ),
        MessageType(
            "order_question",
            _("Order question"),
            "createConfirmOrderDetails",
            "confirmOrderDetails",
            2000,
        ),
        MessageType("return_question", _("Return question"), None, None, DEFAULT_TEXT_LIMIT),
        MessageType(
            "service_appointment",
            _("Home-service appointment"),
            "createConfirmServiceDetails",
            "confirmServiceDetails",
            2000,
        ),
        MessageType(
            "digital_access_key",
            _("Digital access key"),
            "createDigitalAccessKey",
            "digitalAccessKey",
            400,
        ),
        MessageType("reply", _("Reply to the buyer"), None, None, DEFAULT_TEXT_LIMIT, proactive=False),
    )
}


def get_message_type(key: str) -> MessageType:
    """Return the message type for ``key`` or raise ``ValueError`` naming the valid keys."""
    try:
        return MESSAGE_TYPES[key]
    except KeyError:
        valid = ", ".join(MESSAGE_TYPES)
        raise ValueError(f"unknown message type {key!r}; use one of: {valid}") from None
