"""The real queue: a Celery worker takes an import from the machine's Redis and runs it."""

from __future__ import annotations

import time

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.core.files.base import ContentFile

from composer import import_jobs
from composer.models import ImportJob, Order
from config.celery import app

from .report_files import all_orders, all_orders_row

ORDER_ID = "114-4909505-8661897"


@pytest.fixture
def real_queue():
    """Send tasks through Redis (this run's own queue) instead of running them in the caller."""
    app.conf.task_always_eager = False
    yield redis.Redis.from_url(app.conf.broker_url)
    app.conf.task_always_eager = True


def _wait_until(condition, limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
def test_a_worker_takes_an_import_from_redis_and_runs_it(
    real_queue, seller, team, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    job = ImportJob(team=team, created_by=seller, file_name="All Orders.txt")
    job.file.save("report.txt", ContentFile(all_orders([all_orders_row(ORDER_ID)])), save=False)
    job.save()
    import_jobs.start_import(job)  # outside a transaction: queued at once
    # The message waits in Redis; nothing runs the job until a worker consumes the queue.
    assert real_queue.llen(app.conf.task_default_queue) == 1
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.QUEUED
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        _wait_until(lambda: ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.DONE)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.created_count, job.updated_count) == (1, 0)
    assert Order.objects.filter(amazon_order_id=ORDER_ID).count() == 1
    assert real_queue.llen(app.conf.task_default_queue) == 0
