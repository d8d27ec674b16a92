"""Load the default template library shipped with the site (idempotent)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from composer.models import MessageTemplate

DEFAULT_LIBRARY = Path(__file__).resolve().parents[2] / "library" / "default_templates.json"


class Command(BaseCommand):
    help = "Load the default compliant templates; existing templates are left as the admins edited them."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--file", type=Path, default=DEFAULT_LIBRARY)

    def handle(self, *args, file: Path, **options) -> None:
        data = json.loads(file.read_text(encoding="utf-8"))
        created = 0
        with transaction.atomic():
            for entry in data["templates"]:
                template, was_created = MessageTemplate.objects.get_or_create(
                    message_type=entry["message_type"],
                    language=entry["language"],
                    defaults={"subject": entry.get("subject", ""), "body": entry["body"]},
                )
                if was_created:
                    template.record_version(by=None, note="Default library")
                    created += 1
        self.stdout.write(f"Templates: {created} added, {len(data['templates']) - created} already present.")
