"""Caches on the live-check path, so a team typing at once does not queue behind the database.

Every keystroke pause sends the draft's text to the server. What repeats across those checks
is cached:

- in the site's cache (Redis in production, shared by every app server): the draft with its
  order and team (the fields a check reads), then, in one round trip, the number of review
  requests already made for the order, the team's dictionary words, the author's own words
  and the team's generation.
  Warm, a live check makes no database query at all. A cached value is dropped when what it
  depends on changes (signals below, the text save and the order import, and again when the
  transaction commits, so that no request re-reads the old value in between); a change to a
  team or any of its orders starts a new generation, which retires its cached drafts;
  The draft is cached as plain values (its fields, its order's and its team's), never as a
  pickled model instance, and rebuilt with ``Model.from_db`` as the database would build it.
  Every invalidation is one of the signal receivers at the end of this module: the models
  import nothing from here;
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
import secrets
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path

from cachetools import LRUCache
from django.conf import settings
from django.core.cache import cache as shared_cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation

import guidelines

from .models import DictionaryWord, Draft, DraftRevision, MessageRecord, Order, PersonalWord, Team, User
from .signals import orders_stored

# Long enough to help a seller's whole session; short enough to bound any missed invalidation.
TTL_SECONDS = 10 * 60
# A draft as the live check reads it is kept a minute at most: that bounds what a change made
# around the signals below (a raw SQL update, say) could leave behind.
DRAFT_TTL_SECONDS = 60
# Reports kept per process, the least recently used dropped first (a few hundred KB).
REPORTS_KEPT = 512
_reports: LRUCache[bytes, guidelines.Report] = LRUCache(maxsize=REPORTS_KEPT)
_reports_lock = threading.Lock()
# Findings fragments kept per process (a few KB each).
FRAGMENTS_KEPT = 256
_fragments: LRUCache[bytes, str] = LRUCache(maxsize=FRAGMENTS_KEPT)


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


def _personal_words_key(user_id: int) -> str:
    return f"check:user-words:{user_id}"


def _draft_key(draft_id: int) -> str:
    return f"check:draft:{draft_id}"


def _generation_key(team_id: int) -> str:
    return f"check:team-generation:{team_id}"


def enabled() -> bool:
    """Tell whether to cache: with a shared cache (REDIS_URL) or when a test switches it on.

    Off with the per-process default cache: tests reuse ids after each rollback, and a cached
    count for "order 1" must not leak from one test into the next.
    """
    return settings.CHECK_CACHE


def order_facts(order: Order) -> tuple[int, frozenset[str]]:
    """Return the order's review-request count and its team's words in one cache round trip."""
    if not enabled():
        return order.review_requests_sent(), DictionaryWord.objects.words_for(order.team_id)
    count, words, _generation = _facts_and_generation(order)
    return count, words


def draft_facts(draft: Draft) -> tuple[int, frozenset[str]]:
    """Return the order's review-request count and the words accepted for the draft's author.

    The accepted words are the team's dictionary and the author's own. The live check needs
    them on every keystroke pause, so they come in one cache round trip.
    """
    if not enabled():
        order = draft.order
        words = DictionaryWord.objects.words_for(order.team_id) | PersonalWord.objects.words_for(
            draft.author_id
        )
        return order.review_requests_sent(), words
    count, words, _generation = _facts_and_generation(draft.order, draft.author_id)
    return count, words


def _facts_and_generation(order: Order, author_id: int | None = None) -> tuple[int, frozenset[str], str]:
    """Return the order facts and the team's generation, filling in whatever the cache lacks.

    With ``author_id``, the words are the team's and that user's own dictionary together.
    """
    keys = [_review_requests_key(order.pk), _team_words_key(order.team_id), _generation_key(order.team_id)]
    if author_id is not None:
        keys.append(_personal_words_key(author_id))
    found = shared_cache.get_many(keys)
    missing = {}
    if (count := found.get(keys[0])) is None:
        count = missing[keys[0]] = order.review_requests_sent()
    if (words := found.get(keys[1])) is None:
        words = missing[keys[1]] = DictionaryWord.objects.words_for(order.team_id)
    if (generation := found.get(keys[2])) is None:
        # A new random generation: no draft cached before it can match it.
        generation = missing[keys[2]] = secrets.token_hex(8)
    if author_id is not None:
        if (own := found.get(keys[3])) is None:
            own = missing[keys[3]] = PersonalWord.objects.words_for(author_id)
        words = words | own
    if missing:
        shared_cache.set_many(missing, TTL_SECONDS)
    return count, words, generation


def draft_for_check(
    user: User, pk: int, load: Callable[[], Draft]
) -> tuple[Draft, tuple[int, frozenset[str]]]:
    """Return the draft a live check reads, with its order's review-request count and accepted words.

    ``load`` reads the draft from the database, with only the fields a check reads, and raises
    404 when ``user`` may not see it. Warm, a live check makes two cache round trips and no
    query: the draft (with its order and team), then the facts (``draft_facts``) together with
    the team's generation. A cached draft is used only when ``user`` may see it (else the database
    decides) and when its team's generation is the one it was cached under: any change to the
    team or its orders, an import included, starts a new generation.
    """
    if not enabled():
        draft = load()
        return draft, draft_facts(draft)
    key = _draft_key(pk)
    values, cached_under = shared_cache.get(key) or (None, None)
    draft = _draft_from_values(values) if values is not None else None
    if draft is not None and not draft.is_visible_to(user):
        draft = None
    loaded = draft is None
    if loaded:
        draft = load()
    count, words, generation = _facts_and_generation(draft.order, draft.author_id)
    if not loaded and cached_under != generation:
        draft, loaded = load(), True
    if loaded:
        shared_cache.set(key, (_draft_values(draft), generation), DRAFT_TTL_SECONDS)
    return draft, (count, words)


# What a live check reads: the draft's checked fields, and its order and team whole.
_DRAFT_FIELDS = ("id", *(Draft._meta.get_field(name).attname for name in Draft.CHECKED_FIELDS))


def _field_names(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def _draft_values(draft: Draft) -> dict:
    """Return the draft as a live check reads it, as plain values (str, int, datetime)."""
    order = draft.order
    return {
        "draft": [getattr(draft, name) for name in _DRAFT_FIELDS],
        "order": [getattr(order, name) for name in _field_names(Order)],
        "team": [getattr(order.team, name) for name in _field_names(Team)],
    }


def _draft_from_values(values: dict) -> Draft | None:
    """Rebuild the draft, its order and team from cached values, as a query would build them."""
    try:
        draft = Draft.from_db("default", _DRAFT_FIELDS, values["draft"])
        order = Order.from_db("default", _field_names(Order), values["order"])
        order.team = Team.from_db("default", _field_names(Team), values["team"])
    except (KeyError, TypeError, ValueError):
        return None  # cached by another version of the code: read the database instead
    draft.order = order
    return draft


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
        return report
    report = compute()
    if not any(f.severity == "info" and f.start == f.end for f in report.findings):
        with _reports_lock:
            _reports[key] = report
    return report


def cached_fragment(parts: tuple, render: Callable[[], str]) -> str:
    """Return the findings fragment rendered for exactly these parts from this process's memory.

    While a seller types, most checks find exactly what the previous one found (the words
    being typed are fine, the earlier findings have not moved), so the same fragment is sent
    again; rendering it is Django's template language, about a millisecond per finding.
    ``parts`` hold everything the fragment shows: the findings, the interface language, the draft
    and whether the reader is its author.
    """
    if not enabled():
        return render()
    key = hashlib.blake2b(pickle.dumps(parts, protocol=5), digest_size=16).digest()
    with _reports_lock:
        html = _fragments.get(key)
    if html is None:
        html = render()
        with _reports_lock:
            _fragments[key] = html
    return html


def forget_draft(draft_id: int) -> None:
    """Drop the live check's copy of a draft (it was saved, deleted or its format changed)."""
    _forget(_draft_key(draft_id))


def forget_team(team_id: int) -> None:
    """Start a new generation for the team: no draft of its orders is read from the cache again."""
    _forget(_generation_key(team_id))


def forget_reports() -> None:
    """Drop every report and fragment this process keeps (tests start from nothing)."""
    with _reports_lock:
        _reports.clear()
        _fragments.clear()


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


@receiver([post_save, post_delete], sender=PersonalWord)
def _personal_dictionary_changed(sender, instance: PersonalWord, **kwargs) -> None:
    _forget(_personal_words_key(instance.user_id))


@receiver([post_save, post_delete], sender=Draft)
def _draft_changed(sender, instance: Draft, **kwargs) -> None:
    forget_draft(instance.pk)


@receiver(post_save, sender=DraftRevision)
def _draft_text_stored(sender, instance: DraftRevision, **kwargs) -> None:
    # Draft.save_text stores the text with an UPDATE (no post_save) and keeps it as a revision.
    forget_draft(instance.draft_id)


@receiver(orders_stored)
def _orders_stored(sender, team_id: int, **kwargs) -> None:
    forget_team(team_id)


@receiver([post_save, post_delete], sender=Order)
def _order_changed(sender, instance: Order, **kwargs) -> None:
    forget_team(instance.team_id)


@receiver([post_save, post_delete], sender=Team)
def _team_changed(sender, instance: Team, **kwargs) -> None:
    forget_team(instance.pk)
