"""Production hardening: no-store for logged-in pages, 12-hour sessions, passwords."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from composer.models import User
from tests.conftest import make_draft

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["drafts", "orders", "account_settings", "rules", "password_change"])
def test_every_page_for_a_logged_in_user_is_no_store(client, seller, name) -> None:
    client.force_login(seller)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_fragments_and_saves_are_no_store_too(client, seller, order) -> None:
    draft = make_draft(seller, order, "Hello")
    client.force_login(seller)
    check = client.post(reverse("draft_check", args=[draft.pk]), {"body": "Hello"})
    save = client.post(
        reverse("draft", args=[draft.pk]), {"body": "Hi", "version": 1}, HTTP_ACCEPT="application/json"
    )
    assert "no-store" in check["Cache-Control"] and "no-store" in save["Cache-Control"]


def test_the_public_rules_page_may_be_cached_for_visitors(client) -> None:
    response = client.get(reverse("rules"))
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_session_ends_after_twelve_hours_or_at_logout(seller) -> None:
    client = Client()
    assert client.post(reverse("login"), {"username": "alice", "password": "pw-alice"}).status_code == 302
    assert client.session.get_expiry_age() == 12 * 60 * 60 == settings.SESSION_COOKIE_AGE
    assert not settings.SESSION_SAVE_EVERY_REQUEST  # use does not extend it
    client.post(reverse("logout"))
    response = client.get(reverse("drafts"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_seller_changes_their_password(seller) -> None:
    client = Client()
    client.force_login(seller)
    page = client.get(reverse("password_change")).content.decode()
    for label in ("Current password", "New password", "New password again"):
        assert f">{label}</label>" in page
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "pw-alice",
            "new_password1": "Kettle-Harbour-19",
            "new_password2": "Kettle-Harbour-19",
        },
    )
    assert response.status_code == 302 and response.url == reverse("password_change_done")
    assert client.get(reverse("drafts")).status_code == 200  # this browser stays logged in
    seller.refresh_from_db()
    assert seller.check_password("Kettle-Harbour-19")


def test_a_wrong_current_password_changes_nothing(client, seller) -> None:
    client.force_login(seller)
    response = client.post(
        reverse("password_change"),
        {"old_password": "nope", "new_password1": "Kettle-Harbour-19", "new_password2": "Kettle-Harbour-19"},
    )
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    seller.refresh_from_db()
    assert seller.check_password("pw-alice")


def test_an_admin_resets_another_users_password_in_djangos_admin(client, admin_user, seller) -> None:
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    url = reverse("admin:auth_user_password_change", args=[seller.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"password1": "Fresh-Start-2026", "password2": "Fresh-Start-2026", "usable_password": "true"}
    )
    assert response.status_code == 302
    seller.refresh_from_db()
    assert seller.check_password("Fresh-Start-2026")
    assert "Reset another user" in client.get(reverse("account_settings")).content.decode()


def test_a_seller_cannot_reset_someone_elses_password(client, seller, other_seller) -> None:
    client.force_login(seller)
    response = client.get(reverse("admin:auth_user_password_change", args=[other_seller.pk]))
    assert response.status_code == 302 and "/django-admin/login/" in response.url
    assert "Reset another user" not in client.get(reverse("account_settings")).content.decode()
    assert User.objects.get(pk=other_seller.pk).check_password("pw-bob")
