"""Celery tasks for connected Amazon accounts: order syncs and sends."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings

from . import languages, ratelimit, sending, sync
from .client import AmazonError
from .models import AmazonAccount

logger = logging.getLogger(__name__)


def max_wait(task) -> float | None:
    """Return how long a task may hold its worker waiting for Amazon's rate limit.

    Tests run tasks in the calling process (eager), where coming back later is not possible, so
    they wait as long as it takes.
    """
    return None if task.request.is_eager else settings.SPAPI_MAX_INLINE_WAIT


# Acknowledged only when done: if the worker dies mid-call, the task comes back and finds the
# send already claimed, which settles it as "not known" instead of calling Amazon again.
@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def send_message(self, send_id: int, slot: float | None = None) -> None:
    """Send one queued message to the buyer; come back later when its account must wait."""
    try:
        sending.perform_send(send_id, max_wait=max_wait(self), slot=slot)
    except ratelimit.Deferred as deferred:
        # The send stays queued and the worker takes other accounts' work meanwhile.
        sending.defer(send_id, deferred.countdown)
        raise self.retry(
            args=[send_id], kwargs={"slot": deferred.slot}, countdown=deferred.countdown
        ) from None


# A sync holds this lock while it runs or waits for its next page, so beat's next sync (or
# "Sync orders now") does not run the same span beside it; it expires if its worker vanished.
SYNC_LOCK_SECONDS = 15 * 60


def _sync_lock(account: AmazonAccount) -> str:
    return f"spapi:sync-lock:{account.selling_partner_id}:{account.pk}"


@shared_task(bind=True, max_retries=None)
def sync_account(self, account_id: int, slot: float | None = None, resumed: bool = False) -> int:
    """Sync one account's orders, then ask for its buyers' languages; a failure is stored on the
    account for its page to show. Put off for the rate limit, it comes back where it stopped."""
    account = AmazonAccount.objects.filter(pk=account_id).first()
    if account is None:
        return 0
    lock, redis = _sync_lock(account), ratelimit.connection()
    if resumed:
        redis.set(lock, "1", ex=SYNC_LOCK_SECONDS)
    elif not redis.set(lock, "1", nx=True, ex=SYNC_LOCK_SECONDS):
        return 0  # another sync of this account is running or waiting for its next page
    paused = False
    try:
        orders = sync.sync_account(account, max_wait=max_wait(self), slot=slot).orders
    except ratelimit.Deferred as deferred:
        # The lock stays with the paused sync until it comes back.
        paused = True
        redis.set(lock, "1", ex=SYNC_LOCK_SECONDS + int(deferred.countdown))
        raise self.retry(
            args=[account_id], kwargs={"slot": deferred.slot, "resumed": True}, countdown=deferred.countdown
        ) from None
    except AmazonError as exc:
        logger.warning("order sync of account %s failed: %s", account_id, exc)
        AmazonAccount.objects.filter(pk=account_id).update(last_sync_error=str(exc)[:2000])
        return 0
    finally:
        if not paused:
            redis.delete(lock)
    ask_buyer_languages.delay(account_id)
    return orders


@shared_task(bind=True, max_retries=None)
def ask_buyer_languages(
    self, account_id: int, budget: int = languages.ASKS_PER_RUN, slot: float | None = None
) -> int:
    """Ask Amazon for the buyer language of synced orders nobody asked about yet (a bounded few)."""
    account = AmazonAccount.objects.filter(pk=account_id).first()
    if account is None or budget <= 0:
        return 0
    asked = 0
    try:
        asked = languages.ask_buyer_languages(account, budget=budget, max_wait=max_wait(self), slot=slot)
    except ratelimit.Deferred as deferred:
        # What was asked is stored; the rest of the budget comes back for its slot.
        raise self.retry(
            args=[account_id],
            kwargs={"budget": budget - deferred.done, "slot": deferred.slot},
            countdown=deferred.countdown,
        ) from None
    except AmazonError as exc:
        logger.warning("buyer languages of account %s not asked: %s", account_id, exc)
    return asked


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
