"""Run queued order imports: the worker for ORDER_IMPORT_RUNNER = "worker", and the rescue for
imports whose web process restarted while they ran."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from composer import import_jobs
from composer.models import ImportJob


class Command(BaseCommand):
    help = "Run queued order imports, resuming interrupted ones; --once stops when none is left."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="Exit when no import is waiting.")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between looks.")

    def handle(self, *args, once: bool, interval: float, **options) -> None:
        while True:
            for job_id in import_jobs.resume_stalled():
                self.stdout.write(f"Resuming interrupted import {job_id}")
            queued = list(
                ImportJob.objects.filter(status=ImportJob.Status.QUEUED).values_list("pk", flat=True)
            )
            for job_id in queued:
                job = import_jobs.run_import(job_id)
                if job is not None:
                    self.stdout.write(
                        f"Import {job.pk} ({job.file_name}): {job.get_status_display()}, "
                        f"{job.created_count} created, {job.updated_count} updated, {job.error_count} errors"
                    )
            if once and not queued:
                return
            if not queued:
                time.sleep(interval)
