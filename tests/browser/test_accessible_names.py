"""The accessible names people, tests and scripts rely on (README's contract) are there, exactly,
for each role: every field through the one field partial keeps its label."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from composer.models import Order, Team, User
from tests.composer.amazon_fixtures import connect
from tests.conftest import make_draft

pytestmark = pytest.mark.browser

ORDER_ID = "114-4909505-8661897"


def _nav(page: Page):
    return page.get_by_role("navigation", name="Main")


def test_the_sellers_names(page: Page, live_server, demo, login, amazon) -> None:
    team = Team.objects.get(name="Demo")
    connect(team, amazon)
    Team.objects.filter(pk=team.pk).update(approval_required=False)  # Export opens its menu
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_label("Username", exact=True)).to_be_visible()
    expect(page.get_by_label("Password", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Log in", exact=True)).to_be_visible()
    login("seller")
    expect(page.get_by_label("Language", exact=True)).to_be_attached()
    expect(_nav(page).get_by_role("link", name="New message", exact=True)).to_be_attached()
    expect(_nav(page).get_by_role("link", name="Orders", exact=True)).to_be_attached()

    page.goto(f"{live_server.url}/messages/new/")
    for label in ("Order ID", "Message type", "Buyer language"):
        expect(page.get_by_label(label, exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Start", exact=True)).to_be_visible()

    seller = User.objects.get(username="seller")
    draft = make_draft(
        seller, Order.objects.get(amazon_order_id=ORDER_ID), f"Hello Laura,\n\nOrder {ORDER_ID}."
    )
    page.goto(f"{live_server.url}/drafts/{draft.pk}/")
    expect(page.get_by_role("textbox", name="Message", exact=True)).to_be_visible()
    expect(page.get_by_role("region", name="Findings", exact=True)).to_be_visible()
    for button in ("Save draft", "Export", "Submit for review", "Mark as sent", "Send to buyer"):
        expect(page.get_by_role("button", name=button, exact=True)).to_be_visible()
    page.get_by_role("button", name="Export", exact=True).click()
    for button in ("Plain text", "API request"):
        expect(page.get_by_role("button", name=button, exact=True)).to_be_attached()

    invoice = make_draft(
        seller, Order.objects.get(amazon_order_id=ORDER_ID), "Your invoice.", message_type="invoice"
    )
    page.goto(f"{live_server.url}/drafts/{invoice.pk}/")
    expect(page.get_by_label("Invoice file", exact=True)).to_be_attached()

    page.goto(f"{live_server.url}/drafts/")
    expect(page.get_by_role("button", name="Archive", exact=True).first).to_be_visible()
    page.goto(f"{live_server.url}/orders/")
    page.get_by_role("link", name="Import orders", exact=True).click()
    expect(page.get_by_label("Report file", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Import", exact=True)).to_be_visible()


def test_the_leads_and_admins_names(page: Page, live_server, demo, login) -> None:
    seller = User.objects.get(username="seller")
    draft = make_draft(
        seller, Order.objects.get(amazon_order_id=ORDER_ID), f"Hello Laura,\n\nOrder {ORDER_ID}."
    )
    draft.submit(by=seller)
    login("lead")
    expect(_nav(page).get_by_role("link", name="Review queue", exact=True)).to_be_attached()
    expect(_nav(page).get_by_role("link", name="Amazon account", exact=True)).to_be_attached()
    page.goto(f"{live_server.url}/review/{draft.pk}/")
    expect(page.get_by_role("button", name="Approve", exact=True)).to_be_visible()
    page.goto(f"{live_server.url}/amazon/")
    expect(page.get_by_role("button", name="Connect", exact=True)).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    login("admin")
    expect(_nav(page).get_by_role("link", name="Templates", exact=True)).to_be_attached()
    page.goto(f"{live_server.url}/templates/new/")
    expect(page.get_by_label("Language", exact=True).and_(page.locator("main select"))).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    expect(page.get_by_role("button", name="Menu", exact=True)).to_be_visible()
