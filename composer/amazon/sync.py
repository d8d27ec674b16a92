"""Bring a connected account's orders in through the Orders API (2026-01-01).

Each sync asks for the orders created or updated since the last one (``lastUpdatedAfter``; a
new order counts as updated), page by page, and stores each page in one transaction with the
same INSERT … ON CONFLICT as the report import, so a sync cut short keeps what it stored and the
next one asks again from the same moment. The report import stays for sellers without the API.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

import guidelines

from .. import import_jobs
from ..models import Order
from .client import SellingPartner
from .models import AmazonAccount

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
# a seller set (the 2026-01-01 model has no delivery timestamp), never the buyer's name.
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


@dataclass
class SyncResult:
    orders: int = 0
    pages: int = 0
    skipped: int = 0


def _time(value: str | None) -> datetime | None:
    return parse_datetime(value) if value else None


def order_fields(order: dict[str, Any]) -> dict[str, Any] | None:
    """Return an Orders API order as our order's fields, or None for a marketplace we do not serve."""
    code = MARKETPLACE_CODES.get(order.get("salesChannel", {}).get("marketplaceId", ""))
    if code is None:
        return None
    fulfillment = order.get("fulfillment") or {}
    window = fulfillment.get("deliverByWindow") or {}
    items = [
        {
            "asin": (item.get("product") or {}).get("asin", ""),
            "sku": (item.get("product") or {}).get("sellerSku", ""),
            "title": (item.get("product") or {}).get("title", ""),
            "quantity": item.get("quantityOrdered", 0),
        }
        for item in order.get("orderItems", [])
    ]
    first = items[0] if items else {"asin": "", "sku": "", "title": ""}
    return {
        "marketplace": code,
        "purchase_date": _time(order["createdTime"]),
        "status": STATUSES.get(fulfillment.get("fulfillmentStatus", ""), Order.Status.PENDING).value,
        "fulfillment_channel": CHANNELS.get(fulfillment.get("fulfilledBy", ""), ""),
        "product_name": first["title"][:500],
        "sku": first["sku"][:100],
        "asin": first["asin"][:20],
        "quantity": max(1, sum(i["quantity"] or 0 for i in items)),
        "earliest_delivery_date": _time(window.get("earliestDateTime")),
        "latest_delivery_date": _time(window.get("latestDateTime")),
        "items": items,
    }


def sync_account(account: AmazonAccount, *, now: datetime | None = None) -> SyncResult:
    """Store the orders created or updated since the account's last sync; return what came."""
    now = now or timezone.now()
    since = account.synced_until or now - FIRST_SYNC_LOOKBACK
    until = now - API_DELAY
    partner = SellingPartner.for_account(account)
    result = SyncResult()
    token = None
    while True:
        query = {
            "last_updated_after": since.isoformat().replace("+00:00", "Z"),
            "last_updated_before": until.isoformat().replace("+00:00", "Z"),
            "marketplace_ids": account.marketplace_ids,
            "included_data": ["FULFILLMENT", "PACKAGES"],
            "max_results_per_page": PAGE_SIZE,
        }
        if token:
            query["pagination_token"] = token
        answer = partner.call("searchOrders", **query).data
        rows = []
        for order in answer.get("orders", []):
            fields = order_fields(order)
            if fields is None or not guidelines.ORDER_ID.fullmatch(order["orderId"]):
                result.skipped += 1
                continue
            rows.append((order["orderId"], fields))
        with transaction.atomic():
            if rows:
                import_jobs.upsert_orders(account.team_id, rows, update_fields=SYNCED_FIELDS)
        result.orders += len(rows)
        result.pages += 1
        token = (answer.get("pagination") or {}).get("nextToken")
        if not token:
            break
    account.synced_until, account.last_sync_error = until, ""
    account.save(update_fields=["synced_until", "last_sync_error"])
    return result
