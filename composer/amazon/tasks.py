"""Celery tasks for connected Amazon accounts: order syncs and sends."""

from __future__ import annotations

import logging

from celery import shared_task

from . import sending, sync
from .client import AmazonError
from .models import AmazonAccount

logger = logging.getLogger(__name__)


# Acknowledged only when done: if the worker dies mid-call, the task comes back and finds the
# send already claimed, which settles it as "not known" instead of calling Amazon again.
@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_message(send_id: int) -> None:
    """Send one queued message to the buyer."""
    sending.perform_send(send_id)


@shared_task
def sync_account(account_id: int) -> int:
    """Sync one account's orders; a failure is stored on the account for its page to show."""
    account = AmazonAccount.objects.filter(pk=account_id).first()
    if account is None:
        return 0
    try:
        return sync.sync_account(account).orders
    except AmazonError as exc:
        logger.warning("order sync of account %s failed: %s", account_id, exc)
        AmazonAccount.objects.filter(pk=account_id).update(last_sync_error=str(exc)[:2000])
        return 0


@shared_task
def sync_all_accounts() -> list[int]:
    """Queue a sync for every connected account (Celery beat, every 15 minutes)."""
    ids = list(AmazonAccount.objects.values_list("pk", flat=True))
    for account_id in ids:
        sync_account.delay(account_id)
    return ids


@shared_task
def settle_stalled_sends() -> list[int]:
    """Record as not known the sends whose worker vanished mid-call, and queue again the sends
    whose message was lost before any worker took it (Celery beat, every minute)."""
    sending.requeue_waiting()
    return sending.settle_stalled()
