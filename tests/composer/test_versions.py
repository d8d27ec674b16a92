"""Every write names its version: none is a 400, an old one a 409 with both texts, nothing lost."""

from __future__ import annotations

import pytest
from django.urls import reverse

from composer.models import Draft, DraftRevision, MessageRecord, ReviewComment
from tests.conftest import ORDER_ID, make_draft

pytestmark = pytest.mark.django_db

CLEAN = (
    f"Hello Laura,\n\nBefore we ship your order {ORDER_ID}, please confirm the colour you would like."
    "\n\nKind regards,\nAcme Home"
)
NEWER = CLEAN.replace("colour", "size")
STALE = CLEAN.replace("colour", "finish")


@pytest.fixture
def draft(seller, order) -> Draft:
    return make_draft(seller, order, CLEAN)


@pytest.fixture
def newer(draft, seller) -> Draft:
    """The draft after another tab saved version 2: a write naming version 1 is stale."""
    draft.save_text(body=NEWER, subject="", base_version=1, findings=[], by=seller)
    return draft


SELLER_WRITES = {
    "save": ("draft", {}),
    "export": ("draft_export", {"format": "text"}),
    "submit": ("draft_submit", {}),
}


@pytest.mark.parametrize("write", sorted(SELLER_WRITES))
@pytest.mark.parametrize("accept", ["text/html", "application/json"])
def test_a_seller_write_without_a_version_is_a_400_and_stores_nothing(
    client, seller, newer, write, accept
) -> None:
    name, extra = SELLER_WRITES[write]
    client.force_login(seller)
    response = client.post(reverse(name, args=[newer.pk]), {"body": STALE, **extra}, HTTP_ACCEPT=accept)
    assert response.status_code == 400
    assert "which version" in response.content.decode()
    newer.refresh_from_db()
    assert newer.body == NEWER and newer.version == 2 and newer.status == Draft.Status.DRAFT
    assert not MessageRecord.objects.exists()


@pytest.mark.parametrize("write", sorted(SELLER_WRITES))
def test_a_seller_write_on_an_old_version_is_a_409_with_both_texts(client, seller, newer, write) -> None:
    name, extra = SELLER_WRITES[write]
    client.force_login(seller)
    url = reverse(name, args=[newer.pk])
    response = client.post(url, {"body": STALE, "version": 1, **extra}, HTTP_ACCEPT="application/json")
    assert response.status_code == 409
    data = response.json()
    assert data["body"] == NEWER and data["version"] == 2 and data["mine"]["body"] == STALE
    assert data["base_version"] == 1
    page = client.post(url, {"body": STALE, "version": 1, **extra})
    assert page.status_code == 409
    html = page.content.decode()
    assert "Your text (not saved)" in html and "finish" in html and "size" in html
    newer.refresh_from_db()
    assert newer.body == NEWER and newer.version == 2 and newer.status == Draft.Status.DRAFT
    assert not MessageRecord.objects.exists()


def test_an_export_of_the_stored_text_on_an_old_version_is_still_a_conflict(client, seller, newer) -> None:
    client.force_login(seller)
    url = reverse("draft_export", args=[newer.pk])
    response = client.post(url, {"body": NEWER, "version": 1, "format": "text"})
    assert response.status_code == 409 and not MessageRecord.objects.exists()


def test_two_tabs_lose_no_text(client, seller, draft) -> None:
    """Tab A and tab B open version 1; A saves, B's save is refused; both texts stay stored."""
    client.force_login(seller)
    url = reverse("draft", args=[draft.pk])
    first = client.post(url, {"body": NEWER, "version": 1}, HTTP_ACCEPT="application/json")
    second = client.post(url, {"body": STALE, "version": 1}, HTTP_ACCEPT="application/json")
    assert first.status_code == 200 and second.status_code == 409
    # Tab B's seller chooses "Keep my text": saved on top of the version the conflict named.
    keep = client.post(
        url, {"body": STALE, "version": second.json()["version"]}, HTTP_ACCEPT="application/json"
    )
    assert keep.status_code == 200
    texts = list(draft.revisions.order_by("version").values_list("version", "body"))
    assert texts == [(1, CLEAN), (2, NEWER), (3, STALE)]


def test_a_refused_submit_stores_nothing(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.post(reverse("draft_submit", args=[draft.pk]), {"body": CLEAN + " 🎉", "version": 1})
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.body == CLEAN and draft.version == 1 and draft.status == Draft.Status.DRAFT
    assert draft.revisions.count() == 1


def test_a_submit_refused_for_its_state_stores_nothing(client, seller, draft) -> None:
    draft.submit(by=seller)
    client.force_login(seller)
    response = client.post(reverse("draft_submit", args=[draft.pk]), {"body": NEWER, "version": 1})
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.body == CLEAN and draft.version == 1 and draft.revisions.count() == 1


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("review_approve", {}),
        ("review_comment", {"body": "Looks good."}),
        ("review_request_changes", {"comment": "Shorter, please."}),
    ],
)
def test_a_lead_write_without_a_version_is_a_400_and_on_an_old_one_a_409(
    client, seller, lead, draft, name, data
) -> None:
    draft.submit(by=seller)
    draft.save_text(body=NEWER, subject="", base_version=1, findings=[], by=seller)
    client.force_login(lead)
    url = reverse(name, args=[draft.pk])
    assert client.post(url, data).status_code == 400
    stale = client.post(url, {**data, "version": 1})
    assert stale.status_code == 409
    html = stale.content.decode()
    assert "size" in html and "The text you read (version 1)" in html and "colour" in html
    draft.refresh_from_db()
    assert draft.approved_version is None and not ReviewComment.objects.exists()
    assert draft.status == Draft.Status.SUBMITTED


def test_every_stored_text_is_a_revision_with_who_and_why(client, seller, draft) -> None:
    client.force_login(seller)
    url = reverse("draft", args=[draft.pk])
    client.post(url, {"body": "autosaved", "version": 1}, HTTP_ACCEPT="application/json")
    client.post(url, {"body": "saved", "version": 2, "action": "save"})
    client.post(url, {"body": "fixed", "version": 3, "reason": "fix"}, HTTP_ACCEPT="application/json")
    revisions = list(draft.revisions.order_by("version").values_list("version", "reason", "author", "body"))
    assert revisions == [
        (1, DraftRevision.Reason.STARTED, seller.pk, CLEAN),
        (2, DraftRevision.Reason.AUTOSAVE, seller.pk, "autosaved"),
        (3, DraftRevision.Reason.SAVE, seller.pk, "saved"),
        (4, DraftRevision.Reason.FIX, seller.pk, "fixed"),
    ]
    assert all(draft.revisions.values_list("session", flat=True)[:3])
