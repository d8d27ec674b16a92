"""Read Amazon's order reports as streams: the "All Orders" and "Amazon Fulfilled Shipments" files.

Both are tab-separated flat files with a header row of Amazon's column names. They arrive in
UTF-8 (with or without a BOM), Windows-1252 or Shift_JIS depending on the marketplace and on
whether the seller opened them in a spreadsheet. Nothing here touches the database: the
functions turn bytes into rows and rows into order fields, one row at a time, so a file of any
length is read in bounded memory. ``composer.import_jobs`` stores what they produce.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import BinaryIO

from django.utils.translation import gettext as _

import guidelines
from guidelines.locales import marketplace_for_domain
from guidelines.scripts import has_kana

from . import bounds

CHUNK_SIZE = 256 * 1024

# Python codec → the name sellers know from their spreadsheet's "Save as" dialog.
ENCODINGS = {
    "utf-8-sig": "UTF-8 with BOM",
    "utf-8": "UTF-8",
    "cp1252": "Windows-1252",
    # Amazon.co.jp writes Windows-31J, Microsoft's Shift_JIS; cp932 reads both.
    "cp932": "Shift_JIS",
}
ALL_ORDERS = "all_orders"
FULFILLED_SHIPMENTS = "fulfilled_shipments"

_UTF8_BOM = codecs.BOM_UTF8

ALL_ORDERS_COLUMNS = ("amazon-order-id", "purchase-date", "order-status", "sales-channel", "product-name")
FULFILLED_SHIPMENTS_COLUMNS = (
    "amazon-order-id",
    "purchase-date",
    "shipment-date",
    "estimated-arrival-date",
    "sales-channel",
    "product-name",
)

# The order-status values of the All Orders report, mapped to the Orders API's statuses.
_STATUSES = {
    "pending": "Pending",
    "pending - waiting for pick up": "Pending",
    "pendingavailability": "Pending",
    "unshipped": "Unshipped",
    # "Shipping": Amazon is still picking the items; nothing has left the warehouse.
    "shipping": "Unshipped",
    "partiallyshipped": "PartiallyShipped",
    "partially shipped": "PartiallyShipped",
    "shipped": "Shipped",
    "cancelled": "Canceled",
    "canceled": "Canceled",
    "unfulfillable": "Unfulfillable",
}
_CHANNELS = {"amazon": "AFN", "afn": "AFN", "merchant": "MFN", "mfn": "MFN", "seller": "MFN"}


class ReportError(Exception):
    """The file as a whole cannot be imported; the message tells the seller why."""


@dataclass(frozen=True)
class FileInfo:
    encoding: str
    lines: int

    @property
    def encoding_name(self) -> str:
        return ENCODINGS.get(self.encoding, self.encoding)


@dataclass
class ParsedRow:
    """One report row turned into order fields, or the reason it could not be."""

    line: int
    order_id: str = ""
    fields: dict = field(default_factory=dict)
    error: str = ""
    # Control characters were removed from the row's values (listed on the import page).
    cleaned: bool = False


def detect_encoding(stream: BinaryIO, *, requested: str = "") -> FileInfo:
    """Return the file's encoding and line count, reading it once from the start.

    A BOM means UTF-8; a file that decodes as UTF-8 is UTF-8. Otherwise Shift_JIS wins when the
    Shift_JIS reading contains kana or the file names Amazon.co.jp, since Windows-1252 text
    almost never decodes to kana. The whole file is decoded, so a broken byte in the last row
    is found before any order is stored.
    """
    stream.seek(0)
    has_bom = stream.read(3) == _UTF8_BOM
    stream.seek(0)
    if requested:
        candidates = [requested]
    elif has_bom:
        candidates = ["utf-8-sig"]
    else:
        candidates = ["utf-8", "cp932", "cp1252"]
    decoders = {name: codecs.getincrementaldecoder(name)() for name in candidates}
    failures: dict[str, UnicodeDecodeError] = {}
    saw_kana = names_japan = False
    lines = 0
    last = b""
    offset = 0
    for chunk in iter(lambda: stream.read(CHUNK_SIZE), b""):
        lines += chunk.count(b"\n")
        last = chunk[-1:]
        names_japan = names_japan or b"amazon.co.jp" in chunk.lower()
        for name, decoder in list(decoders.items()):
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                failures[name] = _at_offset(exc, offset)
                del decoders[name]
                continue
            if name == "cp932" and not saw_kana:
                saw_kana = has_kana(text)
        offset += len(chunk)
    for name, decoder in list(decoders.items()):
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            failures[name] = _at_offset(exc, offset)
            del decoders[name]
    stream.seek(0)
    if last and last != b"\n":
        lines += 1  # the last row has no line break after it
    if "utf-8-sig" in decoders or "utf-8" in decoders:
        chosen = next(iter(decoders))
    elif "cp932" in decoders and (saw_kana or names_japan or "cp1252" not in decoders):
        chosen = "cp932"
    elif "cp1252" in decoders:
        chosen = "cp1252"
    elif requested:
        error = failures[requested]
        raise ReportError(
            _("The file is not valid %(encoding)s: unreadable byte at position %(position)d.")
            % {"encoding": ENCODINGS.get(requested, requested), "position": error.start}
        )
    else:
        raise ReportError(
            _(
                "The file's encoding is not one Amazon uses (UTF-8, Windows-1252 or Shift_JIS). "
                "Download the report from Seller Central again and upload it unchanged."
            )
        )
    return FileInfo(encoding=chosen, lines=lines)


def _at_offset(exc: UnicodeDecodeError, offset: int) -> UnicodeDecodeError:
    return UnicodeDecodeError(exc.encoding, exc.object, exc.start + offset, exc.end + offset, exc.reason)


def open_text(stream: BinaryIO, encoding: str) -> io.TextIOWrapper:
    """Return a text stream over the binary file; the csv module needs newline=""."""
    stream.seek(0)
    return io.TextIOWrapper(stream, encoding=encoding, newline="")


def read_report(text: io.TextIOBase) -> tuple[str, Iterator[ParsedRow]]:
    """Return the report kind and an iterator of parsed rows, reading the header first.

    Raises ReportError when the header is not one of Amazon's order reports.
    """
    # Amazon's flat files are not quoted: a product name like 27" Monitor is literal text.
    reader = csv.reader(text, delimiter="\t", quoting=csv.QUOTE_NONE)
    try:
        header = [name.strip().lstrip("\ufeff").lower() for name in next(reader)]
    except StopIteration:
        raise ReportError(_("The file is empty.")) from None
    kind = report_kind(header)
    parse = _parse_fulfilled_shipment if kind == FULFILLED_SHIPMENTS else _parse_all_orders

    def rows() -> Iterator[ParsedRow]:
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            line = reader.line_num
            if len(values) != len(header):
                yield ParsedRow(
                    line=line,
                    error=_("The row has %(found)d columns; the header has %(expected)d.")
                    % {"found": len(values), "expected": len(header)},
                )
                continue
            # Control characters (a NUL, say) never belong in a name; one search per row.
            dirty = bounds.CONTROL_CHARACTERS.search("\t".join(values)) is not None
            if dirty:
                values = [bounds.strip_control_characters(v) for v in values]
            parsed = parse(line, dict(zip(header, values, strict=True)))
            parsed.cleaned = dirty
            yield parsed

    return kind, rows()


def report_kind(header: list[str]) -> str:
    """Tell which report a header belongs to, or raise ReportError naming what is missing."""
    if "estimated-arrival-date" in header or "shipment-id" in header:
        kind, required = FULFILLED_SHIPMENTS, FULFILLED_SHIPMENTS_COLUMNS
    elif "order-status" in header:
        kind, required = ALL_ORDERS, ALL_ORDERS_COLUMNS
    else:
        raise ReportError(
            _(
                "This is not an All Orders or Amazon Fulfilled Shipments report: its first line "
                "should name Amazon's columns (amazon-order-id, purchase-date, …), separated by tabs."
            )
        )
    missing = [name for name in required if name not in header]
    if missing:
        raise ReportError(_("The report has no column %(columns)s.") % {"columns": ", ".join(missing)})
    return kind


def parse_report_date(value: str) -> datetime:
    """Return an aware datetime from a report date such as 2026-12-01T08:30:00+01:00."""
    value = value.strip()
    if not value:
        raise ValueError(_("the date is empty"))
    try:
        parsed = datetime.fromisoformat(value.replace(" UTC", "+00:00"))
    except ValueError:
        raise ValueError(_("%(value)s is not a date") % {"value": value}) from None
    if parsed.tzinfo is None:
        # Without its offset a date can be off by a day, and so would the windows.
        raise ValueError(_("%(value)s has no time zone offset") % {"value": value})
    try:
        reason = bounds.date_out_of_range(parsed)
    except OverflowError:  # 9999-12-31T23:00-05:00 is past the last datetime in UTC
        reason = _("%(value)s is not a date") % {"value": value}
    if reason:
        raise ValueError(reason)
    return parsed


def _common_fields(line: int, row: dict[str, str]) -> ParsedRow:
    order_id = row["amazon-order-id"].strip()
    result = ParsedRow(line=line, order_id=order_id)
    if not guidelines.ORDER_ID.match(order_id):
        result.error = _("%(value)s is not an Amazon order ID (123-1234567-1234567).") % {
            "value": order_id or _("(empty)")
        }
        return result
    channel = row["sales-channel"].strip()
    marketplace = marketplace_for_domain(channel)
    if marketplace is None:
        result.error = _("Sales channel %(value)s is not an Amazon marketplace we support.") % {
            "value": channel or _("(empty)")
        }
        return result
    try:
        purchased = parse_report_date(row["purchase-date"])
    except ValueError as exc:
        result.error = _("purchase-date: %(reason)s.") % {"reason": exc}
        return result
    product = row["product-name"].strip()
    if not product:
        result.error = _("product-name is empty.")
        return result
    result.fields = {
        "marketplace": marketplace.code,
        "purchase_date": purchased,
        "product_name": product[:500],
        "sku": row.get("sku", "").strip()[:100],
        "ship_country": row.get("ship-country", "").strip().upper()[:2],
    }
    return result


def _quantity(value: str) -> int:
    value = value.strip()
    if not value:
        return 0
    if not (value.isascii() and value.isdigit()):
        raise ValueError(_("%(value)s is not a number of items") % {"value": value[:40]})
    if len(value) > 10 or int(value) > bounds.MAX_QUANTITY:
        raise ValueError(
            _("%(value)s items is more than %(max)d") % {"value": value[:40], "max": bounds.MAX_QUANTITY}
        )
    return int(value)


def _parse_all_orders(line: int, row: dict[str, str]) -> ParsedRow:
    result = _common_fields(line, row)
    if result.error:
        return result
    raw_status = row["order-status"].strip()
    # "Shipped - Delivered to Buyer", "Shipped - Returned to Seller", … are all shipped orders.
    status = "Shipped" if raw_status.lower().startswith("shipped") else _STATUSES.get(raw_status.lower())
    if status is None:
        result.error = _("order-status %(value)s is not one Amazon uses.") % {"value": raw_status}
        return result
    try:
        quantity = _quantity(row.get("quantity", ""))
    except ValueError as exc:
        result.error = _("quantity: %(reason)s.") % {"reason": exc}
        return result
    result.fields.update(
        status=status,
        fulfillment_channel=_CHANNELS.get(row.get("fulfillment-channel", "").strip().lower(), ""),
        asin=row.get("asin", "").strip()[:20],
        quantity=quantity,
    )
    return result


def _parse_fulfilled_shipment(line: int, row: dict[str, str]) -> ParsedRow:
    result = _common_fields(line, row)
    if result.error:
        return result
    try:
        quantity = _quantity(row.get("quantity-shipped", ""))
    except ValueError as exc:
        result.error = _("quantity-shipped: %(reason)s.") % {"reason": exc}
        return result
    result.fields.update(
        status="Shipped",
        fulfillment_channel=_CHANNELS.get(row.get("fulfillment-channel", "").strip().lower(), "AFN"),
        quantity=quantity,
    )
    arrival = row["estimated-arrival-date"].strip()
    if arrival:
        try:
            result.fields["delivery_date"] = parse_report_date(arrival)
        except ValueError as exc:
            result.error = _("estimated-arrival-date: %(reason)s.") % {"reason": exc}
    return result


def merge_item_rows(first: dict, later: dict) -> dict:
    """Combine two item rows of one order: quantities add up, the latest arrival counts.

    Amazon lists one row per item (All Orders) or per shipped item (Fulfilled Shipments); the
    order's first item names it, and a review request waits for the last parcel.
    """
    merged = {**later, **first}
    merged["quantity"] = first.get("quantity", 0) + later.get("quantity", 0)
    arrivals = [d for d in (first.get("delivery_date"), later.get("delivery_date")) if d is not None]
    if arrivals:
        merged["delivery_date"] = max(arrivals)
    return merged
