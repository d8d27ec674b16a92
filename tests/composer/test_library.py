"""The template library: admins edit, preview, publish, revert, import and export templates."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from composer import template_library
from composer.models import MessageTemplate

pytestmark = pytest.mark.django_db

GOOD = (
    "Hello {{buyer_name}},\n\nBefore we ship your order {{order_id}} ({{product_name}}), please confirm "
    "the size you would like.\n\nKind regards,\n{{store_name}}"
)
WITH_EMOJI = GOOD.replace("would like.", "would like. 🎉")
MISSPELLED = GOOD.replace("confirm the size", "confirm teh size")


@pytest.fixture
def template(templates) -> MessageTemplate:
    return MessageTemplate.objects.get(message_type="order_question", language="en")


def _publish(client, template: MessageTemplate, body: str, **data):
    payload = {"subject": "Order {{order_id}}", "body": body, "action": "publish", **data}
    return client.post(reverse("template_edit", args=[template.pk]), payload)


# Who may use the library


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("library", "get"),
        ("template_new", "get"),
        ("template_edit", "get"),
        ("template_edit", "post"),
        ("template_preview", "post"),
        ("template_history", "get"),
        ("template_revert", "post"),
        ("library_export", "get"),
        ("library_import", "get"),
        ("library_import", "post"),
    ],
)
def test_sellers_and_leads_get_403_on_every_library_view(
    client, seller, lead, template, name, method
) -> None:
    args = {
        "template_edit": [template.pk],
        "template_preview": [template.pk],
        "template_history": [template.pk],
    }
    args["template_revert"] = [template.pk, 1]
    url = reverse(name, args=args.get(name, []))
    for user in (seller, lead):
        client.force_login(user)
        assert getattr(client, method)(url).status_code == 403


def test_library_requires_login(client) -> None:
    response = client.get(reverse("library"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_admin_sees_the_library_by_type_and_language(client, admin_user, templates) -> None:
    client.force_login(admin_user)
    response = client.get(reverse("library"))
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["languages"][:8] == list(template_library.LIBRARY_LANGUAGES)
    assert html.count(">Edit<") == MessageTemplate.objects.count() == 80


def test_a_template_that_does_not_exist_is_a_404(client, admin_user) -> None:
    client.force_login(admin_user)
    assert client.get(reverse("template_edit", args=[999])).status_code == 404
    assert client.get(reverse("template_history", args=[999])).status_code == 404
    assert client.post(reverse("template_revert", args=[999, 1])).status_code == 404


# Editing and publishing


def test_edit_page_lists_the_documented_placeholders(client, admin_user, template) -> None:
    client.force_login(admin_user)
    html = client.get(reverse("template_edit", args=[template.pk])).content.decode()
    for name in ("order_id", "buyer_name", "product_name", "store_name", "delivery_date", "access_key"):
        assert "{{" + name + "}}" in html
    assert ">Preview<" in html and ">Publish<" in html


def test_live_preview_fills_sample_data_and_shows_findings(client, admin_user, template) -> None:
    client.force_login(admin_user)
    data = {"subject": "Order {{order_id}}", "body": WITH_EMOJI}
    response = client.post(reverse("template_preview", args=[template.pk]), data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "123-1234567-1234567" in html and "Laura" in html and "{{order_id}}" not in html
    assert 'data-rule="S401"' in html and "cannot be published" in html


def test_preview_of_a_new_template_uses_its_language(client, admin_user, templates) -> None:
    client.force_login(admin_user)
    data = {
        "message_type": "order_question",
        "language": "de",
        "subject": "",
        "body": "Guten Tag {{order_id}}",
    }
    response = client.post(reverse("template_new_preview"), data)
    assert response.status_code == 200 and "Jonas" not in response.content.decode()
    assert response.context["preview"].body == "Guten Tag 123-1234567-1234567"


def test_preview_with_an_unknown_placeholder_is_a_400(client, admin_user, template) -> None:
    client.force_login(admin_user)
    data = {"subject": "", "body": GOOD + " {{coupon_code}}"}
    response = client.post(reverse("template_preview", args=[template.pk]), data)
    assert response.status_code == 400 and "{{coupon_code}}" in response.content.decode()


def test_publishing_a_compliant_template_keeps_a_new_version(client, admin_user, template) -> None:
    client.force_login(admin_user)
    response = _publish(client, template, GOOD)
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.body == GOOD and template.is_published
    latest = template.latest_version()
    assert (latest.number, latest.body, latest.created_by) == (2, GOOD, admin_user)


def test_a_template_with_an_error_cannot_be_published(client, admin_user, template) -> None:
    before = template.body
    client.force_login(admin_user)
    response = _publish(client, template, WITH_EMOJI, acknowledge_warnings="on")
    assert response.status_code == 400
    assert "Not published" in response.content.decode()
    template.refresh_from_db()
    assert template.body == before and template.versions.count() == 1


def test_an_unknown_placeholder_is_an_error(client, admin_user, template) -> None:
    client.force_login(admin_user)
    response = _publish(client, template, GOOD.replace("{{product_name}}", "{{product_title}}"))
    assert response.status_code == 400
    assert "Unknown placeholder: {{product_title}}" in response.content.decode()
    assert template.versions.count() == 1


def test_warnings_need_an_explicit_acknowledgement(client, admin_user, template) -> None:
    client.force_login(admin_user)
    response = _publish(client, template, MISSPELLED)
    assert response.status_code == 400
    assert "confirm before publishing" in response.content.decode()
    assert template.versions.count() == 1
    response = _publish(client, template, MISSPELLED, acknowledge_warnings="on")
    assert response.status_code == 302
    assert template.latest_version().note == "Published with acknowledged warnings"


def test_the_warnings_box_is_hidden_until_the_preview_has_warnings(client, admin_user, template) -> None:
    client.force_login(admin_user)
    page = client.get(reverse("template_edit", args=[template.pk])).content.decode()
    assert '<div id="acknowledge-box" hidden>' in page
    clean = _publish(client, template, GOOD, action="preview").content.decode()
    assert '<div id="acknowledge-box" hidden>' in clean
    warned = _publish(client, template, MISSPELLED, action="preview").content.decode()
    assert '<div id="acknowledge-box">' in warned


def test_preview_findings_point_into_the_template_not_the_filled_text() -> None:
    body = "Hello {{buyer_name}}, your order {{order_id}} ships. Please reply here or email me at a@example-shop.com."
    preview = template_library.preview(message_type="order_question", language="en", subject="", body=body)
    found = {f["rule"]: f for f in preview.result.findings}
    email = found["C301"]
    assert body[email["start"] : email["end"]] == email["excerpt"] == "a@example-shop.com"
    assert body[email["fix_start"] : email["fix_end"]] == " or email me at a@example-shop.com"
    assert email["fix_excerpt"] == "or email me at a@example-shop.com"


def test_a_finding_in_a_filled_in_value_marks_its_placeholder_and_offers_no_fix() -> None:
    body = "Hello {{buyer_name}} 🎉, your order {{order_id}} ships."
    preview = template_library.preview(message_type="order_question", language="en", subject="", body=body)
    emoji = next(f for f in preview.result.findings if f["rule"] == "S401")
    assert emoji["excerpt"] == "🎉" and emoji["fix"] == ""
    # Words of a filled-in value stand for the whole placeholder (with the space it takes along).
    filled = preview.result.filled
    start = preview.body.index("Laura")
    assert filled.template_span(start, start + 5) == (5, 20, False)
    assert filled.covers_value(start, start + 5)


def test_preview_button_without_javascript_renders_the_page_with_the_preview(
    client, admin_user, template
) -> None:
    client.force_login(admin_user)
    payload = {"subject": "", "body": GOOD, "action": "preview"}
    response = client.post(reverse("template_edit", args=[template.pk]), payload)
    assert response.status_code == 200 and "can be published" in response.content.decode()
    assert template.versions.count() == 1


def test_an_empty_body_is_refused(client, admin_user, template) -> None:
    client.force_login(admin_user)
    assert _publish(client, template, "   ").status_code == 400


def test_admin_adds_a_template_for_a_missing_language(client, admin_user, template) -> None:
    client.force_login(admin_user)
    body = (
        "Goedendag,\n\nMag ik vragen welke maat u wilt voor bestelling {{order_id}}?"
        "\n\nMet vriendelijke groet,\n{{store_name}}"
    )
    payload = {"message_type": "order_question", "language": "nl-NL", "subject": "", "body": body}
    response = client.post(
        reverse("template_new"), {**payload, "action": "publish", "acknowledge_warnings": "on"}
    )
    assert response.status_code == 302
    assert MessageTemplate.objects.get(message_type="order_question", language="nl-NL").versions.count() == 1


def test_a_second_template_for_the_same_type_and_language_is_refused(client, admin_user, template) -> None:
    client.force_login(admin_user)
    payload = {
        "message_type": "order_question",
        "language": "en",
        "subject": "",
        "body": GOOD,
        "action": "publish",
    }
    response = client.post(reverse("template_new"), payload)
    assert response.status_code == 400 and "already has" in response.content.decode()


# History and revert


def test_history_shows_who_changed_what_with_a_diff(client, admin_user, template) -> None:
    client.force_login(admin_user)
    _publish(client, template, GOOD)
    response = client.get(reverse("template_history", args=[template.pk]))
    assert response.status_code == 200
    newest = response.context["entries"][0]
    assert newest["version"].number == 2 and newest["version"].created_by == admin_user
    kinds = {line.kind for line in newest["diff"]}
    assert {"added", "removed"} <= kinds
    assert "Revert to version 1" in response.content.decode()


def test_revert_publishes_an_earlier_version_again(client, admin_user, template) -> None:
    original = template.body
    client.force_login(admin_user)
    _publish(client, template, GOOD)
    response = client.post(reverse("template_revert", args=[template.pk, 1]))
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.body == original
    assert template.latest_version().number == 3 and "Reverted to version 1" in template.latest_version().note


def test_a_version_that_fails_todays_check_cannot_be_reverted_to(client, admin_user, template) -> None:
    template.publish(subject="", body=WITH_EMOJI, by=None)  # written before the emoji rule existed
    template.publish(subject="", body=GOOD, by=None)
    client.force_login(admin_user)
    response = client.post(reverse("template_revert", args=[template.pk, 2]))
    assert response.status_code == 400
    template.refresh_from_db()
    assert template.body == GOOD


def test_revert_to_a_version_that_does_not_exist_is_a_404(client, admin_user, template) -> None:
    client.force_login(admin_user)
    assert client.post(reverse("template_revert", args=[template.pk, 42])).status_code == 404


def test_drafts_keep_a_link_to_the_template_version_they_came_from(client, seller, order, template) -> None:
    client.force_login(seller)
    payload = {"message_type": "order_question", "order_id": order.amazon_order_id, "buyer_locale": ""}
    client.post(reverse("new_message"), payload)
    template.publish(subject="", body=GOOD, by=None)
    draft = seller.drafts.get()
    assert draft.template_version.number == 1 and template.latest_version().number == 2


# Import and export


def test_export_downloads_the_whole_library_as_one_json_file(client, admin_user, templates) -> None:
    client.force_login(admin_user)
    response = client.get(reverse("library_export"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["format"] == template_library.LIBRARY_FORMAT and len(data["templates"]) == 80


def test_import_keeps_good_entries_and_reports_bad_ones(client, admin_user, template) -> None:
    entries = [
        {"message_type": "order_question", "language": "en", "subject": "", "body": GOOD},
        {"message_type": "newsletter", "language": "en", "body": GOOD},
        {"message_type": "delivery", "language": "xx", "body": GOOD},
        {"message_type": "delivery", "language": "en", "body": ""},
        {"message_type": "delivery", "language": "en", "body": GOOD + " {{coupon}}"},
        {"message_type": "delivery", "language": "en", "body": WITH_EMOJI},
        "not an object",
        {"message_type": "order_question", "language": "en-GB", "body": MISSPELLED},
    ]
    upload = SimpleUploadedFile(
        "library.json", json.dumps({"templates": entries}).encode(), "application/json"
    )
    client.force_login(admin_user)
    response = client.post(reverse("library_import"), {"file": upload})
    assert response.status_code == 200
    report = response.context["report"]
    assert report.updated == ["Order question (en)"]
    assert report.added == report.unpublished == ["Order question (en-GB)"]
    assert len(report.rejected) == 6
    html = response.content.decode()
    assert "unknown message type" in html and "{{coupon}}" in html and "fails the guideline check" in html
    template.refresh_from_db()
    assert template.body == GOOD and template.latest_version().note == "Imported"
    assert MessageTemplate.objects.get(message_type="delivery", language="en").body != WITH_EMOJI


def test_an_import_with_warnings_does_not_take_a_published_template_offline(
    client, admin_user, template
) -> None:
    before = template.body
    entries = [{"message_type": "order_question", "language": "en", "body": MISSPELLED}]
    upload = SimpleUploadedFile(
        "library.json", json.dumps({"templates": entries}).encode(), "application/json"
    )
    client.force_login(admin_user)
    report = client.post(reverse("library_import"), {"file": upload}).context["report"]
    assert "has warnings" in report.rejected[0][1]
    template.refresh_from_db()
    assert template.body == before and template.is_published


def test_importing_an_exported_library_changes_nothing(client, admin_user, templates) -> None:
    client.force_login(admin_user)
    exported = client.get(reverse("library_export")).content
    upload = SimpleUploadedFile("library.json", exported, "application/json")
    report = client.post(reverse("library_import"), {"file": upload}).context["report"]
    assert len(report.unchanged) == 80 and not report.rejected


@pytest.mark.parametrize(
    "content", [b"not json", b"\xff\xfe", b'{"no": "templates"}', b'{"format": "other", "templates": []}']
)
def test_a_file_that_is_not_a_library_is_refused_with_400(client, admin_user, templates, content) -> None:
    client.force_login(admin_user)
    upload = SimpleUploadedFile("library.json", content, "application/json")
    response = client.post(reverse("library_import"), {"file": upload})
    assert response.status_code == 400
    assert MessageTemplate.objects.count() == 80


def test_import_without_a_file_is_a_400(client, admin_user) -> None:
    client.force_login(admin_user)
    assert client.post(reverse("library_import"), {}).status_code == 400


@pytest.mark.parametrize(
    ("name", "method", "needs_template"),
    [
        ("template_new", "get", False),
        ("template_new_preview", "post", False),
        ("template_edit", "post", True),
        ("template_preview", "post", True),
        ("template_history", "get", True),
        ("library_export", "get", False),
        ("library_import", "post", False),
    ],
)
def test_every_library_view_sends_anonymous_visitors_to_log_in(
    client, template, name, method, needs_template
) -> None:
    response = getattr(client, method)(reverse(name, args=[template.pk] if needs_template else []))
    assert response.status_code == 302 and "/accounts/login/" in response.url
