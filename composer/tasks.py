"""Background tasks of the composer: order imports and history thinning, run by Celery workers."""

from __future__ import annotations

from celery import shared_task

from . import import_jobs
from .models import AUTOSAVES_KEPT_WHOLE, DraftRevision


# Acknowledged only when done: a worker killed mid-import leaves the message in Redis, and the
# job resumes after its last committed batch (batches are stored with the job's progress).
@shared_task(acks_late=True, reject_on_worker_lost=True)
def run_import(job_id: int) -> None:
    """Import one queued order report."""
    import_jobs.run_import(job_id)


@shared_task
def resume_stalled_imports() -> list[int]:
    """Queue again the imports whose worker stopped answering, and run them."""
    ids = import_jobs.resume_stalled()
    for job_id in ids:
        run_import.delay(job_id)
    return ids


@shared_task
def thin_revisions() -> int:
    """Thin old autosave revisions (daily, from Celery beat); return how many were deleted."""
    from django.utils import timezone

    return DraftRevision.objects.thin_autosaves(older_than=timezone.now() - AUTOSAVES_KEPT_WHOLE)
