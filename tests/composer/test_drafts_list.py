"""My drafts: what each row tells the seller, and Archive with its undo."""

from __future__ import annotations

import pytest
from django.urls import reverse

from composer.models import Draft
from tests.conftest import ORDER_ID, make_draft

pytestmark = pytest.mark.django_db

TEXT = f"Hello Laura,\n\nPlease confirm the colour for order {ORDER_ID}.\n\nAcme Home"


@pytest.fixture
def draft(seller, order) -> Draft:
    return make_draft(seller, order, TEXT)


def test_the_list_shows_product_type_status_errors_excerpt_and_last_change(client, seller, order) -> None:
    with_emoji = make_draft(seller, order, TEXT + " 🎉")
    with_emoji.findings = [{"severity": "error", "rule": "S401"}, {"severity": "warning", "rule": "M102"}]
    with_emoji.save()
    client.force_login(seller)
    page = client.get(reverse("drafts")).content.decode()
    assert order.product_name[:40] in page
    assert "Order question" in page and "Draft" in page
    assert "Please confirm the colour" in page
    assert '<span class="text-danger">1</span>' in page
    assert "Last change" in page


def test_archiving_takes_the_draft_off_the_list_and_undo_brings_it_back(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.post(reverse("draft_archive", args=[draft.pk]))
    assert response.status_code == 302 and response["Location"].endswith(f"?archived={draft.pk}")
    page = client.get(response["Location"]).content.decode()
    assert f'href="/drafts/{draft.pk}/"' not in page
    assert "Undo" in page and "Archived:" in page
    draft.refresh_from_db()
    assert draft.archived_at is not None and draft.events.filter(note="Archived").exists()
    client.post(reverse("draft_archive", args=[draft.pk]), {"restore": "on"})
    draft.refresh_from_db()
    assert draft.archived_at is None
    assert f'href="/drafts/{draft.pk}/"' in client.get(reverse("drafts")).content.decode()


def test_an_archived_draft_keeps_its_page_and_history(client, seller, draft) -> None:
    client.force_login(seller)
    client.post(reverse("draft_archive", args=[draft.pk]))
    assert client.get(reverse("draft", args=[draft.pk])).status_code == 200


def test_another_seller_cannot_archive_a_draft(client, other_seller, draft) -> None:
    client.force_login(other_seller)
    assert client.post(reverse("draft_archive", args=[draft.pk])).status_code == 404
    draft.refresh_from_db()
    assert draft.archived_at is None


def test_a_lead_cannot_archive_a_sellers_draft(client, lead, draft) -> None:
    client.force_login(lead)
    assert client.post(reverse("draft_archive", args=[draft.pk])).status_code == 403


def test_the_undo_notice_is_only_for_ones_own_archived_draft(
    client, seller, other_seller, order, draft
) -> None:
    theirs = make_draft(other_seller, order, TEXT)
    theirs.archive(by=other_seller)
    client.force_login(seller)
    page = client.get(reverse("drafts"), {"archived": theirs.pk}).content.decode()
    assert "Archived:" not in page
    page = client.get(reverse("drafts"), {"archived": "x"}).content.decode()
    assert "Archived:" not in page
