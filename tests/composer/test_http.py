"""Content negotiation: scripts that ask for JSON get it; browsers and everything else get HTML."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from composer.http import wants_json

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("application/json", True),
        ("application/json, text/plain;q=0.5", True),
        (BROWSER, False),
        ("*/*", False),
        ("", False),
        ("text/plain", False),
    ],
)
def test_json_only_when_the_client_prefers_it(accept: str, expected: bool) -> None:
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    assert wants_json(RequestFactory().get("/", **headers)) is expected
