"""The logged-in user from the shared cache: one query saved per request, changes count at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from composer.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_check_cache")]


def _user_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum('FROM "composer_user"' in q["sql"] for q in queries.captured_queries)


def test_the_logged_in_user_is_read_from_the_cache_after_the_first_request(client, seller) -> None:
    client.force_login(seller)
    assert _user_queries(client, reverse("drafts")) == 1
    assert _user_queries(client, reverse("drafts")) == 0


def test_a_deactivated_user_is_logged_out_at_once(client, seller) -> None:
    client.force_login(seller)
    client.get(reverse("drafts"))
    seller.is_active = False
    seller.save()
    response = client.get(reverse("drafts"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_new_role_counts_at_once(client, seller) -> None:
    client.force_login(seller)
    assert client.get(reverse("review_queue")).status_code == 403
    seller.role = User.Role.LEAD
    seller.save()
    assert client.get(reverse("review_queue")).status_code == 200


def test_a_password_change_ends_other_sessions(client, seller) -> None:
    client.force_login(seller)
    client.get(reverse("drafts"))
    seller.set_password("a-new-long-password")
    seller.save()
    response = client.get(reverse("drafts"))
    assert response.status_code == 302
