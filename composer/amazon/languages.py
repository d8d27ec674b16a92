"""Ask Amazon for the buyer's language of synced orders (``GetAttributes``, Messaging API).

A sync stores the marketplace's default language for a new order; this asks Amazon for the
buyer's own preference afterwards, only for orders nobody has asked about yet (not the seller,
not Amazon before), newest first, at most ASKS_PER_RUN per sync, and only for orders still young
enough to be written to. Each ask takes the account's ``GetAttributes`` slot (1 per second,
burst 5) one at a time, so a seller who opens an order meanwhile waits for at most one slot.
The rest wait for the next sync; picking or sending an order asks Amazon about it at once anyway.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.utils import timezone

import guidelines

from ..models import Order
from .client import Refused, SellingPartner
from .models import AmazonAccount
from .ratelimit import Deferred

logger = logging.getLogger(__name__)

# At 1 request per second, 60 asks per 15-minute sync keep a quarter of an hour's plan busy
# for about a minute: 5,760 orders a day, more than a busy seller account receives.
ASKS_PER_RUN = 60
# Older orders are past every proactive window; a reply to such a buyer asks when it is picked.
ASK_FOR_ORDERS_FROM_LAST = timedelta(days=60)


def orders_to_ask(account: AmazonAccount, now: datetime | None = None):
    """Return the account's orders whose buyer language nobody asked for yet, newest first."""
    since = (now or timezone.now()) - ASK_FOR_ORDERS_FROM_LAST
    return Order.objects.filter(
        team_id=account.team_id, buyer_locale_source=Order.LocaleSource.MARKETPLACE, purchase_date__gte=since
    ).order_by("-purchase_date")


def store_answer(order: Order, locale: str) -> None:
    """Store Amazon's answer unless the seller chose a language meanwhile."""
    if locale and guidelines.locales.is_supported(locale):
        values = {
            "buyer_locale": guidelines.normalize_locale(locale),
            "buyer_locale_source": Order.LocaleSource.AMAZON,
        }
    else:
        # Amazon knows none we serve: the marketplace's language stays, and is not asked again.
        values = {"buyer_locale_source": Order.LocaleSource.ASKED}
    Order.objects.filter(pk=order.pk).exclude(buyer_locale_source=Order.LocaleSource.SELLER).update(
        **values, updated=timezone.now()
    )


def ask_buyer_languages(
    account: AmazonAccount,
    *,
    budget: int = ASKS_PER_RUN,
    max_wait: float | None = None,
    slot: float | None = None,
) -> int:
    """Ask Amazon for up to ``budget`` buyers' languages; return how many were asked.

    With ``max_wait`` (a worker), a slot further away raises ratelimit.Deferred; what was asked
    before it is stored, and the caller comes back for the rest of the budget.
    """
    partner = SellingPartner.for_account(account)
    asked = 0
    for order in orders_to_ask(account)[:budget]:
        where = {"amazon_order_id": order.amazon_order_id, "marketplace_ids": [order.marketplace_id]}
        try:
            answer = partner.call("GetAttributes", max_wait=max_wait, slot=slot, **where).data
        except Deferred as deferred:
            deferred.done = asked
            raise
        except Refused as exc:
            # Amazon has no attributes for this order (for example an order it no longer lets
            # anyone write to): keep the marketplace's language, and do not ask again.
            logger.info("no buyer language for order %s: %s", order.amazon_order_id, exc)
            answer = {}
        slot = None
        buyer = answer.get("buyer") if isinstance(answer.get("buyer"), dict) else {}
        locale = buyer.get("locale") if isinstance(buyer.get("locale"), str) else ""
        store_answer(order, locale)
        asked += 1
    return asked
