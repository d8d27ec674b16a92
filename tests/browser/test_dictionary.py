"""Spelling controls in Chromium: team dictionary with undo, and Ignore from the keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from composer.models import DictionaryWord, Draft, Order, User
from tests.conftest import make_draft

pytestmark = pytest.mark.browser

US_ORDER = "114-4909505-8661897"
BODY = (
    f"Hello Laura,\n\nYour glimmerwick lantern from order {US_ORDER} ships tomorrow."
    "\n\nKind regards,\nDemo Store"
)


def test_seller_adds_a_flagged_word_without_leaving_the_editor(page: Page, live_server, login, demo) -> None:
    seller = User.objects.get(username="seller")
    order = Order.objects.get(amazon_order_id=US_ORDER)
    draft = make_draft(seller, order, BODY)
    login("seller")
    page.goto(f"{live_server.url}/drafts/{draft.pk}/")
    finding = page.locator('li.finding[data-category="spelling"]')
    expect(finding).to_have_count(1)
    expect(page.locator(".checked-by")).to_contain_text("Hunspell dictionaries")
    finding.locator("summary").click()
    finding.get_by_role("button", name="Add to team dictionary").click()
    expect(page.locator('li.finding[data-category="spelling"]')).to_have_count(0)
    expect(page.locator("#spelling-undo").get_by_role("button", name="Undo")).to_be_visible()
    expect(page.get_by_role("textbox", name="Message")).to_have_value(BODY)
    assert page.url.endswith(f"/drafts/{draft.pk}/")
    assert list(DictionaryWord.objects.values_list("word", flat=True)) == ["glimmerwick"]
    expect(page.locator("#draft-form[data-busy]")).to_have_count(0)


def test_seller_moves_to_a_finding_and_ignores_its_word_with_the_keyboard(
    page: Page, live_server, login, demo
) -> None:
    seller = User.objects.get(username="seller")
    order = Order.objects.get(amazon_order_id=US_ORDER)
    draft = make_draft(seller, order, BODY)
    login("seller")
    page.goto(f"{live_server.url}/drafts/{draft.pk}/")
    expect(page.locator('li.finding[data-category="spelling"]')).to_have_count(1)
    message = page.get_by_role("textbox", name="Message")
    message.focus()
    page.keyboard.press("Alt+ArrowDown")
    expect(page.locator("#mark-card")).to_be_visible()
    page.keyboard.press("Alt+KeyI")
    expect(page.locator('li.finding[data-category="spelling"]')).to_have_count(0)
    expect(page.locator("#spelling-undo").get_by_role("button", name="Undo")).to_be_visible()
    draft.refresh_from_db()
    assert draft.ignored_words == ["glimmerwick"]
    assert Draft.objects.get(pk=draft.pk).body == BODY
