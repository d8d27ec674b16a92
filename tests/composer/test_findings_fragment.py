"""The live check's findings fragment: kept per process for the same findings, never stale."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from composer.views.compose import CSRF_SLOT
from tests.conftest import ORDER_ID, make_draft

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_check_cache")]

TEXT = f"Hello Laura,\n\nYour order {ORDER_ID} has shipped.\n\nKind regards,\nAcme Home"
TYPO = " Thank you for your ordr."
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def draft(seller, order):
    return make_draft(seller, order, TEXT, message_type="delivery")


@pytest.fixture
def renders():
    with mock.patch("composer.views.compose.render_to_string", wraps=render_to_string) as spy:
        yield spy


def _check(client, draft, body: str, **extra: str):
    return client.post(
        reverse("draft_check", args=[draft.pk]),
        {"body": body, "subject": "", "version": draft.version, **extra},
        HTTP_HX_REQUEST="true",
    )


def test_the_same_findings_are_rendered_once_while_the_seller_types(client, seller, draft, renders) -> None:
    client.force_login(seller)
    first = _check(client, draft, TEXT + " We hope")
    second = _check(client, draft, TEXT + " We hope you")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert renders.call_count == 1


def test_new_findings_are_rendered_again(client, seller, draft, renders) -> None:
    client.force_login(seller)
    _check(client, draft, TEXT)
    answer = _check(client, draft, TEXT + TYPO)
    assert renders.call_count == 2
    assert b"ordr" in answer.content


def test_each_answer_carries_a_working_csrf_token_never_the_slot(seller, draft) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(seller)
    token = TOKEN.search(client.get(reverse("draft", args=[draft.pk])).content.decode()).group(1)
    answers = [
        _check(client, draft, body, csrfmiddlewaretoken=token) for body in (TEXT + TYPO, TEXT + TYPO + " ")
    ]
    for answer in answers:
        assert answer.status_code == 200
        assert CSRF_SLOT.encode() not in answer.content
        kept = TOKEN.search(answer.content.decode()).group(1)
        ignored = client.post(
            reverse("spelling_ignore", args=[draft.pk]), {"word": "ordr", "csrfmiddlewaretoken": kept}
        )
        assert ignored.status_code != 403


def test_a_colleague_and_another_language_get_their_own_fragment(
    client, seller, lead, draft, renders
) -> None:
    client.force_login(seller)
    own = _check(client, draft, TEXT + TYPO)
    assert b"Add to my dictionary" in own.content
    client.force_login(lead)
    theirs = _check(client, draft, TEXT + TYPO)
    assert b"Add to my dictionary" not in theirs.content
    lead.interface_language = "zh-hans"
    lead.save()
    chinese = _check(client, draft, TEXT + TYPO)
    assert chinese.content != theirs.content
    assert renders.call_count == 3
