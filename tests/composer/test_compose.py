"""The seller's path: start a message, check it live, save it and export it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from composer.models import Draft, MessageRecord
from tests.conftest import ORDER_ID, make_draft

pytestmark = pytest.mark.django_db

CLEAN = (
    f"Hello Laura,\n\nBefore we ship your order {ORDER_ID}, please confirm the colour you would like."
    "\n\nKind regards,\nAcme Home"
)


@pytest.fixture
def draft(seller, order) -> Draft:
    return make_draft(seller, order, CLEAN)


def _start(client, **data):
    payload = {"message_type": "order_question", "order_id": ORDER_ID, "buyer_locale": "", **data}
    return client.post(reverse("new_message"), payload)


def test_starting_a_message_fills_the_template_with_the_order(client, seller, order, templates) -> None:
    client.force_login(seller)
    response = _start(client)
    draft = Draft.objects.get()
    assert response.status_code == 302 and response.url == reverse("draft", args=[draft.pk])
    assert ORDER_ID in draft.body and "Cast Iron Dutch Oven" in draft.body
    assert "{{" not in draft.body
    assert draft.buyer_locale == "en-US"  # preset from the order
    assert draft.template_version is not None


def test_a_new_draft_fills_placeholders_as_the_template_preview_does(
    client, seller, order, admin_user
) -> None:
    from composer import template_library
    from composer.models import MessageTemplate

    body = (
        "Hello {{ buyer_name }},\n\nyour order {{ order_id }} ({{product_name}}) ships today.\n\n{{answer}}"
    )
    template = MessageTemplate.objects.create(
        message_type="order_question", language="en", subject="", body=""
    )
    template.publish(body=body, subject="", by=admin_user, note="spaces inside braces")
    client.force_login(seller)
    _start(client)
    draft = Draft.objects.get()
    assert f"your order {ORDER_ID} (Cast Iron Dutch Oven) ships today" in draft.body
    assert "{{ order_id }}" not in draft.body and "{{ buyer_name }}" not in draft.body
    # The seller's own part stays a placeholder, which the check reports until it is filled.
    assert draft.body.endswith("{{answer}}")
    preview = template_library.render(body, template_library.sample_values("en"))
    assert "{{" not in preview and "Hello Laura," in preview  # sample data, filled the same way


def test_buyer_language_choice_selects_the_template_language(client, seller, order, templates) -> None:
    client.force_login(seller)
    _start(client, buyer_locale="de-DE")
    draft = Draft.objects.get()
    assert draft.buyer_locale == "de-DE" and "Bestellung" in draft.body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"order_id": "114-49095058661897"}, "17 digits"),
        ({"order_id": "999-9999999-9999999"}, "No order"),
        ({"message_type": "newsletter"}, "valid choice"),
        ({"buyer_locale": "xx-XX"}, "valid choice"),
    ],
)
def test_bad_input_to_new_message_is_refused_with_400(client, seller, order, data, message) -> None:
    client.force_login(seller)
    response = _start(client, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Draft.objects.exists()


def test_seller_cannot_start_a_message_for_another_teams_order(client, seller, other_order) -> None:
    client.force_login(seller)
    response = _start(client, order_id=other_order.amazon_order_id)
    assert response.status_code == 400 and not Draft.objects.exists()


def test_editor_shows_the_draft_and_its_findings(client, seller, draft) -> None:
    client.force_login(seller)
    draft.body = CLEAN + " 🎉"
    draft.save()
    response = client.get(reverse("draft", args=[draft.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-rule="S401"' in html and 'data-category="emoji"' in html
    assert 'id="export-button"' in html and "disabled" in html.split('id="export-button"')[1].split(">")[0]


def test_live_check_returns_the_findings_fragment(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.post(reverse("draft_check", args=[draft.pk]), {"body": CLEAN + " 🎉", "subject": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-severity="error"' in html and 'data-ok="false"' in html
    assert "<html" not in html


def test_live_check_of_binary_junk_is_a_400(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.post(reverse("draft_check", args=[draft.pk]), {"body": "abc\x00\x01def"})
    assert response.status_code == 400


def test_saving_stores_text_and_findings_and_bumps_the_version(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.post(
        reverse("draft", args=[draft.pk]), {"body": CLEAN + " 🎉", "subject": "", "version": 1}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.version == 2 and draft.body.endswith("🎉")
    assert [f["rule"] for f in draft.findings if f["severity"] == "error"] == ["S401"]


def test_saving_from_an_old_version_is_a_conflict_and_overwrites_nothing(client, seller, draft) -> None:
    client.force_login(seller)
    client.post(reverse("draft", args=[draft.pk]), {"body": "first tab", "version": 1})
    response = client.post(reverse("draft", args=[draft.pk]), {"body": "second tab", "version": 1})
    assert response.status_code == 409
    assert "first tab" in response.content.decode() and "second tab" in response.content.decode()
    draft.refresh_from_db()
    assert draft.body == "first tab" and draft.version == 2


def test_autosave_answers_json(client, seller, draft) -> None:
    client.force_login(seller)
    url = reverse("draft", args=[draft.pk])
    ok = client.post(url, {"body": "x", "version": 1}, HTTP_ACCEPT="application/json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = client.post(url, {"body": "y", "version": 1}, HTTP_ACCEPT="application/json")
    assert stale.status_code == 409 and stale.json()["body"] == "x"


def test_a_huge_body_is_refused_and_nothing_is_stored(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.post(reverse("draft", args=[draft.pk]), {"body": "a" * 1_000_000, "version": 1})
    assert response.status_code in (400, 413)
    draft.refresh_from_db()
    assert draft.body == CLEAN and draft.version == 1


def test_export_is_refused_on_the_server_while_an_error_remains(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.post(
        reverse("draft_export", args=[draft.pk]), {"body": CLEAN + " 🎉", "version": 1, "format": "text"}
    )
    assert response.status_code == 400
    assert "Export refused" in response.content.decode()
    assert not MessageRecord.objects.exists()


def test_export_of_an_empty_message_is_refused(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.post(
        reverse("draft_export", args=[draft.pk]), {"body": "", "version": 1, "format": "text"}
    )
    assert response.status_code == 400


def test_export_downloads_the_text_and_marks_the_draft_exported(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.post(
        reverse("draft_export", args=[draft.pk]), {"body": CLEAN, "version": 1, "format": "text"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response.content.decode() == CLEAN
    assert not MessageRecord.objects.exists()
    draft.refresh_from_db()
    assert draft.status == Draft.Status.EXPORTED and draft.exported_version == draft.version


def test_another_sellers_draft_is_a_404(client, other_seller, draft) -> None:
    client.force_login(other_seller)
    assert client.get(reverse("draft", args=[draft.pk])).status_code == 404
    assert client.post(reverse("draft_check", args=[draft.pk]), {"body": "x"}).status_code == 404
    assert (
        client.post(reverse("draft_export", args=[draft.pk]), {"body": CLEAN, "format": "text"}).status_code
        == 404
    )


def test_pages_require_login(client, draft) -> None:
    response = client.get(reverse("draft", args=[draft.pk]))
    assert response.status_code == 302 and reverse("login") in response.url


def test_my_drafts_lists_only_my_drafts(client, seller, other_seller, draft) -> None:
    client.force_login(other_seller)
    assert ORDER_ID not in client.get(reverse("drafts")).content.decode()
    client.force_login(seller)
    assert ORDER_ID in client.get(reverse("drafts")).content.decode()
