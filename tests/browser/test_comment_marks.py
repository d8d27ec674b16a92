"""A team lead's passage comments are marked in the seller's editor, in Chromium: the words
highlighted, the comment in the card on hover or caret, and a keyboard way from the list."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from composer.models import Order, User
from tests.conftest import make_draft

pytestmark = pytest.mark.browser

US_ORDER = "114-4909505-8661897"
BODY = (
    f"Hello Laura,\n\nBefore we ship your order {US_ORDER}, please confirm the colour you would like."
    "\n\nKind regards,\nDemo Store"
)


@pytest.fixture
def commented(demo):
    order = Order.objects.get(amazon_order_id=US_ORDER)
    draft = make_draft(User.objects.get(username="seller"), order, BODY)
    start = BODY.index("please confirm the colour")
    draft.add_comment(
        by=User.objects.get(username="lead"),
        body="Name the two colours we have.",
        start=start,
        end=start + len("please confirm the colour"),
    )
    return draft


def test_a_passage_comment_is_marked_and_shown_on_hover_and_from_the_keyboard(
    page: Page, live_server, login, commented
) -> None:
    login("seller")
    page.goto(f"{live_server.url}/drafts/{commented.pk}/")
    message = page.get_by_role("textbox", name="Message")
    expect(message).to_have_value(BODY)
    # The marks sit behind the text box: the box itself tells screen readers about the comments.
    expect(message).to_have_accessible_description(re.compile("Your team lead commented on passages"))
    mark = page.locator("#mark-layer mark.mark-comment")
    expect(mark).to_have_count(1)
    expect(mark).to_have_text("please confirm the colour")
    # Hover: the card shows the lead's words.
    message.scroll_into_view_if_needed()
    box = mark.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    card = page.get_by_role("group", name="Comment at the cursor")
    expect(card).to_be_visible()
    expect(card).to_contain_text("Name the two colours we have.")
    expect(card).to_contain_text("lead")
    page.mouse.move(0, 0)
    expect(card).to_be_hidden()
    # Keyboard: the list's button puts the caret on the passage and shows the card.
    show = page.get_by_role("button", name="“please confirm the colour” (show in the message)")
    show.focus()
    page.keyboard.press("Enter")
    expect(message).to_be_focused()
    selected = message.evaluate("el => el.value.slice(el.selectionStart, el.selectionEnd)")
    assert selected == "please confirm the colour"
    expect(card).to_be_visible()
    # The mark moves with the typing.
    page.keyboard.press("Control+Home")
    page.keyboard.type("Hi! ")
    expect(mark).to_have_text("please confirm the colour")
    expect(page.locator("#draft-form[data-busy]")).to_have_count(0)
