"""Export and sent: exports repeat freely; "Mark as sent" puts the message in the order's history."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from composer.models import Draft, MessageRecord
from tests.conftest import ORDER_ID, make_draft

pytestmark = pytest.mark.django_db

CLEAN = (
    f"Hello Laura,\n\nBefore we ship your order {ORDER_ID}, please confirm the colour you would like."
    "\n\nKind regards,\nAcme Home"
)
REVIEW = (
    f"Hello Laura,\n\nthank you for your order {ORDER_ID}. If you have a moment, please share your"
    " experience with the product on Amazon.\n\nKind regards,\nAcme Home"
)


@pytest.fixture
def free_team(team):
    team.approval_required = False
    team.save()
    return team


@pytest.fixture
def draft(seller, order, free_team) -> Draft:
    return make_draft(seller, order, CLEAN)


def _export(client, draft: Draft, fmt: str = "text"):
    draft.refresh_from_db()
    payload = {"body": draft.body, "subject": draft.subject, "version": draft.version, "format": fmt}
    return client.post(reverse("draft_export", args=[draft.pk]), payload)


def _mark_sent(client, draft: Draft, version: int | None = None):
    draft.refresh_from_db()
    return client.post(reverse("draft_sent", args=[draft.pk]), {"version": version or draft.version})


def test_exporting_in_three_formats_leaves_the_history_empty_and_never_blocks(client, seller, draft) -> None:
    client.force_login(seller)
    for fmt in ("text", "api", "text"):
        assert _export(client, draft, fmt).status_code == 200
    assert not MessageRecord.objects.exists()
    page = client.get(reverse("draft", args=[draft.pk])).content.decode()
    assert "Nothing sent for this order yet." in page


def test_mark_as_sent_records_the_exported_text_once_in_the_history(client, seller, draft, order) -> None:
    client.force_login(seller)
    _export(client, draft)
    _export(client, draft, "api")
    response = _mark_sent(client, draft)
    assert response.status_code == 302
    record = MessageRecord.objects.get()
    assert (record.kind, record.channel, record.text, record.sent_by) == (
        MessageRecord.Kind.SENT,
        MessageRecord.Channel.SELLER_CENTRAL,
        CLEAN,
        seller,
    )
    draft.refresh_from_db()
    assert draft.status == Draft.Status.SENT
    page = client.get(reverse("order", args=[order.pk])).content.decode()
    assert "Sent message" in page and "marked by the seller" in page


def test_mark_as_sent_before_any_export_is_refused_and_stores_nothing(client, seller, draft) -> None:
    client.force_login(seller)
    response = _mark_sent(client, draft)
    assert response.status_code == 400
    assert "Export the message first" in response.content.decode()
    assert not MessageRecord.objects.exists()


def test_mark_as_sent_after_the_text_changed_is_refused(client, seller, draft) -> None:
    client.force_login(seller)
    _export(client, draft)
    draft.save_text(body=CLEAN + " Thanks.", subject="", base_version=draft.version, findings=[], by=seller)
    response = _mark_sent(client, draft)
    assert response.status_code == 400
    assert "changed after the export" in response.content.decode()
    assert not MessageRecord.objects.exists()


def test_mark_as_sent_for_an_older_version_is_a_conflict(client, seller, draft) -> None:
    client.force_login(seller)
    _export(client, draft)
    draft.refresh_from_db()
    response = _mark_sent(client, draft, version=draft.version + 5)
    assert response.status_code == 409
    assert not MessageRecord.objects.exists()


def test_a_message_is_marked_as_sent_only_once(client, seller, draft) -> None:
    client.force_login(seller)
    _export(client, draft)
    _mark_sent(client, draft)
    _export(client, draft)
    response = _mark_sent(client, draft)
    assert response.status_code == 400
    assert "already marked as sent" in response.content.decode()
    assert MessageRecord.objects.count() == 1


def test_without_a_version_mark_as_sent_is_a_bad_request(client, seller, draft) -> None:
    client.force_login(seller)
    _export(client, draft)
    response = client.post(reverse("draft_sent", args=[draft.pk]), {})
    assert response.status_code == 400
    assert not MessageRecord.objects.exists()


def test_another_seller_cannot_mark_a_draft_as_sent(client, seller, other_seller, draft) -> None:
    client.force_login(seller)
    _export(client, draft)
    client.force_login(other_seller)
    assert _mark_sent(client, draft).status_code == 404
    assert not MessageRecord.objects.exists()


def test_a_lead_cannot_mark_a_sellers_draft_as_sent(client, seller, lead, draft) -> None:
    client.force_login(seller)
    _export(client, draft)
    client.force_login(lead)
    assert _mark_sent(client, draft).status_code == 403
    assert not MessageRecord.objects.exists()


def test_an_exported_review_request_is_a_warning_and_only_a_sent_one_blocks_the_next(
    client, seller, order, free_team
) -> None:
    first = make_draft(seller, order, REVIEW, message_type="review_request")
    second = make_draft(seller, order, REVIEW, message_type="review_request")
    client.force_login(seller)
    assert _export(client, first).status_code == 200
    # Only exported: the second request warns with the export date, and can still be exported.
    page = client.get(reverse("draft", args=[second.pk])).content.decode()
    assert "not marked as sent" in page
    assert _export(client, second).status_code == 200
    assert _mark_sent(client, first).status_code == 302
    # Now the order has had its request: the second is refused, on export and on marking.
    assert _export(client, second).status_code == 400
    response = _mark_sent(client, second)
    assert response.status_code == 400
    assert "already recorded" in response.content.decode()
    assert order.review_requests_sent() == 1


def test_the_site_sending_through_amazon_records_sent_without_an_export(seller, draft) -> None:
    record = draft.mark_sent(by=seller, channel=MessageRecord.Channel.API, text="the text sent")
    assert (record.channel, record.text) == (MessageRecord.Channel.API, "the text sent")
    with pytest.raises(ValidationError):
        draft.mark_sent(by=seller, channel=MessageRecord.Channel.API, text="again")
    assert MessageRecord.objects.count() == 1


def test_export_refusal_names_every_reason_at_once(client, seller, order, team) -> None:
    team.approval_required = True
    team.save()
    draft = make_draft(seller, order, CLEAN + " Email me at laura@example.com")
    client.force_login(seller)
    draft.refresh_from_db()
    payload = {"body": draft.body, "subject": "", "version": draft.version, "format": "text"}
    response = client.post(reverse("draft_export", args=[draft.pk]), payload, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    errors = " ".join(response.json()["errors"])
    assert "approval" in errors and "problems" in errors
