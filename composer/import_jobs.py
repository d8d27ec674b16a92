"""Run order imports on the task queue and store their rows in batches.

An import job is committed with its uploaded file, then run by a Celery worker
(``composer.tasks.run_import``). Each batch of orders is stored in one transaction together with
the job's progress, so the page always shows exactly what is stored, and a job cut short by a
restart resumes after its last committed batch instead of starting again or stopping half-applied.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterable

from django.db import DatabaseError, DataError, OperationalError, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import guidelines

from . import bounds, importing
from .models import ImportJob, Order
from .signals import orders_stored

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000


def start_import(job: ImportJob) -> None:
    """Queue the job for a worker once the transaction that created it is committed."""
    from .tasks import run_import as run_import_task

    transaction.on_commit(lambda: run_import_task.delay(job.pk))


def run_import(job_id: int) -> ImportJob | None:
    """Import one queued job's file; return the job, or None if someone else took it."""
    # Claiming with a conditional UPDATE means two workers never run one job twice.
    claimed = []

    def claim() -> None:
        queued = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED)
        claimed.append(queued.update(status=ImportJob.Status.RUNNING, updated=timezone.now()))

    with_retries(None, claim)
    if not claimed[-1]:
        return None
    job = ImportJob.objects.get(pk=job_id)
    try:
        with job.file.storage.open(job.file.name, "rb") as upload:
            stream = getattr(upload, "file", upload)
            info = importing.detect_encoding(stream, requested=job.requested_encoding)
            text = importing.open_text(stream, info.encoding)
            kind, rows = importing.read_report(text)
            with_retries(
                job,
                lambda: job.start(
                    encoding=info.encoding, report_kind=kind, rows_total=max(info.lines - 1, 0)
                ),
            )
            store_rows(job, rows)
            text.detach()
    except importing.ReportError as exc:
        # The file was refused before any of its rows was stored.
        reason = str(exc)
        with_retries(job, lambda: job.fail(reason))
        job.discard_file()
    except Exception:
        logger.exception("order import %s stopped", job_id)

        def stop() -> None:
            job.refresh_from_db()
            job.fail(
                _(
                    "The import stopped unexpectedly after row %(row)d. The orders before it are "
                    "saved; resume the import to store the rest."
                )
                % {"row": job.rows_done + 1}
            )

        with_retries(job, stop)
    else:
        with_retries(job, job.finish)
    return job


def store_rows(job: ImportJob, rows: Iterable[importing.ParsedRow]) -> None:
    """Store rows in batches, skipping the ones an earlier run of this job already stored."""
    already_done = job.rows_done
    consumed = 0
    batch: dict[str, dict] = {}
    lines: dict[str, int] = {}
    errors: list[dict] = []
    cleaned: list[int] = []
    last_id = None
    for row in rows:
        consumed += 1
        if consumed <= already_done:
            continue
        full = len(batch) + len(errors) >= BATCH_SIZE
        # Amazon lists an order's items together: a batch ends between orders, not inside one.
        if full and (row.order_id != last_id or len(batch) + len(errors) >= 10 * BATCH_SIZE):
            with_retries(
                job,
                lambda b=batch, ln=lines, e=errors, c=cleaned, n=consumed - 1: apply_batch(
                    job, b, e, rows_done=n, lines=ln, cleaned=c
                ),
            )
            batch, lines, errors, cleaned = {}, {}, [], []
        last_id = row.order_id
        if row.error:
            errors.append({"row": row.line, "reason": row.error})
            continue
        if row.order_id in batch:
            merged = importing.merge_item_rows(batch[row.order_id], row.fields)
            if merged["quantity"] > bounds.MAX_QUANTITY:
                errors.append(
                    {"row": row.line, "reason": _("quantity: the order's items add up to too many.")}
                )
                continue
            batch[row.order_id] = merged
        else:
            batch[row.order_id] = row.fields
            lines[row.order_id] = row.line
        if row.cleaned:
            cleaned.append(row.line)
    with_retries(
        job, lambda: apply_batch(job, batch, errors, rows_done=consumed, lines=lines, cleaned=cleaned)
    )


LOCK_RETRIES = 6


def with_retries(job: ImportJob | None, action) -> None:
    """Run a database step again when SQLite reports its tables locked by a page reading them.

    Each step is one transaction, rolled back whole when it fails, so the job is reloaded and
    the step repeated; PostgreSQL never needs this.
    """
    for attempt in range(LOCK_RETRIES):
        try:
            if attempt and job is not None:
                job.refresh_from_db()
            action()
            return
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == LOCK_RETRIES - 1:
                raise
        time.sleep(0.05 * 2**attempt)


def apply_batch(
    job: ImportJob,
    batch: dict[str, dict],
    errors: list[dict],
    *,
    rows_done: int,
    lines: dict[str, int] | None = None,
    cleaned: list[int] = (),
) -> None:
    """Insert new orders and update known ones, with the job's progress, in one transaction.

    The buyer's language is set only for new orders (from the marketplace): a language the
    seller chose survives every re-import. An order the database refuses (a value out of its
    column's range, say) becomes a row error with its line number; the rest of the batch is
    stored.
    """
    lines = lines or {}
    errors = list(errors)
    with transaction.atomic():
        existing = set(
            Order.objects.filter(team=job.team_id, amazon_order_id__in=list(batch)).values_list(
                "amazon_order_id", flat=True
            )
        )
        # Rows without an arrival date must not erase a delivery date stored earlier.
        groups: dict[tuple[str, ...], list[tuple[str, dict]]] = defaultdict(list)
        for order_id, fields in batch.items():
            groups[tuple(sorted(fields))].append((order_id, fields))
        refused: set[str] = set()
        for field_names, rows in groups.items():
            for order_id, reason in store_group(job.team_id, rows, field_names):
                refused.add(order_id)
                errors.append({"row": lines.get(order_id, 0), "reason": reason})
        stored = batch.keys() - refused
        errors.sort(key=lambda error: error["row"])
        refused_lines = {error["row"] for error in errors}
        job.record_batch(
            rows_done=rows_done,
            created=len(stored - existing),
            updated=len(stored & existing),
            errors=errors,
            cleaned=[line for line in cleaned if line not in refused_lines],
        )


def store_group(
    team_id: int, rows: list[tuple[str, dict]], field_names: tuple[str, ...]
) -> list[tuple[str, str]]:
    """Store rows with one statement; if the database refuses it, store them one by one.

    Returns the (order ID, reason) of each row the database refused.
    """
    try:
        with transaction.atomic():
            upsert_orders(team_id, rows, update_fields=field_names)
        return []
    except OperationalError:
        raise  # a locked SQLite table or a lost connection: the whole batch is tried again
    except (DatabaseError, ValueError, OverflowError):
        pass
    refused = []
    for order_id, fields in rows:
        try:
            with transaction.atomic():
                upsert_orders(team_id, [(order_id, fields)], update_fields=field_names)
        except OperationalError:
            raise
        except (DatabaseError, ValueError, OverflowError) as exc:
            logger.info("order %s refused by the database: %s", order_id, exc)
            refused.append((order_id, _refusal(exc)))
    return refused


def _refusal(exc: Exception) -> str:
    """Say in the seller's words why the database refused a row (its own words go to the log)."""
    if isinstance(exc, (DataError, ValueError, OverflowError)):
        return str(_("A value in this order is too long, too large or unreadable to store."))
    return str(_("This order could not be stored beside the orders already there."))


# Every column an INSERT needs, with the model's defaults for what a report does not give.
_ORDER_DEFAULTS = {
    "marketplace": "",
    "buyer_locale": "",
    "buyer_locale_source": "",
    "purchase_date": None,
    "delivery_date": None,
    "status": Order.Status.SHIPPED.value,
    "fulfillment_channel": "",
    "product_name": "",
    "buyer_name": "",
    "sku": "",
    "asin": "",
    "quantity": 1,
    "ship_country": "",
    "earliest_delivery_date": None,
    "latest_delivery_date": None,
    "items": [],
}
_DATETIME_COLUMNS = (
    "purchase_date",
    "delivery_date",
    "earliest_delivery_date",
    "latest_delivery_date",
    "created",
    "updated",
)


def upsert_orders(team_id: int, rows: list[tuple[str, dict]], *, update_fields: tuple[str, ...]) -> None:
    """Insert or update one team's orders with a single INSERT … ON CONFLICT statement.

    PostgreSQL and SQLite share this syntax. Going around the ORM's per-value preparation makes
    a 100,000-row report several times faster; the values were validated by the parser.
    """
    connection = connections[Order.objects.db]
    ops = connection.ops
    now = timezone.now()
    columns = ["team_id", "amazon_order_id", *_ORDER_DEFAULTS, "created", "updated"]
    params = []
    for order_id, fields in rows:
        values = {**_ORDER_DEFAULTS, **fields, "created": now, "updated": now}
        values["buyer_locale"] = guidelines.MARKETPLACES[values["marketplace"]].default_locale
        for name in _DATETIME_COLUMNS:
            values[name] = ops.adapt_datetimefield_value(values[name])
        values["items"] = ops.adapt_json_value(values["items"], None)
        params.append([team_id, order_id, *(values[c] for c in columns[2:])])
    quote = ops.quote_name
    updates = [*update_fields, "updated"]
    sql = (
        f"INSERT INTO {quote(Order._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({quote('team_id')}, {quote('amazon_order_id')}) DO UPDATE SET "
        + ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in updates)
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    # Raw SQL sends no post_save: say that the team's orders changed.
    orders_stored.send(sender=Order, team_id=team_id)


def resume_stalled(now=None) -> list[int]:
    """Queue again the running jobs whose worker died; return their ids."""
    cutoff = (now or timezone.now()) - ImportJob.STALLED_AFTER
    stalled = ImportJob.objects.filter(status=ImportJob.Status.RUNNING, updated__lt=cutoff)
    ids = list(stalled.values_list("pk", flat=True))
    stalled.update(status=ImportJob.Status.QUEUED, updated=timezone.now())
    return ids
