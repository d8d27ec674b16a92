"""Fixes that leave clean text, in Chromium: an address goes with its introducing words, a link
has "Remove link", and the blank lines too many are marked and their fix says what it does."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from composer.models import Draft, Order, Team, User
from tests.conftest import make_draft

pytestmark = pytest.mark.browser

US_ORDER = "114-4909505-8661897"


@pytest.fixture
def open_draft(page: Page, live_server, login, demo):
    """Return an opener of a draft for the demo seller's US order, in the editor."""
    Team.objects.filter(name="Demo").update(approval_required=False)

    def do_open(body: str) -> Draft:
        order = Order.objects.get(amazon_order_id=US_ORDER)
        draft = make_draft(User.objects.get(username="seller"), order, body)
        login("seller")
        page.goto(f"{live_server.url}/drafts/{draft.pk}/")
        expect(page.get_by_role("textbox", name="Message")).to_have_value(body)
        return draft

    yield do_open
    if page.locator("#draft-form").count():
        expect(page.locator("#draft-form[data-busy]")).to_have_count(0)


def test_removing_an_email_address_takes_the_words_that_introduced_it(page: Page, open_draft) -> None:
    body = f"Hello Laura,\n\nYour order {US_ORDER} ships today. Please reply here or email me at care@example-shop.com.\n\nDemo Store"
    open_draft(body)
    finding = page.get_by_role("region", name="Findings").locator('li[data-rule="C301"]')
    fix = finding.get_by_role("button", name="Fix: remove “or email me at care@example-shop.com”")
    expect(fix).to_be_visible()
    fix.click()
    message = page.get_by_role("textbox", name="Message")
    expect(message).to_have_value(body.replace(" or email me at care@example-shop.com", ""))
    expect(page.locator("#findings-content li[data-category='contact_info']")).to_have_count(0)
    # Ctrl+Z takes the whole removal back.
    message.press("Control+z")
    expect(message).to_have_value(body)


def test_a_link_gets_a_remove_link_fix_that_takes_its_sentence(page: Page, open_draft) -> None:
    body = f"Hello Laura,\n\nYour order {US_ORDER} ships today. Visit example-petshop.com for care tips.\n\nDemo Store"
    open_draft(body)
    finding = page.get_by_role("region", name="Findings").locator('li[data-rule="L202"]')
    finding.get_by_role("button", name="Remove link").click()
    expect(page.get_by_role("textbox", name="Message")).to_have_value(
        f"Hello Laura,\n\nYour order {US_ORDER} ships today.\n\nDemo Store"
    )
    expect(page.locator("#findings-content li[data-category='link']")).to_have_count(0)


def test_blank_lines_too_many_are_marked_and_their_fix_says_what_it_does(page: Page, open_draft) -> None:
    body = f"Hello Laura,\n\n\n\nYour order {US_ORDER} ships today.\n\nDemo Store"
    open_draft(body)
    # Each blank line is marked across the text's width, where the seller sees the gap.
    page.get_by_role("textbox", name="Message").scroll_into_view_if_needed()
    marks = page.locator('#mark-layer mark.mark-line[data-rule="S402"]')
    expect(marks).to_have_count(3)
    message_box = page.locator("#id_body").bounding_box()
    for index in range(3):
        box = marks.nth(index).bounding_box()
        assert box["height"] > 10 and box["width"] > message_box["width"] / 2
    # Hovering a blank line shows the card, and the fix is told in words.
    box = marks.nth(1).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    card = page.get_by_role("group", name="Finding at the cursor")
    expect(card).to_contain_text("Keep one empty line here")
    expect(card).not_to_contain_text("change to")
    card.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("textbox", name="Message")).to_have_value(
        f"Hello Laura,\n\nYour order {US_ORDER} ships today.\n\nDemo Store"
    )


def test_an_invoice_api_export_without_its_upload_says_so_in_words(
    page: Page, live_server, login, demo
) -> None:
    Team.objects.filter(name="Demo").update(approval_required=False)
    order = Order.objects.get(amazon_order_id=US_ORDER)
    body = f"Hello Laura,\n\nthe invoice for your order {US_ORDER} is attached.\n\nKind regards,\nDemo Store"
    draft = make_draft(User.objects.get(username="seller"), order, body, message_type="invoice")
    login("seller")
    page.goto(f"{live_server.url}/drafts/{draft.pk}/")
    expect(page.get_by_role("button", name="Export")).to_be_enabled()
    page.get_by_role("button", name="Export").click()
    page.get_by_role("button", name="API request").click()
    status = page.locator("#export-status")
    expect(status).to_contain_text("give the upload destination ID of the file you uploaded")
    expect(status).not_to_contain_text("body.attachments")
    expect(status).not_to_contain_text("items")
