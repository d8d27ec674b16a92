"""Bring a connected account's orders in through the Orders API (2026-01-01).

Each sync asks for the orders created or updated since the last one (``lastUpdatedAfter``; a
new order counts as updated), page by page, and stores each page in one transaction with the
same INSERT … ON CONFLICT as the report import, together with the sync's position (the account's
``sync_cursor``): a sync cut short, or put off for the account's rate limit, goes on after the
last stored page. Every order passes the bounds a form or a report row passes
(``composer/bounds.py``); one Amazon sends out of them is a row error on the account page, never
a failed sync. Then the buyers' languages are asked (``ask_buyer_languages``). The report import
stays for sellers without the API.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

import guidelines

from .. import bounds, import_jobs
from ..models import Order
from .client import Refused, SellingPartner
from .models import AmazonAccount
from .ratelimit import Deferred

logger = logging.getLogger(__name__)

# A first sync looks this far back: proactive messages are allowed until 30 days after delivery.
FIRST_SYNC_LOOKBACK = timedelta(days=60)
# The Orders API wants the end of the span at least two minutes in the past.
API_DELAY = timedelta(minutes=2)
PAGE_SIZE = 100
STATUSES = {
    "PENDING_AVAILABILITY": Order.Status.PENDING,
    "PENDING": Order.Status.PENDING,
    "UNSHIPPED": Order.Status.UNSHIPPED,
    "PARTIALLY_SHIPPED": Order.Status.PARTIALLY_SHIPPED,
    "SHIPPED": Order.Status.SHIPPED,
    "CANCELLED": Order.Status.CANCELED,
    "UNFULFILLABLE": Order.Status.UNFULFILLABLE,
}
CHANNELS = {"AMAZON": "AFN", "MERCHANT": "MFN"}
MARKETPLACE_CODES = {m.marketplace_id: m.code for m in guidelines.MARKETPLACES.values()}
# What a sync writes on an order it already has: never the delivery date or the buyer language
# a seller set (neither Orders model has a delivery timestamp), never the buyer's name.
SYNCED_FIELDS = (
    "marketplace",
    "purchase_date",
    "status",
    "fulfillment_channel",
    "product_name",
    "sku",
    "asin",
    "quantity",
    "earliest_delivery_date",
    "latest_delivery_date",
    "items",
)


# The account page lists at most this many refused and cleaned orders of the last sync.
REPORTED_ROWS = 100


@dataclass
class SyncResult:
    orders: int = 0
    pages: int = 0
    skipped: int = 0
    # {"order_id", "reason"} of each order Amazon sent that could not be stored.
    errors: list[dict[str, str]] = field(default_factory=list)
    error_count: int = 0
    # Order IDs stored after control characters were removed from their names.
    cleaned: list[str] = field(default_factory=list)
    cleaned_count: int = 0

    def refuse(self, order_id: str, reason: str) -> None:
        logger.warning("synced order %s refused: %s", order_id, reason)
        self.error_count += 1
        if len(self.errors) < REPORTED_ROWS:
            self.errors.append({"order_id": order_id, "reason": reason})

    def clean(self, order_id: str) -> None:
        self.cleaned_count += 1
        if len(self.cleaned) < REPORTED_ROWS:
            self.cleaned.append(order_id)

    def as_json(self) -> dict[str, Any]:
        return {
            "orders": self.orders,
            "pages": self.pages,
            "skipped": self.skipped,
            "errors": self.errors,
            "error_count": self.error_count,
            "cleaned": self.cleaned,
            "cleaned_count": self.cleaned_count,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SyncResult:
        names = ("orders", "pages", "skipped", "errors", "error_count", "cleaned", "cleaned_count")
        return cls(**{name: data[name] for name in names if name in data})


class OrderUnreadable(ValueError):
    """An order from Amazon that cannot be stored; the message says why, for the seller."""


def _iso(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


def _time(value: Any, name: str, *, required: bool = False) -> datetime | None:
    """Return an Orders API timestamp inside the accepted dates, or raise OrderUnreadable."""
    if value in (None, "") and not required:
        return None
    try:
        parsed = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise OrderUnreadable(
            _("%(field)s: %(value)s is not a date with its offset.")
            % {"field": name, "value": str(value)[:40]}
        )
    if reason := bounds.date_out_of_range(parsed):
        raise OrderUnreadable(f"{name}: {reason}")
    return parsed


def _text(value: Any, name: str, limit: int) -> tuple[str, bool]:
    """Return a name from Amazon without control characters; True when some were removed."""
    if value is None:
        return "", False
    if not isinstance(value, str):
        raise OrderUnreadable(_("%(field)s is not text.") % {"field": name})
    clean = bounds.LONE_SURROGATES.sub("", bounds.strip_control_characters(value))
    return clean[:limit], clean != value


def _quantity(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= bounds.MAX_QUANTITY:
        raise OrderUnreadable(
            _("quantityOrdered: %(value)s is not a quantity between 0 and %(max)d.")
            % {"value": str(value)[:40], "max": bounds.MAX_QUANTITY}
        )
    return value


def _dict(value: Any, name: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise OrderUnreadable(_("%(field)s is not an object.") % {"field": name})
    return value


def order_fields(order: dict[str, Any]) -> tuple[dict[str, Any] | None, bool]:
    """Return an Orders API order as our order's fields (None for a marketplace we do not serve)
    and whether control characters were removed; raise OrderUnreadable when it cannot be stored."""
    channel = _dict(order.get("salesChannel"), "salesChannel")
    code = MARKETPLACE_CODES.get(
        channel.get("marketplaceId") if isinstance(channel.get("marketplaceId"), str) else ""
    )
    if code is None:
        return None, False
    fulfillment = _dict(order.get("fulfillment"), "fulfillment")
    window = _dict(fulfillment.get("deliverByWindow"), "deliverByWindow")
    listed = order.get("orderItems")
    if not isinstance(listed, list):
        raise OrderUnreadable(_("orderItems is not a list."))
    cleaned = False
    items = []
    for item in listed:
        item = _dict(item, "orderItems")
        product = _dict(item.get("product"), "product")
        asin, dirty_asin = _text(product.get("asin"), "asin", 20)
        sku, dirty_sku = _text(product.get("sellerSku"), "sellerSku", 100)
        title, dirty_title = _text(product.get("title"), "title", 500)
        cleaned = cleaned or dirty_asin or dirty_sku or dirty_title
        items.append(
            {"asin": asin, "sku": sku, "title": title, "quantity": _quantity(item.get("quantityOrdered", 0))}
        )
    total = sum(i["quantity"] for i in items)
    if total > bounds.MAX_QUANTITY:
        raise OrderUnreadable(_("quantity: the order's items add up to too many."))
    first = items[0] if items else {"asin": "", "sku": "", "title": ""}
    status = fulfillment.get("fulfillmentStatus")
    fulfilled_by = fulfillment.get("fulfilledBy")
    return {
        "marketplace": code,
        "purchase_date": _time(order.get("createdTime"), "createdTime", required=True),
        "status": STATUSES.get(status if isinstance(status, str) else "", Order.Status.PENDING).value,
        "fulfillment_channel": CHANNELS.get(fulfilled_by if isinstance(fulfilled_by, str) else "", ""),
        "product_name": first["title"],
        "sku": first["sku"],
        "asin": first["asin"],
        "quantity": max(1, total),
        "earliest_delivery_date": _time(window.get("earliestDateTime"), "deliverByWindow.earliestDateTime"),
        "latest_delivery_date": _time(window.get("latestDateTime"), "deliverByWindow.latestDateTime"),
        "items": items,
    }, cleaned


def _order_id(order: Any) -> str:
    value = order.get("orderId") if isinstance(order, dict) else None
    return value if isinstance(value, str) else ""


def store_page(account: AmazonAccount, orders: Any, result: SyncResult) -> None:
    """Store one page of orders: each order is checked alone, and a refused one is a row error."""
    rows = []
    cleaned = []
    for order in orders if isinstance(orders, list) else []:
        order_id = _order_id(order)
        shown = bounds.strip_control_characters(order_id)[:40] or "?"
        if not guidelines.ORDER_ID.fullmatch(order_id):
            result.refuse(shown, _("%(value)s is not an Amazon order ID.") % {"value": shown})
            continue
        try:
            fields, dirty = order_fields(order)
        except OrderUnreadable as exc:
            result.refuse(order_id, str(exc))
            continue
        except (TypeError, ValueError, AttributeError, KeyError, OverflowError) as exc:
            result.refuse(
                order_id,
                _("Amazon's answer for this order could not be read (%(error)s).")
                % {"error": type(exc).__name__},
            )
            continue
        if fields is None:
            result.skipped += 1
            continue
        rows.append((order_id, fields))
        if dirty:
            cleaned.append(order_id)
    refused = dict(import_jobs.store_group(account.team_id, rows, SYNCED_FIELDS)) if rows else {}
    for order_id, reason in refused.items():
        result.refuse(order_id, reason)
    for order_id in cleaned:
        if order_id not in refused:
            result.clean(order_id)
    result.orders += len(rows) - len(refused)


def sync_account(
    account: AmazonAccount,
    *,
    now: datetime | None = None,
    max_wait: float | None = None,
    slot: float | None = None,
) -> SyncResult:
    """Store the orders created or updated since the account's last sync; return what came.

    With ``max_wait`` (a worker) a page that must wait longer for the account's rate limit raises
    Deferred, with the position stored: the task comes back and goes on from there.
    """
    now = now or timezone.now()
    cursor = account.sync_cursor or {}
    if cursor:
        since, until = parse_datetime(cursor["since"]), parse_datetime(cursor["until"])
        token, result = cursor.get("token"), SyncResult.from_json(cursor.get("result", {}))
    else:
        since = account.synced_until or now - FIRST_SYNC_LOOKBACK
        until = now - API_DELAY
        token, result = None, SyncResult()
    partner = SellingPartner.for_account(account)
    started_over = False
    while True:
        query = {
            "last_updated_after": _iso(since),
            "last_updated_before": _iso(until),
            "marketplace_ids": account.marketplace_ids,
            "included_data": ["FULFILLMENT", "PACKAGES"],
            "max_results_per_page": PAGE_SIZE,
        }
        if token:
            query["pagination_token"] = token
        try:
            answer = partner.call("searchOrders", max_wait=max_wait, slot=slot, **query).data
        except Deferred:
            _keep_position(account, since, until, token, result)
            raise
        except Refused:
            if not token or started_over:
                raise
            # A position kept across a pause may name a page Amazon no longer knows: ask again
            # from the start of the span (storing an order twice changes nothing).
            token, started_over = None, True
            continue
        slot = None
        with transaction.atomic():
            store_page(account, answer.get("orders", []), result)
            result.pages += 1
            pagination = answer.get("pagination")
            token = pagination.get("nextToken") if isinstance(pagination, dict) else None
            if token:
                _keep_position(account, since, until, token, result)
        if not token:
            break
    account.synced_until, account.last_sync_error = until, ""
    account.sync_cursor, account.last_sync_report = None, result.as_json()
    account.save(update_fields=["synced_until", "last_sync_error", "sync_cursor", "last_sync_report"])
    return result


def _keep_position(
    account: AmazonAccount, since: datetime, until: datetime, token: str | None, result: SyncResult
) -> None:
    account.sync_cursor = {
        "since": _iso(since),
        "until": _iso(until),
        "token": token,
        "result": result.as_json(),
    }
    account.save(update_fields=["sync_cursor"])
