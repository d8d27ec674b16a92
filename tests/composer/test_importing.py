"""Importing Seller Central order reports: encodings, bad rows, re-imports, large files."""

from __future__ import annotations

import io
import tracemalloc
from datetime import UTC, datetime

import pytest
from django.core.files.base import ContentFile

from composer import import_jobs, importing
from composer.models import ImportJob, Order

from .report_files import (
    all_orders,
    all_orders_row,
    fulfilled_row,
    fulfilled_shipments,
    order_id_for,
    write_large_all_orders,
)

ID_1 = "114-4909505-8661897"
ID_2 = "303-1240685-8432959"
ID_3 = "249-4699237-8074902"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(team, user, data: bytes, *, name: str = "All Orders.txt", encoding: str = "") -> ImportJob:
    """Store an uploaded report as a queued job, as the upload view does."""
    job = ImportJob(
        team=team, created_by=user, file_name=name, file_size=len(data), requested_encoding=encoding
    )
    job.file.save("report.txt", ContentFile(data), save=False)
    job.save()
    return job


def run(team, user, data: bytes, **kwargs) -> ImportJob:
    """Upload a report and run its import to the end, as the background runner does."""
    return import_jobs.run_import(upload(team, user, data, **kwargs).pk)


def test_all_orders_report_creates_orders_with_marketplace_and_default_language(team, seller) -> None:
    data = all_orders(
        [
            all_orders_row(ID_1, sales_channel="Amazon.com", purchase_date="2026-11-02T09:15:27-08:00"),
            all_orders_row(
                ID_2, sales_channel="Amazon.de", channel="Merchant", status="Unshipped", country="DE"
            ),
        ]
    )
    job = run(team, seller, data)
    assert (job.status, job.created_count, job.updated_count, job.error_count) == ("done", 2, 0, 0)
    assert job.report_kind == ImportJob.ReportKind.ALL_ORDERS
    us, de = Order.objects.get(amazon_order_id=ID_1), Order.objects.get(amazon_order_id=ID_2)
    assert (us.marketplace, us.buyer_locale, us.fulfillment_channel, us.status) == (
        "US",
        "en-US",
        "AFN",
        "Shipped",
    )
    assert (de.marketplace, de.buyer_locale, de.fulfillment_channel, de.status) == (
        "DE",
        "de-DE",
        "MFN",
        "Unshipped",
    )
    # The offset is kept: 09:15 in Seattle is 17:15 UTC.
    assert us.purchase_date == datetime(2026, 11, 2, 17, 15, 27, tzinfo=UTC)
    assert (us.sku, us.asin, us.quantity, us.ship_country) == ("DO-6QT-RED", "B0C1234567", 1, "US")
    assert us.team == team


def test_utf8_with_bom_is_read(team, seller) -> None:
    job = run(
        team,
        seller,
        all_orders([all_orders_row(ID_2, sales_channel="Amazon.de", product="Kaffeemühle")], bom=True),
    )
    assert (job.status, job.encoding) == ("done", "utf-8-sig")
    assert Order.objects.get().product_name == "Kaffeemühle"


def test_utf8_without_bom_is_read(team, seller) -> None:
    job = run(
        team, seller, all_orders([all_orders_row(ID_2, sales_channel="Amazon.fr", product="Coussin brodé")])
    )
    assert (job.status, job.encoding) == ("done", "utf-8")
    assert Order.objects.get().product_name == "Coussin brodé"


def test_windows_1252_is_read(team, seller) -> None:
    rows = [
        all_orders_row(ID_1, sales_channel="Amazon.de", product="Kaffeemühle für Crème brûlée – 2 Stück"),
        all_orders_row(ID_2, sales_channel="Amazon.fr", product="Théière € 25"),
    ]
    job = run(team, seller, all_orders(rows, encoding="cp1252"))
    assert (job.status, job.encoding) == ("done", "cp1252")
    names = set(Order.objects.values_list("product_name", flat=True))
    assert names == {"Kaffeemühle für Crème brûlée – 2 Stück", "Théière € 25"}


def test_shift_jis_is_read(team, seller) -> None:
    row = all_orders_row(
        ID_3, sales_channel="Amazon.co.jp", product="名入れ万年筆 ギフトボックス付き", country="JP"
    )
    job = run(team, seller, all_orders([row], encoding="shift_jis"))
    assert (job.status, job.encoding) == ("done", "cp932")
    order = Order.objects.get()
    assert (order.product_name, order.marketplace, order.buyer_locale) == (
        "名入れ万年筆 ギフトボックス付き",
        "JP",
        "ja-JP",
    )


def test_a_chosen_encoding_that_does_not_fit_fails_with_a_clear_reason(team, seller) -> None:
    row = all_orders_row(ID_3, sales_channel="Amazon.co.jp", product="名入れ万年筆")
    job = run(team, seller, all_orders([row], encoding="cp932"), encoding="utf-8")
    assert job.status == "failed"
    assert "not valid UTF-8" in job.failure
    assert not Order.objects.exists()


def test_bad_rows_are_reported_with_row_number_and_reason_and_good_rows_kept(team, seller) -> None:
    rows = [
        all_orders_row(ID_1),
        all_orders_row("12-345", product="Broken ID"),
        all_orders_row(ID_2, sales_channel="Non-Amazon"),
        all_orders_row(ID_3, purchase_date="2026-11-02 09:15:27"),
        all_orders_row(order_id_for(7), status="Teleported"),
        all_orders_row(order_id_for(8), quantity="two"),
    ]
    job = run(team, seller, all_orders(rows))
    assert job.status == "done"
    assert (job.created_count, job.error_count) == (1, 5)
    assert [e["row"] for e in job.errors] == [3, 4, 5, 6, 7]
    reasons = [e["reason"] for e in job.errors]
    assert "12-345 is not an Amazon order ID" in reasons[0]
    assert "Sales channel Non-Amazon" in reasons[1]
    assert "has no time zone offset" in reasons[2]
    assert "order-status Teleported" in reasons[3]
    assert "two is not a number" in reasons[4]
    assert list(Order.objects.values_list("amazon_order_id", flat=True)) == [ID_1]


def test_a_row_with_missing_columns_is_reported(team, seller) -> None:
    data = all_orders([all_orders_row(ID_1)]) + f"{ID_2}\t\t2026-11-02T09:15:27+00:00\n".encode()
    job = run(team, seller, data)
    assert job.error_count == 1
    assert job.errors[0]["row"] == 3
    assert "columns" in job.errors[0]["reason"]


def test_reimport_updates_orders_and_never_duplicates_them(team, seller) -> None:
    run(team, seller, all_orders([all_orders_row(ID_1, status="Pending"), all_orders_row(ID_2)]))
    order = Order.objects.get(amazon_order_id=ID_1)
    created_at = order.created
    job = run(team, seller, all_orders([all_orders_row(ID_1, status="Shipped"), all_orders_row(ID_3)]))
    assert (job.created_count, job.updated_count) == (1, 1)
    assert Order.objects.count() == 3
    order.refresh_from_db()
    assert order.status == "Shipped"
    assert order.created == created_at


def test_reimport_keeps_the_buyer_language_the_seller_set(team, seller) -> None:
    run(team, seller, all_orders([all_orders_row(ID_1)]))
    Order.objects.get().set_buyer_locale("es_US")
    run(team, seller, all_orders([all_orders_row(ID_1, status="Shipped - Delivered to Buyer")]))
    assert Order.objects.get().buyer_locale == "es-US"


def test_the_same_order_id_in_another_team_is_another_order(team, other_team, seller, other_lead) -> None:
    run(team, seller, all_orders([all_orders_row(ID_1)]))
    run(other_team, other_lead, all_orders([all_orders_row(ID_1, product="Other product")]))
    assert Order.objects.filter(amazon_order_id=ID_1).count() == 2
    assert Order.objects.get(team=team).product_name == "Cast Iron Dutch Oven, 6 qt"


def test_items_of_one_order_make_one_order_with_their_quantities_added(team, seller) -> None:
    rows = [all_orders_row(ID_1, quantity="2"), all_orders_row(ID_1, product="Lid", quantity="1")]
    job = run(team, seller, all_orders(rows))
    assert (job.created_count, job.rows_done) == (1, 2)
    order = Order.objects.get()
    assert (order.product_name, order.quantity) == ("Cast Iron Dutch Oven, 6 qt", 3)


def test_fulfilled_shipments_give_the_delivery_date(team, seller) -> None:
    run(team, seller, all_orders([all_orders_row(ID_1, channel="Amazon")]))
    data = fulfilled_shipments(
        [
            fulfilled_row(ID_1, arrival_date="2026-11-06T20:00:00-08:00"),
            fulfilled_row(ID_2, sales_channel="Amazon.de", arrival_date="2026-11-08T12:00:00+01:00"),
        ]
    )
    job = run(team, seller, data, name="Amazon Fulfilled Shipments.txt")
    assert (job.report_kind, job.created_count, job.updated_count) == ("fulfilled_shipments", 1, 1)
    first = Order.objects.get(amazon_order_id=ID_1)
    # 20:00 in Seattle on the 6th is the 7th in UTC: the windows count from that UTC day.
    assert first.delivery_date == datetime(2026, 11, 7, 4, 0, tzinfo=UTC)
    assert first.review_window().first_day.isoformat() == "2026-11-12"
    assert Order.objects.get(amazon_order_id=ID_2).buyer_locale == "de-DE"


def test_a_shipment_without_arrival_date_keeps_the_known_delivery_date(team, seller) -> None:
    run(team, seller, fulfilled_shipments([fulfilled_row(ID_1, arrival_date="2026-11-06T20:00:00+00:00")]))
    run(team, seller, fulfilled_shipments([fulfilled_row(ID_1, arrival_date="")]))
    assert Order.objects.get().delivery_date == datetime(2026, 11, 6, 20, 0, tzinfo=UTC)


def test_all_orders_reimport_keeps_the_delivery_date_from_shipments(team, seller) -> None:
    run(team, seller, fulfilled_shipments([fulfilled_row(ID_1)]))
    run(team, seller, all_orders([all_orders_row(ID_1)]))
    assert Order.objects.get().delivery_date is not None


def test_a_file_that_is_not_an_order_report_is_refused_whole(team, seller) -> None:
    job = run(team, seller, b"sku\tprice\nDO-6QT\t59.99\n", name="inventory.txt")
    assert job.status == "failed"
    assert "not an All Orders or Amazon Fulfilled Shipments report" in job.failure
    assert not Order.objects.exists()
    assert not job.file  # the upload is not kept


def test_a_report_missing_a_needed_column_is_refused(team, seller) -> None:
    job = run(team, seller, b"amazon-order-id\torder-status\n" + ID_1.encode() + b"\tShipped\n")
    assert job.status == "failed"
    assert "purchase-date" in job.failure


def test_an_import_interrupted_after_a_batch_resumes_without_duplicates(team, seller, monkeypatch) -> None:
    monkeypatch.setattr(import_jobs, "BATCH_SIZE", 2)
    rows = [all_orders_row(order_id_for(n)) for n in range(5)]
    real_apply = import_jobs.apply_batch
    calls = {"n": 0}

    def apply_then_crash(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk went away")
        return real_apply(*args, **kwargs)

    monkeypatch.setattr(import_jobs, "apply_batch", apply_then_crash)
    job = run(team, seller, all_orders(rows))
    assert job.status == "failed"
    assert "after row 3" in job.failure
    assert (job.rows_done, Order.objects.count()) == (2, 2)  # the first batch, and nothing more

    monkeypatch.setattr(import_jobs, "apply_batch", real_apply)
    job.requeue()
    job = import_jobs.run_import(job.pk)
    assert (job.status, job.rows_done, job.created_count, job.updated_count) == ("done", 5, 5, 0)
    assert Order.objects.count() == 5


def _peak_memory_of_import(team, seller, rows: int) -> int:
    buffer = io.BytesIO()
    write_large_all_orders(buffer, rows)
    job = upload(team, seller, buffer.getvalue(), name=f"{rows}.txt")
    del buffer
    tracemalloc.start()
    try:
        job = import_jobs.run_import(job.pk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (job.status, job.rows_done, job.error_count) == ("done", rows, 0)
    return peak


def test_a_large_file_streams_in_bounded_memory(team, seller, monkeypatch) -> None:
    monkeypatch.setattr(import_jobs, "BATCH_SIZE", 250)
    monkeypatch.setattr(importing, "CHUNK_SIZE", 32 * 1024)
    # A first import fills the database driver's and Django's statement caches, which stay bounded.
    _peak_memory_of_import(team, seller, 1_000)
    small = _peak_memory_of_import(team, seller, 1_000)
    large = _peak_memory_of_import(team, seller, 5_000)
    assert Order.objects.filter(team=team).count() == 5_000  # the first 1,000 were updated, not added
    # Five times the rows, about the same memory: the file is never held whole.
    assert large < small * 1.5, (small, large)


def test_progress_is_stored_per_batch(team, seller, monkeypatch) -> None:
    monkeypatch.setattr(import_jobs, "BATCH_SIZE", 3)
    seen = []
    real_record = ImportJob.record_batch

    def spy(self, **kwargs):
        seen.append(kwargs["rows_done"])
        return real_record(self, **kwargs)

    monkeypatch.setattr(ImportJob, "record_batch", spy)
    job = run(team, seller, all_orders([all_orders_row(order_id_for(n)) for n in range(7)]))
    assert seen == [3, 6, 7]
    assert job.percent_done == 100


def test_detect_encoding_counts_lines_and_refuses_unknown_bytes() -> None:
    info = importing.detect_encoding(io.BytesIO(b"a\tb\n1\t2\n3\t4"))
    assert (info.encoding, info.lines) == ("utf-8", 3)
    with pytest.raises(importing.ReportError):
        importing.detect_encoding(io.BytesIO(b"a\tb\n\x81 \n"))


def test_report_dates_need_an_offset() -> None:
    assert importing.parse_report_date("2026-12-01T08:30:00+01:00") == datetime(
        2026, 12, 1, 7, 30, tzinfo=UTC
    )
    assert importing.parse_report_date("2026-12-01T07:30:00Z") == datetime(2026, 12, 1, 7, 30, tzinfo=UTC)
    with pytest.raises(ValueError, match="offset"):
        importing.parse_report_date("2026-12-01T08:30:00")


def test_a_batch_refused_because_sqlite_is_busy_is_stored_once_on_retry(team, seller, monkeypatch) -> None:
    from django.db import OperationalError, transaction

    monkeypatch.setattr(import_jobs.time, "sleep", lambda seconds: None)
    real_apply = import_jobs.apply_batch
    attempts = {"n": 0}

    def locked_once(job, *args, **kwargs):
        attempts["n"] += 1
        with transaction.atomic():
            real_apply(job, *args, **kwargs)  # stores the batch and counts it on the job object…
            if attempts["n"] == 1:  # …then SQLite refuses the commit and it all rolls back
                raise OperationalError("database table is locked: composer_importjob")

    monkeypatch.setattr(import_jobs, "apply_batch", locked_once)
    job = upload(team, seller, all_orders([all_orders_row(ID_1), all_orders_row(ID_2)]))
    job = import_jobs.run_import(job.pk)
    assert attempts["n"] == 2
    assert (job.status, job.created_count, job.updated_count, job.rows_done) == ("done", 2, 0, 2)
