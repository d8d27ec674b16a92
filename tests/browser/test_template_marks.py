"""The template editor uses the seller's editor's marks, card and fixes, in Chromium, and asks
to confirm warnings only when there are some."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from composer.models import MessageTemplate

pytestmark = pytest.mark.browser

BODY = (
    "Hello {{buyer_name}},\n\nbefore we ship your order {{order_id}}, please confirm the colour. "
    "Please reply here or email me at care@example-shop.com.\n\nKind regards,\n{{store_name}}"
)


@pytest.fixture
def template(demo) -> MessageTemplate:
    template = MessageTemplate.objects.get(message_type="order_question", language="en")
    template.publish(subject="", body=BODY, by=None)
    return template


def _open(page: Page, live_server, login, template: MessageTemplate) -> None:
    login("admin")
    page.goto(f"{live_server.url}/templates/{template.pk}/")
    # The first check in a fresh test server loads the spelling dictionaries: it may take a while.
    expect(page.locator("#template-form")).to_have_attribute("data-answered", "1", timeout=60_000)


def test_the_template_editor_marks_a_finding_in_the_template_and_fixes_it_there(
    page: Page, live_server, login, template
) -> None:
    _open(page, live_server, login, template)
    body = page.get_by_role("textbox", name="Body")
    mark = page.locator('#mark-layer mark[data-rule="C301"]')
    expect(mark).to_have_text("care@example-shop.com")
    # No warnings: nothing to confirm.
    expect(page.get_by_label("I have read the warnings and the template is right as it is")).to_be_hidden()
    # The caret on the address shows the card with the fix in words.
    body.scroll_into_view_if_needed()
    box = mark.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    card = page.get_by_role("group", name="Finding at the cursor")
    expect(card).to_contain_text("Fix: remove “or email me at care@example-shop.com”")
    card.get_by_role("button", name="Apply").click()
    expect(body).to_have_value(BODY.replace(" or email me at care@example-shop.com", ""))
    preview = page.get_by_role("region", name="Preview")
    expect(preview).to_contain_text("can be published")
    expect(page.locator("#mark-layer mark")).to_have_count(0)
    page.get_by_role("button", name="Undo").click()
    expect(body).to_have_value(BODY)


def test_the_warnings_box_shows_only_while_the_template_has_warnings(
    page: Page, live_server, login, template
) -> None:
    _open(page, live_server, login, template)
    body = page.get_by_role("textbox", name="Body")
    confirm = page.get_by_label("I have read the warnings and the template is right as it is")
    body.fill(
        BODY.replace(" or email me at care@example-shop.com", "")
        + "\nOur other lamp: https://www.amazon.com/dp/B08KTZ4M1Q"
    )
    expect(page.get_by_role("region", name="Preview")).to_contain_text("This template has warnings")
    expect(confirm).to_be_visible()
    # The link's own fix, from the findings list, takes the warning away, and the box with it.
    finding = page.get_by_role("region", name="Preview").locator('li[data-rule="L204"]')
    finding.get_by_role("button", name="Remove link").click()
    expect(page.get_by_role("region", name="Preview")).to_contain_text("can be published")
    expect(confirm).to_be_hidden()
    expect(page.locator("#template-form[data-busy]")).to_have_count(0)


def test_a_new_template_is_marked_as_it_is_written(page: Page, live_server, login, demo) -> None:
    MessageTemplate.objects.filter(message_type="delivery", language="en").delete()
    login("admin")
    page.goto(f"{live_server.url}/templates/new/")
    preview = page.get_by_role("region", name="Preview")
    # Nothing written yet: no check, no complaint about an empty body.
    expect(preview).to_contain_text("Press Preview")
    page.locator("#template-form").get_by_label("Message type").select_option("delivery")
    page.locator("#template-form").get_by_label("Language").select_option("en")
    body = page.get_by_role("textbox", name="Body")
    body.fill(
        "Hello {{buyer_name}},\n\nyour order {{order_id}} is on its way. "
        "Visit example-petshop.com for care tips.\n\nKind regards,\n{{store_name}}"
    )
    expect(page.locator('#mark-layer mark[data-rule="L202"]')).to_have_text(
        "example-petshop.com", timeout=60_000
    )
    preview.locator('li[data-rule="L202"]').get_by_role("button", name="Remove link").click()
    expect(body).to_have_value(
        "Hello {{buyer_name}},\n\nyour order {{order_id}} is on its way.\n\nKind regards,\n{{store_name}}"
    )
    expect(preview.locator('li[data-category="link"]')).to_have_count(0)
    # A delivery notice alone is a warning: now there is something to confirm.
    expect(preview).to_contain_text("This template has warnings")
    expect(page.get_by_label("I have read the warnings and the template is right as it is")).to_be_visible()
    expect(page.locator("#template-form[data-busy]")).to_have_count(0)
