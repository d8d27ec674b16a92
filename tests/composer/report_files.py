"""Realistic Seller Central order reports, made in the tests (and by scripts/bench_import.py).

The column lists are Amazon's: the "All Orders" flat file (Flat File All Orders Report by Order
Date) and the "Amazon Fulfilled Shipments" report, both tab-separated with one row per item.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO

ALL_ORDERS_COLUMNS = [
    "amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date", "order-status",
    "fulfillment-channel", "sales-channel", "order-channel", "url", "ship-service-level", "product-name",
    "sku", "asin", "item-status", "quantity", "currency", "item-price", "item-tax", "shipping-price",
    "shipping-tax", "gift-wrap-price", "gift-wrap-tax", "item-promotion-discount",
    "ship-promotion-discount", "ship-city", "ship-state", "ship-postal-code", "ship-country",
    "promotion-ids", "is-business-order", "purchase-order-number", "price-designation",
]  # fmt: skip

FULFILLED_SHIPMENTS_COLUMNS = [
    "amazon-order-id", "merchant-order-id", "shipment-id", "shipment-item-id", "amazon-order-item-id",
    "merchant-order-item-id", "purchase-date", "payments-date", "shipment-date", "reporting-date",
    "buyer-email", "buyer-name", "buyer-phone-number", "sku", "product-name", "quantity-shipped",
    "currency", "item-price", "item-tax", "shipping-price", "shipping-tax", "gift-wrap-price",
    "gift-wrap-tax", "ship-service-level", "recipient-name", "ship-address-1", "ship-address-2",
    "ship-address-3", "ship-city", "ship-state", "ship-postal-code", "ship-country",
    "ship-phone-number", "bill-address-1", "bill-address-2", "bill-address-3", "bill-city",
    "bill-state", "bill-postal-code", "bill-country", "item-promotion-discount",
    "ship-promotion-discount", "carrier", "tracking-number", "estimated-arrival-date",
    "fulfillment-center-id", "fulfillment-channel", "sales-channel",
]  # fmt: skip


def order_id_for(n: int) -> str:
    """Return a distinct, well-formed Amazon order ID for every n below ten million."""
    return f"{111 + n % 800:03d}-{n:07d}-{(n * 7919 + 13) % 10_000_000:07d}"


def all_orders_row(
    order_id: str,
    *,
    purchase_date: str = "2026-11-02T09:15:27+00:00",
    status: str = "Shipped",
    channel: str = "Amazon",
    sales_channel: str = "Amazon.com",
    product: str = "Cast Iron Dutch Oven, 6 qt",
    sku: str = "DO-6QT-RED",
    asin: str = "B0C1234567",
    quantity: str = "1",
    country: str = "US",
    **overrides: str,
) -> dict[str, str]:
    row = dict.fromkeys(ALL_ORDERS_COLUMNS, "")
    row.update(
        {
            "amazon-order-id": order_id,
            "purchase-date": purchase_date,
            "last-updated-date": purchase_date,
            "order-status": status,
            "fulfillment-channel": channel,
            "sales-channel": sales_channel,
            "order-channel": "",
            "ship-service-level": "Standard",
            "product-name": product,
            "sku": sku,
            "asin": asin,
            "item-status": status,
            "quantity": quantity,
            "currency": "USD",
            "item-price": "59.99",
            "item-tax": "4.80",
            "shipping-price": "0.00",
            "ship-city": "SEATTLE",
            "ship-state": "WA",
            "ship-postal-code": "98109-5210",
            "ship-country": country,
            "is-business-order": "false",
            "price-designation": "",
        }
    )
    row.update(overrides)
    return row


def fulfilled_row(
    order_id: str,
    *,
    purchase_date: str = "2026-11-02T09:15:27+00:00",
    shipment_date: str = "2026-11-03T14:02:11+00:00",
    arrival_date: str = "2026-11-06T20:00:00+00:00",
    sales_channel: str = "Amazon.com",
    product: str = "Cast Iron Dutch Oven, 6 qt",
    sku: str = "DO-6QT-RED",
    quantity: str = "1",
    country: str = "US",
    **overrides: str,
) -> dict[str, str]:
    row = dict.fromkeys(FULFILLED_SHIPMENTS_COLUMNS, "")
    row.update(
        {
            "amazon-order-id": order_id,
            "shipment-id": "DdNkR7Gq1",
            "shipment-item-id": "DwX8d1Zs2",
            "amazon-order-item-id": "12345678901234",
            "purchase-date": purchase_date,
            "payments-date": purchase_date,
            "shipment-date": shipment_date,
            "reporting-date": shipment_date,
            "sku": sku,
            "product-name": product,
            "quantity-shipped": quantity,
            "currency": "USD",
            "item-price": "59.99",
            "ship-service-level": "Expedited",
            "ship-city": "SEATTLE",
            "ship-postal-code": "98109",
            "ship-country": country,
            "carrier": "AMZN_US",
            "tracking-number": "TBA301234567890",
            "estimated-arrival-date": arrival_date,
            "fulfillment-center-id": "SEA8",
            "fulfillment-channel": "AFN",
            "sales-channel": sales_channel,
        }
    )
    row.update(overrides)
    return row


def report_lines(columns: list[str], rows: Iterable[dict[str, str]]) -> Iterator[str]:
    """Yield the report's lines as Seller Central writes them: tab-separated, CRLF-free."""
    yield "\t".join(columns) + "\n"
    for row in rows:
        yield "\t".join(row[c] for c in columns) + "\n"


def report_bytes(
    columns: list[str], rows: Iterable[dict[str, str]], *, encoding: str = "utf-8", bom: bool = False
) -> bytes:
    data = "".join(report_lines(columns, rows)).encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def all_orders(rows: Iterable[dict[str, str]], **kwargs) -> bytes:
    return report_bytes(ALL_ORDERS_COLUMNS, rows, **kwargs)


def fulfilled_shipments(rows: Iterable[dict[str, str]], **kwargs) -> bytes:
    return report_bytes(FULFILLED_SHIPMENTS_COLUMNS, rows, **kwargs)


_MARKETS = [("Amazon.com", "US"), ("Amazon.de", "DE"), ("Amazon.co.uk", "GB"), ("Amazon.fr", "FR")]
_PRODUCTS = [
    "Cast Iron Dutch Oven, 6 qt",
    "Kaffeemühle aus Edelstahl",
    "Coussin personnalisé",
    "Hiking Backpack",
]


def write_large_all_orders(stream: BinaryIO, rows: int) -> None:
    """Write an All Orders report of ``rows`` single-item orders to a binary stream, streaming."""
    for line in report_lines(ALL_ORDERS_COLUMNS, _large_rows(rows)):
        stream.write(line.encode("utf-8"))


def _large_rows(count: int) -> Iterator[dict[str, str]]:
    for n in range(count):
        channel, country = _MARKETS[n % len(_MARKETS)]
        day = 1 + n % 28
        yield all_orders_row(
            order_id_for(n),
            purchase_date=f"2026-10-{day:02d}T{n % 24:02d}:{n % 60:02d}:00-07:00",
            status="Shipped" if n % 5 else "Pending",
            channel="Amazon" if n % 2 else "Merchant",
            sales_channel=channel,
            product=_PRODUCTS[n % len(_PRODUCTS)],
            sku=f"SKU-{n:06d}",
            asin=f"B0{n:08d}",
            quantity=str(1 + n % 3),
            country=country,
        )
