"""Every page for each role, on a phone (390 px) and a laptop (1366 px): nothing scrolls sideways,
the menu fits (one line on the laptop, a "Menu" button on the phone), and axe finds nothing
serious. Screenshots go to test-artifacts/walkthrough/ for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Page, expect

from composer.models import Draft, MessageTemplate, Order, User
from tests.conftest import make_draft

pytestmark = pytest.mark.browser

PHONE, LAPTOP = 390, 1366
SHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "walkthrough"
ORDER_ID = "114-4909505-8661897"


def _pages(role: str) -> list[tuple[str, str]]:
    """Return (name, path) for the pages ``role`` uses in a day's work."""
    seller = User.objects.get(username="seller")
    order = Order.objects.get(amazon_order_id=ORDER_ID)
    draft = Draft.objects.filter(author=seller).first() or make_draft(
        seller, order, f"Hello Laura,\n\nPlease confirm the colour for order {ORDER_ID}.\n\nDemo Store"
    )
    common = [("drafts", "/drafts/"), ("guidelines", "/rules/"), ("settings", "/settings/")]
    if role == "seller":
        return [
            *common,
            ("new-message", "/messages/new/"),
            ("editor", f"/drafts/{draft.pk}/"),
            ("draft-history", f"/drafts/{draft.pk}/history/"),
            ("orders", "/orders/"),
            ("order", f"/orders/{order.pk}/"),
            ("order-new", "/orders/new/"),
            ("import-orders", "/orders/import/"),
        ]
    if role == "lead":
        draft.submit(by=seller)
        return [
            *common,
            ("review-queue", "/review/"),
            ("review-draft", f"/review/{draft.pk}/"),
            ("dictionary", "/dictionary/"),
        ]
    template = MessageTemplate.objects.first()
    return [
        *common,
        ("library", "/templates/"),
        ("template-edit", f"/templates/{template.pk}/"),
        ("template-new", "/templates/new/"),
        ("template-history", f"/templates/{template.pk}/history/"),
        ("library-import", "/templates/import/"),
    ]


def _sideways_overflow(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def _serious(page: Page) -> list:
    results = Axe().run(page)
    return [
        (v["id"], [n["html"][:100] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [PHONE, LAPTOP])
@pytest.mark.parametrize("role", ["seller", "lead", "admin"])
def test_every_page_fits_the_screen_and_passes_axe(page: Page, live_server, demo, login, role, width) -> None:
    page.set_viewport_size({"width": width, "height": 844 if width == PHONE else 768})
    login(role)
    menu = page.get_by_role("button", name="Menu")
    problems = []
    for name, path in _pages(role):
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / f"{role}-{width}-{name}.png", full_page=True)
        if (overflow := _sideways_overflow(page)) > 0:
            problems.append(f"{name}: {overflow} px sideways")
        if width == LAPTOP:
            expect(menu).to_be_hidden()
            # The brand, every link and the account controls share one line (centres within 12 px).
            centres = page.locator(
                ".site-nav .navbar-brand, #site-menu .nav-link, #language-select"
            ).evaluate_all(
                "items => items.map(i => { const r = i.getBoundingClientRect(); return r.top + r.height / 2; })"
            )
            if max(centres) - min(centres) > 12:
                problems.append(f"{name}: the menu takes more than one line")
        else:
            expect(menu).to_be_visible()
        if serious := _serious(page):
            problems.append(f"{name}: axe {serious}")
    assert not problems, "\n".join(problems)


def test_on_a_phone_the_menu_opens_from_its_button(page: Page, live_server, demo, login) -> None:
    page.set_viewport_size({"width": PHONE, "height": 844})
    login("seller")
    menu = page.get_by_role("button", name="Menu")
    drafts = page.get_by_role("navigation", name="Main").get_by_role("link", name="My drafts")
    expect(drafts).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(drafts).to_be_visible()
    page.keyboard.press("Escape")
    expect(drafts).to_be_hidden()
    expect(menu).to_be_focused()


def test_on_a_phone_the_message_box_comes_right_after_the_title(page: Page, live_server, demo, login) -> None:
    page.set_viewport_size({"width": PHONE, "height": 844})
    seller = User.objects.get(username="seller")
    order = Order.objects.get(amazon_order_id=ORDER_ID)
    draft = make_draft(seller, order, f"Hello Laura,\n\nPlease confirm the colour for order {ORDER_ID}.")
    login("seller")
    page.goto(f"{live_server.url}/drafts/{draft.pk}/")
    message = page.get_by_role("textbox", name="Message")
    title = page.get_by_role("heading", level=1)
    gap = message.bounding_box()["y"] - (title.bounding_box()["y"] + title.bounding_box()["height"])
    # Only the label sits between them; the order's windows are one line further down.
    assert gap < 80, gap
    windows = page.locator("details.order-panel")
    expect(windows).not_to_have_attribute("open", "")
    windows.locator("summary").click()
    expect(windows).to_have_attribute("open", "")
