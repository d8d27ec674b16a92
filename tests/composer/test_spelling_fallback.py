"""Through the site: when LanguageTool is down or slow, the live check uses the offline check."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from composer import checking
from composer.models import Draft
from tests.conftest import ORDER_ID, make_draft

pytestmark = pytest.mark.django_db

TEXT = f"Hello Laura,\n\nYour order {ORDER_ID} has shiped today.\n\nKind regards,\nAcme Home"


class SlowLanguageTool(BaseHTTPRequestHandler):
    """Knows English, then takes far longer to check a text than the site waits."""

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        body = b'[{"name": "English (US)", "code": "en", "longCode": "en-US"}]'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        time.sleep(5)


@pytest.fixture
def languagetool_at(settings):
    """Point the site's spelling check at a LanguageTool URL, then back to the offline check."""

    def configure(url: str) -> None:
        settings.LANGUAGETOOL_URL, settings.LANGUAGETOOL_TIMEOUT = url, 0.5
        checking.configure_backends()

    yield configure
    settings.LANGUAGETOOL_URL = ""
    checking.configure_backends()


@pytest.fixture
def draft(seller, order) -> Draft:
    return make_draft(seller, order, TEXT, message_type="delivery")


def _live_check(client, draft: Draft) -> str:
    data = {"body": TEXT, "subject": "", "version": draft.version}
    response = client.post(reverse("draft_check", args=[draft.pk]), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def test_a_live_check_with_languagetool_down_says_the_offline_check_was_used(
    client, seller, draft, languagetool_at
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    languagetool_at(f"http://127.0.0.1:{closed}")
    client.force_login(seller)
    html = _live_check(client, draft)
    assert "the offline check was used" in html
    assert 'data-category="spelling"' in html  # "shiped" found by the offline dictionary


def test_a_live_check_with_languagetool_too_slow_falls_back_too(
    client, seller, draft, languagetool_at
) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), SlowLanguageTool)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        languagetool_at(f"http://127.0.0.1:{server.server_port}")
        client.force_login(seller)
        html = _live_check(client, draft)
    finally:
        server.shutdown()
        server.server_close()
    assert "the offline check was used" in html
    assert 'data-category="spelling"' in html
