"""The database goes away while a seller types: a clear message, the text kept, nothing lost."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from playwright.sync_api import Page, expect

from composer.models import Draft, Order, User
from tests.conftest import make_draft

pytestmark = pytest.mark.browser

ORDER_ID = "114-4909505-8661897"
TEXT = f"Hello Laura,\n\nBefore we ship your order {ORDER_ID}, please confirm the colour.\n\nKind regards"


def _unreachable(*args, **kwargs):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


@pytest.fixture
def draft(demo) -> Draft:
    seller = User.objects.get(username="seller")
    order = Order.objects.get(amazon_order_id=ORDER_ID)
    return make_draft(seller, order, TEXT)


def _editor_at_the_end(page: Page, live_server, login, draft: Draft):
    """Open the seller's draft and put the cursor after its text; return the message box."""
    login("seller")
    page.goto(f"{live_server.url}/drafts/{draft.pk}/")
    message = page.get_by_role("textbox", name="Message")
    expect(message).to_have_value(TEXT)
    message.press("Control+End")
    return message


def test_an_autosave_during_an_outage_says_so_keeps_the_text_and_saves_it_afterwards(
    page: Page, live_server, login, draft
) -> None:
    message = _editor_at_the_end(page, live_server, login, draft)
    # Every view that reads a draft now fails as it does while PostgreSQL restarts.
    with mock.patch("composer.views.compose.get_draft_for_user", _unreachable):
        message.press_sequentially(" Written during the outage.")
        expect(page.locator("#save-status")).to_contain_text("cannot reach its database")
        local_copy = page.evaluate(f"localStorage.getItem('composer:draft:{draft.pk}')")
        assert " Written during the outage." in local_copy
        draft.refresh_from_db()
        assert draft.body == TEXT
    # The database is back: the next edit saves everything typed, the outage's text included.
    message.press_sequentially(" Back.")
    expect(page.locator("#save-status")).to_contain_text("Saved")
    expect(page.locator("#draft-form[data-busy]")).to_have_count(0)
    draft.refresh_from_db()
    assert draft.body == TEXT + " Written during the outage. Back."


def test_autosave_retries_by_itself_once_the_database_is_back(page: Page, live_server, login, draft) -> None:
    message = _editor_at_the_end(page, live_server, login, draft)
    with mock.patch("composer.views.compose.get_draft_for_user", _unreachable):
        message.press_sequentially(" Typed once.")
        expect(page.locator("#save-status")).to_contain_text("cannot reach its database")
    # No further typing: the editor tries again after the server's Retry-After (5 s).
    expect(page.locator("#save-status")).to_contain_text("Saved", timeout=15_000)
    draft.refresh_from_db()
    assert draft.body == TEXT + " Typed once."
