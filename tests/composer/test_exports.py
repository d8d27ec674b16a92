"""Exports: plain text, sanitised HTML and the Messaging API request, each re-checked and recorded."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

import guidelines
from composer import exports, sp_api
from composer.models import Draft, MessageRecord
from tests.conftest import ORDER_ID, make_draft

pytestmark = pytest.mark.django_db

CLEAN = (
    f"Hello Laura,\n\nBefore we ship your order {ORDER_ID}, please confirm the colour you would like."
    "\n\nKind regards,\nAcme Home"
)
CLEAN_HTML = (
    f"<p>Hello Laura,</p><p>Before we ship your order <b>{ORDER_ID}</b>, please confirm the colour you"
    " would like.</p><p>Kind regards,<br>Acme Home</p>"
)


@pytest.fixture
def team_without_approval(team):
    # These tests are about the export itself; the lead's approval gate has its own tests.
    team.approval_required = False
    team.save()
    return team


def _draft(seller, order, message_type: str = "order_question", body: str = CLEAN, **extra) -> Draft:
    return make_draft(seller, order, body, message_type=message_type, **extra)


@pytest.fixture
def draft(seller, order, team_without_approval) -> Draft:
    return _draft(seller, order)


def _export(client, draft: Draft, fmt: str, **data):
    payload = {"body": draft.body, "subject": "", "version": draft.version, "format": fmt, **data}
    return client.post(reverse("draft_export", args=[draft.pk]), payload)


# Sanitising and converting HTML


def test_sanitising_removes_scripts_handlers_and_remote_loads() -> None:
    dirty = (
        '<p onclick="steal()">Hi<script>alert(1)</script></p><img src="http://tracker.example/p.gif">'
        '<img src="https://cdn.example/logo.png" alt="Logo"><iframe src="https://x.example"></iframe>'
        '<a href="javascript:alert(1)">x</a><link rel="stylesheet" href="https://x.example/s.css">'
        '<span style="color: red; position: fixed; background: url(https://x.example/b.png)">red</span>'
    )
    clean = exports.sanitize_html(dirty)
    assert "script" not in clean and "onclick" not in clean and "alert" not in clean
    assert "iframe" not in clean and "<link" not in clean and "javascript" not in clean
    assert "http://tracker.example" not in clean
    assert '<img src="https://cdn.example/logo.png" alt="Logo">' in clean
    assert 'style="color:red"' in clean.replace(" ", "") and "position" not in clean and "url(" not in clean


def test_the_preview_document_forbids_every_load_but_https_images() -> None:
    document = exports.preview_document("<p>Hi</p><script>alert(1)</script>")
    assert "default-src 'none'; img-src https:" in document
    assert "<p>Hi</p>" in document and "<script>" not in document


def test_html_becomes_the_text_the_buyer_reads() -> None:
    text = exports.html_to_text(
        '<p>Hello Laura,</p><ul><li>one</li><li>two</li></ul><p>See <a href="https://a.example/x">the'
        " guide</a>.<br>Thanks</p>"
    )
    assert text == "Hello Laura,\n\n- one\n- two\n\nSee the guide (https://a.example/x).\nThanks"


# The export view


def test_plain_text_export_downloads_the_exact_text_and_keeps_it_as_exported(client, seller, draft) -> None:
    client.force_login(seller)
    response = _export(client, draft, "text")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response["Content-Disposition"] == f'attachment; filename="message-{ORDER_ID}.txt"'
    assert response.content.decode() == CLEAN
    # An export is not a message sent: the order's history stays empty until "Mark as sent".
    assert not MessageRecord.objects.exists()
    draft.refresh_from_db()
    assert draft.exported_version == draft.version and draft.status == Draft.Status.EXPORTED


def test_html_export_in_html_mode_is_the_sanitised_html(client, seller, order, team_without_approval) -> None:
    draft = _draft(seller, order, body=CLEAN_HTML, format=Draft.Format.HTML)
    client.force_login(seller)
    response = _export(client, draft, "html", body=CLEAN_HTML + "<script>alert(1)</script>")
    assert response.status_code == 200, response.content.decode()[:2000]
    assert response["Content-Type"].startswith("text/html")
    assert response.content.decode() == exports.sanitize_html(CLEAN_HTML)
    assert not MessageRecord.objects.exists()


def test_html_export_is_refused_in_plain_text_mode(client, seller, draft) -> None:
    client.force_login(seller)
    response = _export(client, draft, "html")
    assert response.status_code == 400
    assert "HTML format" in response.content.decode()
    assert not MessageRecord.objects.exists()


def test_plain_text_export_of_an_html_draft_is_the_text_the_buyer_reads(
    client, seller, order, team_without_approval
) -> None:
    draft = _draft(seller, order, body=CLEAN_HTML, format=Draft.Format.HTML)
    client.force_login(seller)
    response = _export(client, draft, "text")
    assert response.status_code == 200
    assert response.content.decode() == exports.html_to_text(CLEAN_HTML)
    assert "<p>" not in response.content.decode()


def test_api_export_is_the_exact_request_for_the_orders_marketplace(client, seller, draft) -> None:
    client.force_login(seller)
    response = _export(client, draft, "api")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == f'attachment; filename="request-{ORDER_ID}.json"'
    request = json.loads(response.content)
    assert request == {
        "operation": "createConfirmOrderDetails",
        "method": "POST",
        "path": f"/messaging/v1/orders/{ORDER_ID}/messages/confirmOrderDetails",
        "query": {"marketplaceIds": ["ATVPDKIKX0DER"]},
        "body": {"text": CLEAN},
    }
    assert not MessageRecord.objects.exists()


def test_a_german_order_uses_the_german_marketplace_id(client, seller, team_without_approval, order) -> None:
    order.marketplace, order.buyer_locale = "DE", "de-DE"
    order.save()
    body = (
        f"Hallo Laura,\n\nbevor wir Ihre Bestellung {ORDER_ID} versenden, bestätigen Sie bitte die Farbe."
        "\n\nMit freundlichen Grüßen\nAcme Home"
    )
    draft = _draft(seller, order, message_type="delivery", body=body)
    draft.buyer_locale = "de-DE"
    draft.save()
    client.force_login(seller)
    response = _export(client, draft, "api")
    assert response.status_code == 200, response.content.decode()[:3000]
    assert json.loads(response.content)["query"] == {"marketplaceIds": ["A1PA6795UKMFR9"]}


def test_api_export_over_the_operations_limit_is_refused(
    client, seller, order, team_without_approval
) -> None:
    body = CLEAN + "\n\n" + " ".join(["Thank you for choosing us."] * 40)
    draft = _draft(seller, order, message_type="digital_access_key", body=body)
    client.force_login(seller)
    response = _export(client, draft, "api")
    assert response.status_code == 400
    assert not MessageRecord.objects.exists()


def test_a_review_request_exports_the_solicitation_and_counts_once_marked_as_sent(
    client, seller, order, team_without_approval
) -> None:
    body = (
        f"Hello Laura,\n\nthank you for your order {ORDER_ID}. If you have a moment, please share your"
        " experience with the product on Amazon.\n\nKind regards,\nAcme Home"
    )
    draft = _draft(seller, order, message_type="review_request", body=body)
    client.force_login(seller)
    page = client.get(reverse("draft", args=[draft.pk])).content.decode()
    assert "productReviewAndSellerFeedback" in page and "same single request" in page
    response = _export(client, draft, "api")
    assert response.status_code == 200, response.content.decode()[:3000]
    request = json.loads(response.content)
    assert (
        request["path"] == f"/solicitations/v1/orders/{ORDER_ID}/solicitations/productReviewAndSellerFeedback"
    )
    assert request["body"] is None
    # Exported only: not yet the order's request, and it can be exported again.
    assert order.review_requests_sent() == 0
    assert _export(client, draft, "api").status_code == 200
    page = client.get(reverse("draft", args=[draft.pk])).content.decode()
    assert "not marked as sent" in page
    draft.refresh_from_db()
    client.post(reverse("draft_sent", args=[draft.pk]), {"version": draft.version})
    assert order.review_requests_sent() == 1


def test_an_invoice_api_export_needs_the_uploaded_attachment(
    client, seller, order, team_without_approval
) -> None:
    body = f"Hello Laura,\n\nthe invoice for your order {ORDER_ID} is attached.\n\nKind regards,\nAcme"
    draft = _draft(seller, order, message_type="invoice", body=body)
    client.force_login(seller)
    page = client.get(reverse("draft", args=[draft.pk])).content.decode()
    assert "Put this text in the Seller Central message" in page and "Upload destination ID" in page
    refused = _export(client, draft, "api")
    assert refused.status_code == 400
    # Said in words, not in the model's terms ("body.attachments must hold 1 to 5 items").
    text = refused.content.decode()
    assert "give the upload destination ID" in text
    assert "body.attachments" not in text and "items" not in text
    half = _export(client, draft, "api", upload_destination_id="amzn1.tortuga.3.abc")
    assert half.status_code == 400 and not MessageRecord.objects.exists()
    response = _export(
        client, draft, "api", upload_destination_id="amzn1.tortuga.3.abc", file_name="invoice.pdf"
    )
    assert response.status_code == 200
    assert json.loads(response.content)["body"] == {
        "attachments": [{"uploadDestinationId": "amzn1.tortuga.3.abc", "fileName": "invoice.pdf"}]
    }


def test_a_reply_has_no_api_request(client, seller, order, team_without_approval) -> None:
    draft = _draft(seller, order, message_type="reply")
    client.force_login(seller)
    assert "API request</button>" not in client.get(reverse("draft", args=[draft.pk])).content.decode()
    response = _export(client, draft, "api")
    assert response.status_code == 400 and "no operation" in response.content.decode()


def test_an_unknown_export_format_is_a_400(client, seller, draft) -> None:
    client.force_login(seller)
    assert _export(client, draft, "pdf").status_code == 400
    assert not MessageRecord.objects.exists()


def test_a_refused_export_answers_scripts_with_json_reasons(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.post(
        reverse("draft_export", args=[draft.pk]),
        {"body": CLEAN + " 🎉", "version": 1, "format": "text"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert "Export refused" in response.json()["errors"][0]


def test_another_teams_seller_cannot_export_the_draft(client, other_lead, draft) -> None:
    client.force_login(other_lead)
    assert _export(client, draft, "api").status_code == 404
    assert not MessageRecord.objects.exists()


# Format and the live check


def test_saving_with_the_html_format_stores_it(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.post(
        reverse("draft", args=[draft.pk]),
        {"body": CLEAN_HTML, "subject": "", "version": 1, "message_format": "html"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.format == Draft.Format.HTML and draft.body == CLEAN_HTML


def test_an_unknown_format_is_refused_and_nothing_is_stored(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.post(
        reverse("draft", args=[draft.pk]), {"body": "x", "version": 1, "message_format": "pdf"}
    )
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.body == CLEAN and draft.format == Draft.Format.TEXT


def test_the_preview_is_sanitised_and_served_under_its_own_strict_policy(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.post(
        reverse("draft_preview", args=[draft.pk]),
        {"body": CLEAN_HTML + '<img src="http://x.example/t.gif"><script>alert(1)</script>'},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<b>" in html and "x.example" not in html and "<script>alert" not in html
    policy = response["Content-Security-Policy"]
    assert (
        "default-src 'none'" in policy and "img-src https:" in policy and "frame-ancestors 'self'" in policy
    )
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_the_preview_of_the_saved_draft_and_someone_elses(client, seller, other_seller, draft) -> None:
    client.force_login(seller)
    assert "Laura" in client.get(reverse("draft_preview", args=[draft.pk])).content.decode()
    client.force_login(other_seller)
    assert client.get(reverse("draft_preview", args=[draft.pk])).status_code == 404
    assert client.post(reverse("draft_preview", args=[draft.pk]), {"body": "x"}).status_code == 404


def test_a_preview_of_binary_junk_is_a_400(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.post(reverse("draft_preview", args=[draft.pk]), {"body": "a\x00b"})
    assert response.status_code == 400


def test_the_editor_offers_the_format_control_and_each_export(client, seller, draft) -> None:
    client.force_login(seller)
    html = client.get(reverse("draft", args=[draft.pk])).content.decode()
    assert '<label class="form-label" for="id_message_format">Format</label>' in html
    assert ">Plain text</option>" in html and ">HTML</option>" in html
    for label in ("Plain text", "HTML", "API request"):
        assert f">{label}</button>" in html


@pytest.mark.parametrize("message_type", [t for t in guidelines.MESSAGE_TYPES])
def test_every_message_type_can_be_started_checked_and_exported(
    client, seller, order, team_without_approval, templates, message_type
) -> None:
    client.force_login(seller)
    client.post(
        reverse("new_message"), {"message_type": message_type, "order_id": ORDER_ID, "buyer_locale": ""}
    )
    draft = Draft.objects.get()
    # The seller types what only they know (the access key, the answer) over the placeholders.
    body = draft.body.replace("{{access_key}}", "KEY-7F3A-99QX").replace(
        "{{answer}}", "Yes, the lid is oven-safe up to 260 °C."
    )
    assert "{{" not in body
    attachment = {"upload_destination_id": "amzn1.tortuga.3.abc", "file_name": "invoice.pdf"}
    if sp_api.has_operation(message_type):
        extra = attachment if message_type == "invoice" else {}
        response = client.post(
            reverse("draft_export", args=[draft.pk]),
            {"body": body, "subject": draft.subject, "version": draft.version, "format": "api", **extra},
        )
        assert response.status_code == 200, response.content.decode()[:3000]
        assert sp_api.validate_request(json.loads(response.content)) == []
    else:
        draft.refresh_from_db()
        response = client.post(
            reverse("draft_export", args=[draft.pk]),
            {"body": body, "subject": draft.subject, "version": draft.version, "format": "text"},
        )
        assert response.status_code == 200, response.content.decode()[:3000]
        assert response.content.decode() == body
    draft.refresh_from_db()
    assert draft.status == Draft.Status.EXPORTED and not MessageRecord.objects.filter(draft=draft).exists()
