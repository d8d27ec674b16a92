"""The editor's status lines and keyboard shortcuts in Chromium: what a line says about the last
action goes with the next edit, and each finding can be reached, fixed or ignored from the keys
its card names."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from composer.models import Draft, Order, Team, User
from tests.conftest import make_draft

pytestmark = pytest.mark.browser

US_ORDER = "114-4909505-8661897"
BODY = (
    f"Hello Laura,\n\nYour glimmerwick lantern from order {US_ORDER} ships tomorrow 🎉."
    "\n\nKind regards,\nDemo Store"
)


@pytest.fixture
def draft(page: Page, demo) -> Draft:
    """A draft of the demo seller with a spelling warning and an emoji error, exported without approval."""
    Team.objects.filter(name="Demo").update(approval_required=False)
    seller = User.objects.get(username="seller")
    return make_draft(seller, Order.objects.get(amazon_order_id=US_ORDER), BODY)


def _open(page: Page, live_server, login, draft: Draft) -> None:
    login("seller")
    page.goto(f"{live_server.url}/drafts/{draft.pk}/")
    expect(page.get_by_role("textbox", name="Message")).to_have_value(draft.body)
    expect(page.locator('li.finding[data-category="emoji"]')).to_have_count(1)
    expect(page.locator('li.finding[data-category="spelling"]')).to_have_count(1)


def _type_at_end(page: Page, text: str) -> None:
    message = page.get_by_role("textbox", name="Message")
    message.press("Control+End")
    message.press_sequentially(text)


def test_the_card_names_the_keys_and_each_key_does_what_it_says(
    page: Page, live_server, login, draft
) -> None:
    _open(page, live_server, login, draft)
    message = page.get_by_role("textbox", name="Message")
    card = page.get_by_role("group", name="Finding at the cursor")
    message.focus()
    message.press("Control+Home")

    page.keyboard.press("Alt+ArrowDown")  # the first finding after the caret: the unknown word
    expect(card).to_be_visible()
    expect(card).to_contain_text("glimmerwick")
    expect(card).to_contain_text("Alt+↓ / Alt+↑: next or previous finding.")
    expect(card.get_by_text("Alt+I: ignore the word in this draft.")).to_be_visible()
    start = BODY.index("glimmerwick")
    assert message.evaluate("el => [el.selectionStart, el.selectionEnd]") == [
        start,
        start + len("glimmerwick"),
    ]

    page.keyboard.press("Alt+ArrowDown")  # the emoji: a fix, nothing to ignore
    expect(card).to_contain_text("emoji")
    expect(card.get_by_text("Alt+Enter: apply the first suggestion.")).to_be_visible()
    expect(card.get_by_text("Alt+I: ignore the word in this draft.")).to_be_hidden()
    expect(card.get_by_role("button", name="Apply")).to_have_attribute("aria-keyshortcuts", "Alt+Enter")

    page.keyboard.press("Alt+ArrowUp")  # back to the word
    expect(card).to_contain_text("glimmerwick")
    page.keyboard.press("Alt+ArrowDown")
    expect(card).to_contain_text("emoji")

    page.keyboard.press("Alt+Enter")
    expect(message).not_to_have_value(re.compile("🎉"))
    expect(page.locator('li.finding[data-category="emoji"]')).to_have_count(0)
    expect(page.locator("#fix-status-text")).to_have_text("Fixed.")
    message.press("Control+z")
    expect(message).to_have_value(BODY)

    message.press("Control+Home")
    page.keyboard.press("Alt+ArrowDown")
    expect(card).to_contain_text("glimmerwick")
    page.keyboard.press("Alt+KeyI")
    expect(page.locator('li.finding[data-category="spelling"]')).to_have_count(0)
    draft.refresh_from_db()
    assert draft.ignored_words == ["glimmerwick"]


def test_every_status_line_is_cleared_by_the_next_edit(page: Page, live_server, login, draft) -> None:
    _open(page, live_server, login, draft)
    status = {
        "fix": page.locator("#fix-status-text"),
        "save": page.locator("#save-status"),
        "export": page.locator("#export-status"),
    }
    page.locator('li.finding[data-category="emoji"]').get_by_role("button", name="Fix").click()
    expect(status["fix"]).to_have_text("Fixed.")
    expect(status["save"]).to_contain_text("Saved at")
    _type_at_end(page, " A")
    # Read at once, not waited for: the next autosave would change the line anyway.
    assert status["fix"].text_content() == ""
    assert status["save"].text_content() == ""
    expect(status["save"]).to_contain_text("Saved at")  # the autosave of the new text
    _type_at_end(page, "B")
    assert status["save"].text_content() == ""

    page.get_by_role("button", name="Export").click()
    with page.expect_download():
        page.get_by_role("button", name="Plain text").click()
    expect(status["export"]).to_contain_text("Exported")
    _type_at_end(page, "C")
    expect(status["export"]).to_have_text("")

    with page.expect_download():  # the export menu is still open
        page.get_by_role("button", name="API request").click()
    preview = page.get_by_role("region", name="API request")
    expect(preview).to_be_visible()
    _type_at_end(page, "D")
    expect(preview).to_be_hidden()
    expect(status["export"]).to_have_text("")

    # "Save draft" posts the form; the page says so until the next edit.
    expect(page.locator("#draft-form[data-busy]")).to_have_count(0)
    page.get_by_role("button", name="Save draft").click()
    saved = page.get_by_text("Draft saved.")
    expect(saved).to_be_visible()
    _type_at_end(page, "E")
    expect(saved).to_be_hidden()
    # Changing the format is an edit too.
    expect(status["save"]).to_contain_text("Saved at")
    page.get_by_label("Format").select_option("html")
    assert status["save"].text_content() == ""
