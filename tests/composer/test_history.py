"""A draft's history: every stored text, restoring one, and thinning old autosaves."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from composer.models import Draft, DraftRevision
from tests.conftest import ORDER_ID, make_draft

pytestmark = pytest.mark.django_db

CLEAN = (
    f"Hello Laura,\n\nBefore we ship your order {ORDER_ID}, please confirm the colour you would like."
    "\n\nKind regards,\nAcme Home"
)


@pytest.fixture
def draft(seller, order) -> Draft:
    draft = make_draft(seller, order, CLEAN)
    draft.save_text(body="second text", subject="", base_version=1, findings=[], by=seller, reason="autosave")
    return draft


def test_the_history_lists_every_text_with_who_and_why(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.get(reverse("draft_history", args=[draft.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Version 2" in html and "Version 1" in html and "second text" in html and "colour" in html
    assert "Autosave" in html and "Started from the template" in html and "alice" in html
    assert "Restore version 1" in html and "Restore version 2" not in html


def test_restoring_stores_the_old_text_as_a_new_revision(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.post(reverse("draft_restore", args=[draft.pk, 1]), {"version": 2})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.body == CLEAN and draft.version == 3
    newest = draft.revisions.get(version=3)
    assert newest.reason == DraftRevision.Reason.RESTORE and newest.author == seller
    assert draft.revisions.get(version=2).body == "second text"


def test_restoring_from_a_page_that_is_out_of_date_is_a_conflict(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.post(reverse("draft_restore", args=[draft.pk, 1]), {"version": 1})
    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.body == "second text" and draft.version == 2


def test_restoring_without_a_version_is_refused(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.post(reverse("draft_restore", args=[draft.pk, 1]), {})
    assert response.status_code == 400 and "which version" in response.content.decode()
    draft.refresh_from_db()
    assert draft.version == 2


def test_a_version_the_draft_never_had_is_a_404(client, seller, draft) -> None:
    client.force_login(seller)
    assert client.post(reverse("draft_restore", args=[draft.pk, 9]), {"version": 2}).status_code == 404


def test_another_sellers_history_is_a_404(client, other_seller, draft) -> None:
    client.force_login(other_seller)
    assert client.get(reverse("draft_history", args=[draft.pk])).status_code == 404
    assert client.post(reverse("draft_restore", args=[draft.pk, 1]), {"version": 2}).status_code == 404


def test_an_edit_after_approval_is_recorded_as_such(seller, lead, draft) -> None:
    draft.submit(by=seller)
    draft.approve(by=lead, version=2)
    assert draft.revisions.get(version=2).approved
    draft.save_text(body="changed", subject="", base_version=2, findings=[], by=seller, reason="autosave")
    assert draft.revisions.get(version=3).reason == DraftRevision.Reason.EDITED_AFTER_APPROVAL


def _autosave(draft: Draft, seller, text: str, *, session: str, at) -> DraftRevision:
    revision = draft.save_text(
        body=text,
        subject="",
        base_version=draft.version,
        findings=[],
        by=seller,
        reason="autosave",
        session=session,
    )
    DraftRevision.objects.filter(pk=revision.pk).update(created=at)
    return revision


def test_thinning_keeps_one_autosave_per_minute_and_every_pinned_one(seller, order) -> None:
    draft = make_draft(seller, order, CLEAN)
    two_days_ago = timezone.now() - timedelta(days=2)
    minute = two_days_ago.replace(second=0, microsecond=0)
    # Session "a": four autosaves in one minute, then four in the next.
    for i in range(8):
        at = minute + timedelta(minutes=i // 4, seconds=10 * (i % 4))
        _autosave(draft, seller, f"a{i}", session="a", at=at)
    # Session "b": two in one minute; the exported one and the session's last must stay.
    exported = _autosave(draft, seller, "b-exported", session="b", at=minute + timedelta(minutes=5))
    DraftRevision.objects.filter(pk=exported.pk).update(exported=True)
    _autosave(draft, seller, "b-more", session="b", at=minute + timedelta(minutes=5, seconds=5))
    _autosave(draft, seller, "b-last", session="b", at=minute + timedelta(minutes=5, seconds=9))
    # A recent autosave is never thinned.
    _autosave(draft, seller, "recent-1", session="c", at=timezone.now())
    _autosave(draft, seller, "recent-2", session="c", at=timezone.now())
    call_command("thin_revisions", verbosity=0)
    left = set(draft.revisions.values_list("body", flat=True))
    assert left == {CLEAN, "a3", "a7", "b-exported", "b-last", "recent-1", "recent-2"}


def test_thinning_never_removes_the_last_autosave_of_a_session(seller, order) -> None:
    draft = make_draft(seller, order, CLEAN)
    old = (timezone.now() - timedelta(days=3)).replace(second=0, microsecond=0)
    _autosave(draft, seller, "one", session="a", at=old)
    _autosave(draft, seller, "two", session="b", at=old + timedelta(seconds=1))
    _autosave(draft, seller, "three", session="a", at=old + timedelta(seconds=2))
    call_command("thin_revisions", verbosity=0)
    assert set(draft.revisions.values_list("body", flat=True)) == {CLEAN, "two", "three"}


def test_celery_beat_thins_the_history_daily(seller, order, settings) -> None:
    from composer.tasks import thin_revisions

    assert settings.CELERY_BEAT_SCHEDULE["thin-revisions"]["task"] == "composer.tasks.thin_revisions"
    draft = make_draft(seller, order, CLEAN)
    minute = (timezone.now() - timedelta(days=2)).replace(second=0, microsecond=0)
    for n in range(3):
        _autosave(draft, seller, f"t{n}", session="a", at=minute + timedelta(seconds=n))
    _autosave(draft, seller, "last", session="a", at=timezone.now())
    assert thin_revisions() == 2
    assert set(draft.revisions.values_list("body", flat=True)) == {CLEAN, "t2", "last"}
