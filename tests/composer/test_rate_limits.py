"""The live check and the previews are limited per user; typing never meets the limit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import make_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_limits(settings) -> None:
    settings.RATE_LIMITS = {"check": "3/m", "preview": "2/m"}


def test_checks_over_the_limit_answer_429_with_when_to_retry(client, seller, order, low_limits) -> None:
    draft = make_draft(seller, order, "Hello")
    client.force_login(seller)
    url = reverse("draft_check", args=[draft.pk])
    answers = [client.post(url, {"body": "Hello"}).status_code for _ in range(3)]
    assert answers == [200, 200, 200]
    limited = client.post(url, {"body": "Hello"})
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert "nothing was lost" in limited.content.decode()


def test_the_limit_is_per_user(client, seller, lead, order, low_limits) -> None:
    draft = make_draft(seller, order, "Hello")
    url = reverse("draft_check", args=[draft.pk])
    client.force_login(seller)
    for _ in range(4):
        client.post(url, {"body": "Hello"})
    client.force_login(lead)
    assert client.post(url, {"body": "Hello"}).status_code == 200


def test_previews_have_their_own_limit(client, seller, order, low_limits) -> None:
    draft = make_draft(seller, order, "Hello")
    client.force_login(seller)
    preview = reverse("draft_preview", args=[draft.pk])
    assert [client.post(preview, {"body": "x"}).status_code for _ in range(3)] == [200, 200, 429]
    # Reading the stored preview (GET) is not counted; checks still go through.
    assert client.get(preview).status_code == 200
    assert client.post(reverse("draft_check", args=[draft.pk]), {"body": "x"}).status_code == 200


def test_the_429_of_a_script_is_json(client, seller, order, low_limits) -> None:
    draft = make_draft(seller, order, "Hello")
    client.force_login(seller)
    url = reverse("draft_check", args=[draft.pk])
    for _ in range(3):
        client.post(url, {"body": "Hello"})
    limited = client.post(url, {"body": "Hello"}, HTTP_ACCEPT="application/json")
    assert limited.status_code == 429 and limited.json()["retry"] is True


def test_saves_are_never_rate_limited(client, seller, order, low_limits) -> None:
    draft = make_draft(seller, order, "Hello")
    client.force_login(seller)
    url = reverse("draft", args=[draft.pk])
    for version in range(1, 8):
        response = client.post(
            url, {"body": f"Hello {version}", "version": version}, HTTP_ACCEPT="application/json"
        )
        assert response.status_code == 200


def test_a_text_over_the_site_limit_is_explained_in_words(client, seller, order) -> None:
    draft = make_draft(seller, order, "Hello")
    client.force_login(seller)
    response = client.post(
        reverse("draft", args=[draft.pk]),
        {"body": "a" * 20_001, "version": 1},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert "20001 characters; this site takes at most 20000" in str(response.json())
    page = client.get(reverse("draft", args=[draft.pk])).content.decode()
    assert 'data-site-limit="20000"' in page and "Checking paused for a moment." in page
