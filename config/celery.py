"""The Celery application: order imports, order syncs and sends to Amazon run on its workers.

Redis is the broker (``REDIS_URL``, or the local default). Settings prefixed ``CELERY_`` in
``config/settings.py`` configure it; every app module's ``tasks.py`` is found by autodiscovery.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("composer")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["composer", "composer.amazon"])
