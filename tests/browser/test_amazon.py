"""A lead connects the team's Amazon account and syncs orders; a seller sends through Amazon."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from composer import checking
from composer.models import Draft, Order, Team, User
from tests.composer.amazon_fixtures import connect
from tests.composer.spapi_simulator import make_order
from tests.composer.test_amazon_send import ACTIONS, TEXTS

pytestmark = pytest.mark.browser

ORDER_ID = "114-4909505-8661897"  # a demo order of team Demo (US), delivered 8 days ago
SYNCED = "113-5550123-4567890"


def test_a_lead_connects_the_account_and_syncs_orders(page: Page, live_server, demo, login, amazon) -> None:
    amazon.add_order(make_order(SYNCED, marketplace_id="ATVPDKIKX0DER"), seller=amazon.seller)
    login("lead")
    page.get_by_role("link", name="Amazon account").click()
    page.get_by_label("Selling partner ID").fill(amazon.seller)
    page.get_by_label("Region").select_option("na")
    page.get_by_label("Refresh token").fill("Atzr|wrong")
    page.get_by_role("button", name="Connect").click()
    expect(page.get_by_text("Login with Amazon refused the token")).to_be_visible()
    page.get_by_label("Refresh token").fill(amazon.refresh_token)
    page.get_by_role("button", name="Connect").click()
    expect(page.get_by_text("Connected. Marketplaces: Amazon.com, Amazon.de.")).to_be_visible()
    expect(page.locator("#marketplaces")).to_contain_text("Amazon.de")
    assert amazon.refresh_token not in page.content()
    page.get_by_role("button", name="Sync orders now").click()
    expect(page.get_by_text("Order sync started")).to_be_visible()
    page.get_by_role("link", name="Orders", exact=True).click()
    expect(page.get_by_role("link", name=SYNCED, exact=True)).to_be_visible()
    assert amazon.invalid == []


def _draft_for(message_type: str, amazon) -> Draft:
    team = Team.objects.get(name="Demo")
    Team.objects.filter(pk=team.pk).update(approval_required=False)
    connect(team, amazon)
    order = Order.objects.get(team=team, amazon_order_id=ORDER_ID)
    amazon.add_order(make_order(ORDER_ID, marketplace_id=order.marketplace_id), seller=amazon.seller)
    draft = Draft.objects.create(
        author=User.objects.get(username="seller"),
        team=team,
        order=order,
        message_type=message_type,
        buyer_locale="en-US",
        body=TEXTS[message_type],
    )
    draft.findings = checking.check_draft(draft).findings
    draft.save(update_fields=["findings"])
    return draft


@pytest.mark.parametrize("message_type", list(TEXTS))
def test_a_seller_sends_each_type_through_amazon(
    page: Page, live_server, demo, login, amazon, message_type
) -> None:
    draft = _draft_for(message_type, amazon)
    login("seller")
    page.goto(f"{live_server.url}/drafts/{draft.pk}/")
    if message_type == "invoice":
        page.get_by_label("Invoice file").set_input_files(
            {"name": "invoice.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 invoice"}
        )
    send = page.get_by_role("button", name="Send to buyer")
    expect(send).to_be_enabled()
    send.click()
    expect(page.get_by_text("Sent to the buyer through Amazon.")).to_be_visible()
    [received] = amazon.sent()
    assert received["operation"] == ACTIONS[message_type]
    expect(page.get_by_role("button", name="Send to buyer")).to_be_disabled()
    assert amazon.invalid == []


def test_send_is_off_while_the_text_has_an_error(page: Page, live_server, demo, login, amazon) -> None:
    draft = _draft_for("delivery", amazon)
    login("seller")
    page.goto(f"{live_server.url}/drafts/{draft.pk}/")
    send = page.get_by_role("button", name="Send to buyer")
    expect(send).to_be_enabled()
    page.get_by_role("textbox", name="Message").press_sequentially(" Write to shop@example.com")
    expect(send).to_be_disabled()


@pytest.mark.parametrize(
    ("fault", "shown"),
    [
        ("400", "Not sent: The message contains content that is not allowed. (InvalidInput)"),
        ("500", "Not known: check Seller Central before sending again."),
    ],
)
def test_a_failed_send_says_what_happened(page: Page, live_server, demo, login, amazon, fault, shown) -> None:
    draft = _draft_for("delivery", amazon)
    amazon.inject(fault, "createConfirmDeliveryDetails")
    login("seller")
    page.goto(f"{live_server.url}/drafts/{draft.pk}/")
    page.get_by_role("button", name="Send to buyer").click()
    expect(page.get_by_text(shown)).to_be_visible()
    if fault == "500":
        expect(page.get_by_label("I checked Seller Central: the earlier send did not arrive")).to_be_visible()
    assert not amazon.sent()


def test_an_order_amazon_sends_out_of_bounds_is_listed_after_the_sync(
    page: Page, live_server, demo, login, amazon
) -> None:
    connect(Team.objects.get(name="Demo"), amazon)
    broken = make_order("113-5550123-4567891", marketplace_id="ATVPDKIKX0DER")
    broken["createdTime"] = "9999-12-31T23:59:59Z"
    amazon.add_order(broken, seller=amazon.seller)
    amazon.add_order(make_order(SYNCED, marketplace_id="ATVPDKIKX0DER"), seller=amazon.seller)
    login("lead")
    page.goto(f"{live_server.url}/amazon/")
    page.get_by_role("button", name="Sync orders now").click()
    # The sync's answer is a page of its own: reloading before it arrives would cut it off.
    expect(page.locator(".messages")).to_contain_text("Order sync started")
    page.reload()
    report = page.locator("#sync-report")
    expect(report).to_contain_text("1 order stored.")
    expect(report).to_contain_text("1 order from Amazon was not stored:")
    expect(page.locator("#sync-errors")).to_contain_text(
        "113-5550123-4567891: createdTime: 9999-12-31 is not between"
    )
    page.get_by_role("link", name="Orders", exact=True).click()
    expect(page.get_by_role("link", name=SYNCED, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="113-5550123-4567891", exact=True)).to_have_count(0)


def test_a_send_after_the_text_changed_elsewhere_shows_both_texts(
    page: Page, live_server, demo, login, amazon
) -> None:
    draft = _draft_for("delivery", amazon)
    login("seller")
    page.goto(f"{live_server.url}/drafts/{draft.pk}/")
    expect(page.get_by_role("button", name="Send to buyer")).to_be_enabled()
    # Another tab saves a new text meanwhile.
    changed = TEXTS["delivery"].replace("Friday", "Saturday")
    draft.save_text(body=changed, subject="", base_version=draft.version, findings=[], by=draft.author)
    page.get_by_role("button", name="Send to buyer").click()
    expect(page.get_by_role("heading", name="This draft was changed elsewhere")).to_be_visible()
    expect(page.locator(".conflict-text").first).to_contain_text("Friday")
    expect(page.locator(".conflict-text").last).to_contain_text("Saturday")
    assert not amazon.sent()
