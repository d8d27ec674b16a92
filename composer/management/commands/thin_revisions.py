"""Thin old autosave revisions: one per draft and minute once they are a day old."""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from composer.models import AUTOSAVES_KEPT_WHOLE, DraftRevision


class Command(BaseCommand):
    help = (
        "Delete autosave revisions older than --hours down to one per draft and minute. The last "
        "autosave of each editing session, exported and approved revisions and every revision "
        "that is not an autosave are kept. Celery beat runs the same thinning daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        default = int(AUTOSAVES_KEPT_WHOLE.total_seconds() // 3600)
        parser.add_argument(
            "--hours", type=int, default=default, help="Age after which autosaves are thinned."
        )

    def handle(self, *args, hours: int, **options) -> None:
        older_than = timezone.now() - timedelta(hours=max(hours, 1))
        deleted = DraftRevision.objects.thin_autosaves(older_than=older_than)
        self.stdout.write(
            f"Deleted {deleted} autosave revision(s) older than {older_than:%Y-%m-%d %H:%M} UTC."
        )
