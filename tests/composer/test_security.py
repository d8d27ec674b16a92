"""Security settings: CSP, production hardening, login rate limiting, CSRF, size limits, 503s."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.urls import reverse

from composer.middleware import is_database_unavailable
from composer.models import Draft
from composer.views.errors import server_error
from tests.conftest import ORDER_ID, make_draft

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    # The lock-out tests log in many times: hash quickly (the hasher is not what is tested).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


CLEAN = f"Hello Laura,\n\nYour order {ORDER_ID} has shipped.\n\nKind regards,\nAcme Home"


@pytest.fixture
def draft(seller, order) -> Draft:
    return make_draft(seller, order, CLEAN, message_type="delivery")


def _production_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        # The browser tests allow sync ORM calls in this process; a deployment never does.
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DEBUG="0",
        # A long random-looking key, as `check --deploy` demands; never used for anything real.
        SECRET_KEY="prod-test-" + "k3Y9x" * 12,
        ALLOWED_HOSTS="example.com",
        DATABASE_URL="postgres://composer@db.invalid:5432/composer",
        FIELD_ENCRYPTION_KEY="LVJ0Z3c2b1pWb2xQc3B4dWF0U2d6dVV5c2l6a2RkM1Q=",
    )
    env.update(extra)
    return env


def _run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


# --- Content Security Policy ---------------------------------------------------------------------


def _policy(response) -> dict[str, list[str]]:
    parts = [part.split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def test_every_page_carries_a_strict_content_security_policy(client, seller, draft) -> None:
    client.force_login(seller)
    policy = _policy(client.get(reverse("drafts")))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


def test_the_editor_has_the_same_strict_policy(client, seller, draft) -> None:
    # The e-mail preview is a page of its own (draft_preview) with its own, stricter policy.
    client.force_login(seller)
    policy = _policy(client.get(reverse("draft", args=[draft.pk])))
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert all("'unsafe-eval'" not in sources for sources in policy.values())


def test_pages_have_no_inline_script_or_event_handler(client, seller, draft) -> None:
    client.force_login(seller)
    for url in [
        reverse("draft", args=[draft.pk]),
        reverse("drafts"),
        reverse("new_message"),
        reverse("login"),
    ]:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        assert all(script.get("src") for script in soup.find_all("script")), url
        handlers = [
            (tag.name, attr) for tag in soup.find_all(True) for attr in tag.attrs if attr.startswith("on")
        ]
        assert handlers == [], url


def test_htmx_is_told_not_to_inject_inline_styles_or_eval(client) -> None:
    soup = BeautifulSoup(client.get(reverse("login")).content, "html.parser")
    config = json.loads(soup.find("meta", attrs={"name": "htmx-config"})["content"])
    assert config == {"includeIndicatorStyles": False, "allowEval": False, "allowScriptTags": False}


# --- Production settings ---------------------------------------------------------------------------


def test_deploy_check_is_clean_under_production_settings() -> None:
    result = _run_manage("check", "--deploy", "--fail-level", "WARNING", env=_production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_secure_cookies_hsts_referrer_and_framing() -> None:
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_REFERRER_POLICY, s.X_FRAME_OPTIONS, s.SECURE_SSL_REDIRECT, "
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['OPTIONS']['connect_timeout']]))"
    )
    env = {**_production_env(), "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == [
        False,
        True,
        True,
        31536000,
        "same-origin",
        "DENY",
        True,
        "django.db.backends.postgresql",
        5,
    ]


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "FIELD_ENCRYPTION_KEY"])
def test_production_refuses_to_start_without_its_settings(missing) -> None:
    env = _production_env()
    del env[missing]
    result = _run_manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} must be set when DEBUG=0" in result.stderr


def test_redis_url_selects_a_shared_cache_for_sessions_and_live_checks() -> None:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE, s.CHECK_CACHE)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "REDIS_URL": "redis://127.0.0.1:6379/3"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1].split() == [
        "composer.cache.RedisCache",
        "django.contrib.sessions.backends.cached_db",
        "True",
    ], result.stderr


# --- Login rate limiting ---------------------------------------------------------------------------


def _login(client: Client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_wrong_passwords_lock_the_account_with_a_clear_message(client, seller) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "alice", "wrong").status_code == 200
    response = _login(client, "alice", "wrong")
    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode()
    # Even the right password is refused while the lock lasts.
    response = _login(client, "alice", "pw-alice")
    assert response.status_code == 429
    assert "Try again in 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lock_out_does_not_affect_another_seller(client, seller, other_seller) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "alice", "wrong")
    response = _login(client, "bob", "pw-bob")
    assert response.status_code == 302


def test_a_successful_login_resets_the_failure_count(client, seller) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "alice", "wrong")
    assert _login(client, "alice", "pw-alice").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "alice", "wrong").status_code == 200


def test_forged_forwarded_for_headers_do_not_dodge_the_lock(client, seller) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"), {"username": "alice", "password": "wrong"}, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}"
        )
    response = client.post(
        reverse("login"), {"username": "alice", "password": "pw-alice"}, HTTP_X_FORWARDED_FOR="10.9.9.9"
    )
    assert response.status_code == 429


# --- CSRF ------------------------------------------------------------------------------------------


@pytest.fixture
def csrf_client(seller) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(seller)
    return client


def _token_from_editor(client: Client, draft: Draft) -> str:
    page = client.get(reverse("draft", args=[draft.pk]))
    soup = BeautifulSoup(page.content, "html.parser")
    form = soup.find("form", id="draft-form")
    return form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]


def test_live_check_without_csrf_token_is_refused(csrf_client, draft) -> None:
    response = csrf_client.post(reverse("draft_check", args=[draft.pk]), {"body": "Hi", "subject": ""})
    assert response.status_code == 403


def test_live_check_with_the_forms_token_works_as_htmx_sends_it(csrf_client, draft) -> None:
    # htmx includes the whole #draft-form (hx-include), so the token travels as a form field.
    token = _token_from_editor(csrf_client, draft)
    data = {"csrfmiddlewaretoken": token, "body": CLEAN, "subject": "", "version": draft.version}
    response = csrf_client.post(reverse("draft_check", args=[draft.pk]), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and b"findings-body" in response.content


def test_autosave_without_csrf_token_changes_nothing(csrf_client, draft) -> None:
    data = {"body": "Replaced", "subject": "", "version": draft.version}
    response = csrf_client.post(reverse("draft", args=[draft.pk]), data, HTTP_ACCEPT="application/json")
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.body == CLEAN and draft.version == 1


def test_login_form_requires_a_csrf_token(seller) -> None:
    client = Client(enforce_csrf_checks=True)
    assert _login(client, "alice", "pw-alice").status_code == 403


# --- Size limits -----------------------------------------------------------------------------------


def test_a_form_body_over_one_megabyte_is_refused(client, seller, draft) -> None:
    client.force_login(seller)
    data = {"body": "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1), "subject": "", "version": 1}
    response = client.post(reverse("draft_check", args=[draft.pk]), data)
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.body == CLEAN


def test_a_draft_over_the_character_limit_is_refused_and_not_stored(client, seller, draft) -> None:
    client.force_login(seller)
    data = {"body": "a" * (settings.COMPOSER_MAX_BODY_CHARS + 1), "subject": "", "version": 1}
    response = client.post(reverse("draft", args=[draft.pk]), data, HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and "body" in response.json()["errors"]
    draft.refresh_from_db()
    assert draft.body == CLEAN and draft.version == 1


def test_a_request_declaring_a_huge_body_is_refused_before_it_is_read(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.generic(
        "POST",
        reverse("draft", args=[draft.pk]),
        b"x",
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(settings.REQUEST_MAX_BODY_SIZE + 1),
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 413 and "too large" in response.json()["error"]


def test_large_uploads_spill_to_disk_and_the_file_count_is_capped() -> None:
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 10 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES <= 10
    assert settings.REQUEST_MAX_BODY_SIZE >= 50 * 1024 * 1024  # a 50 MB order report fits


# --- Database unavailable --------------------------------------------------------------------------


def _database_down(*args, **kwargs):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def test_autosave_while_the_database_is_down_answers_503_json(client, seller, draft) -> None:
    client.force_login(seller)
    with mock.patch("composer.views.compose.get_draft_for_user", _database_down):
        response = client.post(
            reverse("draft", args=[draft.pk]),
            {"body": "New text", "subject": "", "version": 1},
            HTTP_ACCEPT="application/json",
        )
    assert response.status_code == 503
    assert response.json()["retry"] is True and "database" in response.json()["error"]
    assert response["Retry-After"] == "5"


def test_live_check_while_the_database_is_down_answers_a_503_fragment(client, seller, draft) -> None:
    client.force_login(seller)
    with mock.patch("composer.views.compose.get_draft_to_check", _database_down):
        response = client.post(
            reverse("draft_check", args=[draft.pk]), {"body": "x", "subject": ""}, HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 503 and b'data-unavailable="true"' in response.content


def test_a_page_while_the_database_is_down_is_a_503_page_not_a_traceback(client, seller, draft) -> None:
    client.force_login(seller)
    with mock.patch("composer.views.compose.get_draft_for_user", _database_down):
        response = client.get(reverse("draft", args=[draft.pk]))
    assert response.status_code == 503
    assert "Temporarily unavailable" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_a_database_failure_outside_a_view_also_answers_503() -> None:
    request = RequestFactory().get("/drafts/", HTTP_ACCEPT="application/json")
    try:
        _database_down()
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503


def test_any_other_failure_is_a_plain_500_page() -> None:
    request = RequestFactory().get("/drafts/")
    try:
        raise ValueError("bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500 and b"Something went wrong" in response.content


def _wrapped(cause: Exception) -> OperationalError:
    error = OperationalError(str(cause))
    error.__cause__ = cause
    return error


def test_a_missing_table_is_a_bug_not_an_outage() -> None:
    assert not is_database_unavailable(_wrapped(sqlite3.OperationalError("no such table: composer_x")))
    assert is_database_unavailable(_wrapped(sqlite3.OperationalError("database is locked")))
    assert is_database_unavailable(OperationalError("server closed the connection unexpectedly"))


def test_the_favicon_is_found_where_browsers_look_for_it(client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("composer/favicon.svg")
    page = client.get(reverse("login")).content.decode()
    assert 'rel="icon"' in page and "composer/favicon.svg" in page
