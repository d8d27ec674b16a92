"""Ask Amazon which message types it allows for an order right now.

For an order of a connected account, Amazon's own answer (getMessagingActionsForOrder and
getSolicitationActionsForOrder) decides what may be sent; it beats our window rules in both
directions. The answer is stored on the order and asked again after a few minutes. Without a
connection, or when Amazon cannot be asked, our own rules decide, as for imported orders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

import guidelines

from ..models import Order
from .client import AmazonError, SellingPartner
from .models import AmazonAccount

# Asked again after this long; meanwhile the stored answer is used.
ASK_AGAIN_AFTER = timedelta(minutes=5)
# The live check keeps treating an answer as Amazon's for this long (a send asks again anyway).
TRUST_ANSWER_FOR = timedelta(hours=1)
# The Solicitations API's one action: Amazon's review and seller-feedback request.
SOLICITATION_ACTION = "productReviewAndSellerFeedback"


@dataclass(frozen=True)
class Offer:
    """What Amazon allows for an order: message type keys, or why we could not ask."""

    allowed: frozenset[str] | None
    error: str = ""

    @property
    def known(self) -> bool:
        return self.allowed is not None

    def reason_unavailable(self, message_type: str) -> str:
        """Return why a type may not be picked, or "" when it may (or Amazon has no say on it)."""
        kind = guidelines.get_message_type(message_type)
        if not self.known or not kind.operation or message_type in (self.allowed or ()):
            return ""
        return _("Amazon does not offer this message type for this order right now.")


def account_for(order: Order) -> AmazonAccount | None:
    return AmazonAccount.objects.filter(team_id=order.team_id).first()


def offer_for(order: Order, *, account: AmazonAccount | None = None, refresh: bool = False) -> Offer:
    """Return Amazon's offer for the order, asking Amazon when the stored answer is old."""
    account = account or account_for(order)
    if account is None:
        return Offer(allowed=None)
    now = timezone.now()
    fresh = order.amazon_offers_checked and order.amazon_offers_checked > now - ASK_AGAIN_AFTER
    if order.amazon_offers is not None and fresh and not refresh:
        return Offer(allowed=frozenset(order.amazon_offers))
    try:
        allowed, locale = ask_amazon(order, account)
    except AmazonError as exc:
        return Offer(allowed=None, error=str(exc))
    order.amazon_offers, order.amazon_offers_checked = sorted(allowed), now
    fields = ["amazon_offers", "amazon_offers_checked", "updated"]
    if (
        locale
        and guidelines.locales.is_supported(locale)
        and order.buyer_locale_source != Order.LocaleSource.SELLER
    ):
        # The buyer's own language preference, as Amazon knows it (GetAttributes); a language
        # the seller chose on the order page stays theirs.
        order.buyer_locale = guidelines.normalize_locale(locale)
        order.buyer_locale_source = Order.LocaleSource.AMAZON
        fields += ["buyer_locale", "buyer_locale_source"]
    order.save(update_fields=fields)
    return Offer(allowed=frozenset(allowed))


def ask_amazon(order: Order, account: AmazonAccount) -> tuple[set[str], str]:
    """Return the message type keys Amazon offers for the order and the buyer's locale."""
    partner = SellingPartner.for_account(account)
    where = {"amazon_order_id": order.amazon_order_id, "marketplace_ids": [order.marketplace_id]}
    messaging = partner.call("getMessagingActionsForOrder", **where).data
    solicitations = partner.call("getSolicitationActionsForOrder", **where).data
    attributes = partner.call("GetAttributes", **where).data
    actions = {a.get("name") for a in messaging.get("_links", {}).get("actions", [])}
    solicited = {a.get("name") for a in solicitations.get("_links", {}).get("actions", [])}
    allowed = {
        kind.key
        for kind in guidelines.MESSAGE_TYPES.values()
        if (kind.solicitation and SOLICITATION_ACTION in solicited)
        or (kind.action and kind.action in actions)
    }
    return allowed, (attributes.get("buyer") or {}).get("locale", "")
