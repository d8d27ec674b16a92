"""Caches on the live-check path, so a team typing at once does not queue behind the database.

Every keystroke pause sends the draft's text to the server. What repeats across those checks
is cached:

- in the site's cache (Redis in production, shared by every app server), read in one round
  trip: the number of review requests already made for an order and the team's dictionary
  words (a query each per check otherwise). A cached value is dropped when what it depends on
  changes (signals below, and again when the transaction commits, so that no request re-reads
  the old value in between);
- in each process's memory: the report for an exact text in an exact context, so that saving
  a text just checked, undoing a typo or re-opening the editor does not run the engine again.
  Its key is everything the engine reads plus a fingerprint of the engine's code and word
  lists, so it can never be stale and needs no invalidation. It is not shared through Redis:
  while a seller types, every check's text is new, and a shared copy cost two round trips per
  check for a handful of hits.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation

import guidelines

from .models import DictionaryWord, MessageRecord, Order

# Long enough to help a seller's whole session; short enough to bound any missed invalidation.
TTL_SECONDS = 10 * 60
# Reports kept per process, the most recently used first out last (a few hundred KB).
REPORTS_KEPT = 512
_reports: OrderedDict[bytes, guidelines.Report] = OrderedDict()
_reports_lock = threading.Lock()


@cache
def engine_fingerprint() -> str:
    """Return a digest of the engine's files (code, lexicons, word lists) as installed."""
    root = Path(guidelines.__file__).resolve().parent
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _review_requests_key(order_id: int) -> str:
    return f"check:review-requests:{order_id}"


def _team_words_key(team_id: int) -> str:
    return f"check:team-words:{team_id}"


def enabled() -> bool:
    """Tell whether to cache: with a shared cache (REDIS_URL) or when a test switches it on.

    Off with the per-process default cache: tests reuse ids after each rollback, and a cached
    count for "order 1" must not leak from one test into the next.
    """
    return settings.CHECK_CACHE


def review_requests_sent(order: Order) -> int:
    """Return how many review requests were made for ``order`` (Amazon's button or our message)."""
    if not enabled():
        return order.review_requests_sent()
    key = _review_requests_key(order.pk)
    count = shared_cache.get(key)
    if count is None:
        count = order.review_requests_sent()
        shared_cache.set(key, count, TTL_SECONDS)
    return count


def team_words(team_id: int) -> frozenset[str]:
    """Return the words the team's spelling check accepts."""
    if not enabled():
        return DictionaryWord.objects.words_for(team_id)
    key = _team_words_key(team_id)
    words = shared_cache.get(key)
    if words is None:
        words = DictionaryWord.objects.words_for(team_id)
        shared_cache.set(key, words, TTL_SECONDS)
    return words


def order_facts(order: Order) -> tuple[int, frozenset[str]]:
    """Return the order's review-request count and its team's words in one cache round trip.

    The live check needs both on every keystroke pause; asking for them together saves a
    round trip to Redis each time.
    """
    if not enabled():
        return order.review_requests_sent(), DictionaryWord.objects.words_for(order.team_id)
    count_key, words_key = _review_requests_key(order.pk), _team_words_key(order.team_id)
    found = shared_cache.get_many([count_key, words_key])
    missing = {}
    if (count := found.get(count_key)) is None:
        count = missing[count_key] = order.review_requests_sent()
    if (words := found.get(words_key)) is None:
        words = missing[words_key] = DictionaryWord.objects.words_for(order.team_id)
    if missing:
        shared_cache.set_many(missing, TTL_SECONDS)
    return count, words


def cached_report(parts: dict, compute: Callable[[], guidelines.Report]) -> guidelines.Report:
    """Return the report for exactly these inputs from this process's memory, or compute it.

    A report carrying a notice (a spelling backend was unavailable) is not kept: once the
    backend is back, the next check must use it.
    """
    if not enabled():
        return compute()
    material = pickle.dumps(
        (
            engine_fingerprint(),
            settings.LANGUAGETOOL_URL,  # LanguageTool finds other things than the offline check
            translation.get_language(),
            sorted(parts.items()),
        ),
        protocol=5,
    )
    key = hashlib.blake2b(material, digest_size=16).digest()
    with _reports_lock:
        report = _reports.get(key)
        if report is not None:
            _reports.move_to_end(key)
            return report
    report = compute()
    if not any(f.severity == "info" and f.start == f.end for f in report.findings):
        with _reports_lock:
            _reports[key] = report
            while len(_reports) > REPORTS_KEPT:
                _reports.popitem(last=False)
    return report


def forget_reports() -> None:
    """Drop every report this process keeps (tests start from nothing)."""
    with _reports_lock:
        _reports.clear()


def _forget(key: str) -> None:
    shared_cache.delete(key)
    # Again after commit: a check running meanwhile may have stored the value from before.
    transaction.on_commit(lambda: shared_cache.delete(key))


@receiver([post_save, post_delete], sender=MessageRecord)
def _message_recorded(sender, instance: MessageRecord, **kwargs) -> None:
    _forget(_review_requests_key(instance.order_id))


@receiver([post_save, post_delete], sender=DictionaryWord)
def _dictionary_changed(sender, instance: DictionaryWord, **kwargs) -> None:
    _forget(_team_words_key(instance.team_id))
