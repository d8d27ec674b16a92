# Load the Celery app with Django, so that ``task.delay()`` in a web process uses its settings.
from .celery import app as celery_app

__all__ = ("celery_app",)
