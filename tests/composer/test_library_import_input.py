"""Malformed library files are refused with 400 and a message, and store nothing."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from composer.models import MessageTemplate

pytestmark = pytest.mark.django_db

GOOD = {
    "message_type": "order_question",
    "language": "en",
    "subject": "",
    "body": "Hello {{buyer_name}},\n\nWhich colour would you like for order {{order_id}}?\n\n{{store_name}}",
}


def _post(client, content: bytes):
    upload = SimpleUploadedFile("library.json", content, "application/json")
    return client.post(reverse("library_import"), {"file": upload})


@pytest.mark.parametrize(
    "content",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"templates": ' + b"[" * 5000 + b"]" * 5000 + b"}",
        b'{"templates": [], "version": ' + b"9" * 5000 + b"}",
        b"\xff\xfe not UTF-8",
        b'{"templates": [',
        b"",
        b"null",
        b'{"templates": "all of them"}',
    ],
    ids=[
        "deep-list",
        "deep-templates",
        "huge-number",
        "bad-utf8",
        "truncated",
        "empty",
        "null",
        "wrong-type",
    ],
)
def test_a_malformed_file_is_a_400_with_a_message(client, admin_user, content) -> None:
    client.force_login(admin_user)
    response = _post(client, content)
    assert response.status_code == 400
    assert "invalid-feedback" in response.content.decode() or "alert" in response.content.decode()
    assert not MessageTemplate.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("message_type", ["order_question"]),
        ("message_type", {"a": 1}),
        ("language", ["en"]),
        ("body", ["Hello"]),
        ("body", 10**100),
        ("subject", {"x": "y"}),
        ("body", "Hello \ud800 there, order {{order_id}}"),
        ("body", "Hello\u0000 there, order {{order_id}}"),
        ("subject", "Order\u0007"),
    ],
)
def test_an_entry_with_a_wrong_value_is_listed_and_not_stored(client, admin_user, field, value) -> None:
    client.force_login(admin_user)
    bad = {**GOOD, field: value}
    content = json.dumps({"templates": [bad]}, ensure_ascii=True).encode()
    response = _post(client, content)
    assert response.status_code == 200
    report = response.context["report"]
    assert len(report.rejected) == 1 and not report.added
    assert not MessageTemplate.objects.exists()


def test_a_lone_surrogate_in_the_file_never_reaches_the_database(client, admin_user) -> None:
    client.force_login(admin_user)
    content = b'{"templates": [{"message_type": "order_question", "language": "en", "body": "Hi \\udc00 {{order_id}}"}]}'
    report = _post(client, content).context["report"]
    assert "broken characters" in report.rejected[0][1]
    assert not MessageTemplate.objects.exists()
