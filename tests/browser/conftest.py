"""Chromium through Playwright against Django's live server."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in the test thread; the ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "accept_downloads": True, "locale": "en-US"}


@pytest.fixture
def demo(transactional_db) -> None:
    """Load the template library and the demo team as `make run` does."""
    call_command("load_templates", verbosity=0)
    call_command("seed_demo", verbosity=0)


@pytest.fixture
def login(page, live_server) -> Iterator[Callable[[str, str], None]]:
    """Log in on ``page``. Afterwards, wait until every open editor has finished its checks and
    saves, and close it, so the database is not emptied under a request that is still running."""

    def do_login(username: str, password: str = "demo") -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server.url}/drafts/")

    yield do_login
    for open_page in page.context.pages:
        if open_page.is_closed():
            continue
        editor = open_page.locator("#draft-form, #template-form")
        if editor.count() and open_page.locator("#conflict-panel:visible").count() == 0:
            expect(editor.first).not_to_have_attribute("data-busy", "true", timeout=15_000)
        open_page.close()


def open_with_script_held(page, url: str, script: str) -> list:
    """Open ``url`` with the module ``script`` (its name, e.g. "main") held back, as on a slow
    network: the page is there and can be typed in, its script has not run. Returns the held
    requests; ``continue_()`` lets one through."""
    held: list = []
    page.route(re.compile(rf"/editor/{script}(\.[0-9a-f]+)?\.js$"), lambda route: held.append(route))
    # A module script holds back DOMContentLoaded; the textarea is there as soon as it is parsed.
    page.goto(url, wait_until="commit")
    return held
