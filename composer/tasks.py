"""Background tasks of the composer: order imports, run by Celery workers."""

from __future__ import annotations

from celery import shared_task

from . import import_jobs


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
