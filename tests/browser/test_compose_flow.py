"""A seller writes a message end to end in a real browser."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from composer.models import MessageRecord, Order, Team

pytestmark = pytest.mark.browser

ORDER_ID = "114-4909505-8661897"


def _start_message(page: Page, live_server) -> None:
    page.get_by_role("link", name="New message").first.click()
    page.get_by_label("Message type").select_option(label="Order question")
    page.get_by_label("Order ID").fill(ORDER_ID)
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("textbox", name="Message")).to_contain_text(ORDER_ID)


def test_seller_fixes_an_emoji_and_exports_the_message(page: Page, live_server, demo, login) -> None:
    # This test is about the live check; the approval step has its own test (test_review_flow.py).
    Team.objects.filter(name="Demo").update(approval_required=False)
    login("seller")
    _start_message(page, live_server)
    message = page.get_by_role("textbox", name="Message")
    findings = page.get_by_role("region", name="Findings")
    export = page.get_by_role("button", name="Export")
    expect(export).to_be_enabled()

    message.press("Control+End")
    message.press_sequentially(" 🎉")
    expect(findings.locator('li[data-category="emoji"]')).to_have_count(1)
    expect(findings.locator('li[data-category="emoji"]')).to_have_attribute("data-severity", "error")
    expect(export).to_be_disabled()

    message.press("Backspace")
    message.press("Backspace")
    expect(findings.locator('li[data-category="emoji"]')).to_have_count(0)
    expect(export).to_be_enabled()

    export.click()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Plain text").click()
    exported = download_info.value.path().read_text(encoding="utf-8")
    assert ORDER_ID in exported and "🎉" not in exported
    # Exporting is not sending: the seller sends the text in Seller Central, then says so.
    assert not MessageRecord.objects.exists()
    sent = page.get_by_role("button", name="Mark as sent")
    expect(sent).to_be_enabled()
    sent.click()
    expect(page.locator(".messages")).to_contain_text("Recorded as sent")
    expect(page.locator(".message-history")).to_contain_text("Sent message")
    assert MessageRecord.objects.get().text == exported


def test_saving_a_draft_keeps_the_text(page: Page, live_server, demo, login) -> None:
    login("seller")
    _start_message(page, live_server)
    message = page.get_by_role("textbox", name="Message")
    message.press("Control+End")
    message.press_sequentially(" Thanks.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("Draft saved")
    assert page.get_by_role("textbox", name="Message").input_value().endswith(" Thanks.")


def test_compose_page_has_no_serious_accessibility_violations(page: Page, live_server, demo, login) -> None:
    login("seller")
    _start_message(page, live_server)
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()


def test_new_message_guides_the_seller_through_the_types_an_order_allows(
    page: Page, live_server, demo, login
) -> None:
    unshipped = Order.objects.filter(team__name="Demo", status=Order.Status.UNSHIPPED).first()
    shipped = Order.objects.get(amazon_order_id=ORDER_ID)
    login("seller")
    page.get_by_role("link", name="New message").first.click()
    message_type = page.get_by_label("Message type")
    language = page.get_by_label("Buyer language")
    # The seller picks a buyer language first: choosing an order does not take it back.
    language.select_option("fr-FR")
    page.get_by_label("Order ID").fill(unshipped.amazon_order_id)
    review = message_type.locator('option[value="review_request"]')
    expect(review).to_be_disabled()
    expect(review).to_contain_text("Not shipped yet")
    expect(message_type).not_to_have_value("review_request")
    expect(page.locator("#type-description")).not_to_be_empty()
    expect(language).to_have_value("fr-FR")
    page.get_by_label("Order ID").fill(shipped.amazon_order_id)
    expect(language).to_have_value("fr-FR")
    message_type.select_option("unexpected_problem")
    expect(page.locator("#type-description")).to_contain_text("problem with the order")
