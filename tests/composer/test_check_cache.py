"""The live-check caches: the same text in the same context is checked once; changes show at once."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.cache import cache
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse

import guidelines
from composer import check_cache, checking
from composer.import_jobs import upsert_orders
from composer.models import DictionaryWord, Draft, MessageRecord, Order, PersonalWord
from composer.views.access import get_draft_to_check
from tests.conftest import ORDER_ID, make_draft

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_check_cache")]

TEXT = f"Hello Laura,\n\nYour order {ORDER_ID} has shipped.\n\nKind regards,\nAcme Home"


@pytest.fixture
def draft(seller, order) -> Draft:
    return make_draft(seller, order, TEXT, message_type="delivery")


@pytest.fixture
def engine_calls():
    with mock.patch("composer.checking.guidelines.check", wraps=guidelines.check) as spy:
        yield spy


def test_the_same_text_in_the_same_context_is_checked_once(draft, engine_calls) -> None:
    first = checking.check_draft(draft)
    second = checking.check_draft(draft)
    assert engine_calls.call_count == 1
    assert first.findings == second.findings


def test_another_text_subject_or_format_is_checked_again(draft, engine_calls) -> None:
    checking.check_draft(draft)
    checking.check_draft(draft, body=TEXT + " Thanks!")
    checking.check_draft(draft, subject="Your order")
    checking.check_draft(draft, message_format="html")
    assert engine_calls.call_count == 4


def test_a_change_to_the_order_is_checked_again(draft, engine_calls) -> None:
    checking.check_draft(draft)
    draft.order.status = "Canceled"
    draft.order.save()
    checking.check_draft(draft)
    assert engine_calls.call_count == 2


def test_a_recorded_review_request_counts_at_once(draft, seller) -> None:
    assert check_cache.order_facts(draft.order)[0] == 0
    MessageRecord.objects.create(order=draft.order, kind=MessageRecord.Kind.REQUEST_A_REVIEW, sent_by=seller)
    assert check_cache.order_facts(draft.order)[0] == 1
    assert draft.order.check_context()["review_requests_sent"] == 1


def test_a_new_dictionary_word_counts_at_once(draft, seller) -> None:
    assert "Acmeware" not in check_cache.order_facts(draft.order)[1]
    DictionaryWord.objects.create(team=seller.team, word="Acmeware", added_by=seller)
    assert "Acmeware" in check_cache.order_facts(draft.order)[1]


def test_the_authors_own_word_counts_at_once_and_only_for_their_drafts(draft, seller, other_seller) -> None:
    assert "Acmeware" not in check_cache.draft_facts(draft)[1]
    PersonalWord.objects.add(user=seller, word="Acmeware")
    assert "Acmeware" in check_cache.draft_facts(draft)[1]
    colleague_draft = make_draft(other_seller, draft.order, TEXT, message_type="delivery")
    assert "Acmeware" not in check_cache.draft_facts(colleague_draft)[1]


def test_the_order_facts_and_the_authors_words_are_one_round_trip(draft) -> None:
    check_cache.draft_facts(draft)
    with mock.patch.object(cache, "get_many", wraps=cache.get_many) as get_many:
        check_cache.draft_facts(draft)
    get_many.assert_called_once()
    assert len(get_many.call_args.args[0]) == 4  # count, team words, generation, author's words


def test_a_report_with_a_backend_notice_is_not_kept(draft) -> None:
    notice = guidelines.Finding(
        start=0, end=0, rule="W501", category="spelling", severity="info", message="LanguageTool is down"
    )
    unavailable = guidelines.Report(findings=(notice,))
    calls = []

    def compute():
        calls.append(1)
        return unavailable

    check_cache.cached_report({"text": "x"}, compute)
    check_cache.cached_report({"text": "x"}, compute)
    assert len(calls) == 2


def test_without_a_shared_cache_nothing_is_cached(settings, draft, engine_calls) -> None:
    settings.CHECK_CACHE = False
    checking.check_draft(draft)
    checking.check_draft(draft)
    assert engine_calls.call_count == 2


def test_order_facts_come_from_the_cache_and_change_at_once(draft, seller, django_assert_num_queries) -> None:
    assert check_cache.order_facts(draft.order) == (0, frozenset())
    with django_assert_num_queries(0):
        assert check_cache.order_facts(draft.order) == (0, frozenset())
    MessageRecord.objects.create(order=draft.order, kind=MessageRecord.Kind.REQUEST_A_REVIEW, sent_by=seller)
    DictionaryWord.objects.create(team=seller.team, word="Acmeware", added_by=seller)
    count, words = check_cache.order_facts(draft.order)
    assert count == 1
    assert "Acmeware" in words


def test_a_report_is_kept_in_the_process_without_the_shared_cache(draft, engine_calls) -> None:
    checking.check_draft(draft)
    cache.clear()  # the shared cache holds no report: it lives in this process
    checking.check_draft(draft)
    assert engine_calls.call_count == 1


# The draft as the live check reads it: from the cache when warm, retired by every change.


def _load_as(user, draft: Draft):
    request = RequestFactory().post("/")
    request.user = user
    return lambda: get_draft_to_check(request, draft.pk)


def _draft_for_check(user, draft: Draft) -> Draft:
    found, _facts = check_cache.draft_for_check(user, draft.pk, _load_as(user, draft))
    return found


def test_a_warm_live_check_reads_no_database(draft, seller, django_assert_num_queries) -> None:
    _draft_for_check(seller, draft)
    with django_assert_num_queries(0):
        found, facts = check_cache.draft_for_check(seller, draft.pk, _load_as(seller, draft))
    assert (found.pk, found.order.amazon_order_id, found.order.team.store_name) == (
        draft.pk,
        ORDER_ID,
        "Acme Home",
    )
    assert facts == (0, frozenset())


def test_a_warm_cache_gives_nobody_else_the_draft(draft, seller, other_seller, lead, other_lead) -> None:
    _draft_for_check(seller, draft)
    assert _draft_for_check(lead, draft).pk == draft.pk
    for outsider in (other_seller, other_lead):
        with pytest.raises(Http404):
            _draft_for_check(outsider, draft)


def test_an_order_change_is_read_at_once(draft, seller) -> None:
    _draft_for_check(seller, draft)
    draft.order.status = Order.Status.CANCELED
    draft.order.save()
    assert _draft_for_check(seller, draft).order.status == Order.Status.CANCELED


def test_an_imported_order_change_is_read_at_once(draft, seller) -> None:
    _draft_for_check(seller, draft)
    row = {"marketplace": "US", "purchase_date": draft.order.purchase_date, "status": Order.Status.CANCELED}
    upsert_orders(seller.team_id, [(ORDER_ID, row)], update_fields=("status",))
    assert _draft_for_check(seller, draft).order.status == Order.Status.CANCELED


def test_a_new_store_name_is_read_at_once(draft, seller) -> None:
    _draft_for_check(seller, draft)
    seller.team.store_name = "Acme Kitchen"
    seller.team.save()
    assert _draft_for_check(seller, draft).order.team.store_name == "Acme Kitchen"


def test_a_new_format_is_read_at_once(draft, seller) -> None:
    _draft_for_check(seller, draft)
    draft.save_text(body=TEXT, subject="", base_version=draft.version, findings=[], by=seller, format="html")
    assert _draft_for_check(seller, draft).format == "html"


def test_the_cached_draft_carries_no_text(draft, seller) -> None:
    found = _draft_for_check(seller, draft)
    assert {"body", "subject", "findings"} <= found.get_deferred_fields()


@pytest.mark.parametrize("persona", ["seller", "other_seller", "lead", "other_lead", "admin_user"])
def test_is_visible_to_follows_the_visible_to_query(request, draft, persona) -> None:
    user = request.getfixturevalue(persona)
    assert draft.is_visible_to(user) == Draft.objects.visible_to(user).filter(pk=draft.pk).exists()


def test_the_live_check_view_with_a_warm_cache_answers_only_those_who_may_see_the_draft(
    client, draft, seller, other_seller, lead, other_lead, admin_user
) -> None:
    url = reverse("draft_check", args=[draft.pk])
    data = {"body": TEXT, "subject": "", "version": draft.version}
    expected = {seller: 200, lead: 200, admin_user: 200, other_seller: 404, other_lead: 404}
    for user, status in expected.items():
        client.force_login(user)
        assert client.post(url, data).status_code == status, user.username
    assert cache.get(check_cache._draft_key(draft.pk)) is not None  # the answers above came from it


def test_the_shared_cache_holds_plain_values_never_a_model_instance(draft, seller) -> None:
    import datetime
    import pickle

    _draft_for_check(seller, draft)
    values, _generation = cache.get(f"check:draft:{draft.pk}")
    plain = (str, int, bool, type(None), datetime.datetime)

    def flatten(value):
        if isinstance(value, dict):
            for item in value.values():
                yield from flatten(item)
        elif isinstance(value, list | tuple):
            for item in value:
                yield from flatten(item)
        else:
            yield value

    assert all(isinstance(value, plain) for value in flatten(values))
    assert b"composer.models" not in pickle.dumps(values)
    # Rebuilt as loaded from the database: saving it would update, never insert.
    found = _draft_for_check(seller, draft)
    assert not found._state.adding and not found.order._state.adding


def test_a_later_text_save_drops_the_cached_draft(draft, seller) -> None:
    _draft_for_check(seller, draft)
    draft.save_text(body="x", subject="", base_version=draft.version, findings=[], by=seller)
    assert cache.get(f"check:draft:{draft.pk}") is None


def test_the_kept_reports_are_bounded_least_recently_used_first(draft, engine_calls, monkeypatch) -> None:
    from cachetools import LRUCache

    monkeypatch.setattr(check_cache, "_reports", LRUCache(maxsize=2))
    checking.check_draft(draft, body="one")
    checking.check_draft(draft, body="two")
    checking.check_draft(draft, body="one")  # kept: "two" is now the least recently used
    checking.check_draft(draft, body="three")  # drops "two"
    assert engine_calls.call_count == 3
    checking.check_draft(draft, body="one")
    assert engine_calls.call_count == 3
    checking.check_draft(draft, body="two")
    assert engine_calls.call_count == 4


def test_models_import_nothing_from_the_cache() -> None:
    """Invalidation lives in check_cache's signal receivers; the models do not reach back into it."""
    import ast
    from pathlib import Path

    import composer.models

    tree = ast.parse(Path(composer.models.__file__).read_text())
    imported = {
        alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names
    } | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "check_cache" not in imported and "composer.check_cache" not in imported


def test_an_ignored_word_drops_the_cached_draft(draft, seller) -> None:
    _draft_for_check(seller, draft)
    draft.ignore_word("Acmeware")
    assert cache.get(f"check:draft:{draft.pk}") is None
    assert _draft_for_check(seller, draft).ignored_words == ["Acmeware"]
