"""Every page for each role, on a phone (390 px) and a laptop (1366 px): nothing scrolls sideways,
the menu fits (one line on the laptop, a "Menu" button on the phone), and axe finds nothing
serious. Screenshots go to test-artifacts/walkthrough/ (or $WALKTHROUGH_DIR) for a person to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Page, expect

from composer.models import DictionaryWord, Draft, ImportJob, MessageTemplate, Order, Team, User
from tests.conftest import make_draft

pytestmark = pytest.mark.browser

PHONE, LAPTOP = 390, 1366
SHOTS = Path(os.environ.get("WALKTHROUGH_DIR") or Path(settings.BASE_DIR) / "test-artifacts" / "walkthrough")
ORDER_ID = "114-4909505-8661897"


def _pages(role: str) -> list[tuple[str, str]]:
    """Return (name, path) for the pages ``role`` uses in a day's work."""
    seller = User.objects.get(username="seller")
    order = Order.objects.get(amazon_order_id=ORDER_ID)
    draft = Draft.objects.filter(author=seller).first() or make_draft(
        seller, order, f"Hello Laura,\n\nPlease confirm the colour for order {ORDER_ID}.\n\nDemo Store"
    )
    common = [
        ("drafts", "/drafts/"),
        ("guidelines", "/rules/"),
        ("settings", "/settings/"),
        ("password", "/accounts/password/"),
        ("orders", "/orders/"),
        ("order", f"/orders/{order.pk}/"),
    ]
    if role == "seller":
        findings_draft = make_draft(
            seller,
            order,
            f"Hello Laura 🎉,\n\nYour glimmerwick lantern from order {ORDER_ID} ships tomorrow. "
            "Write to me at laura.shop@example.com.\n\nDemo Store",
        )
        job = ImportJob.objects.create(
            team=seller.team,
            created_by=seller,
            file_name="All Orders 2026-11-01 to 2026-11-30, second half of the month.txt",
            status=ImportJob.Status.DONE,
            rows_total=3,
            rows_done=3,
            created_count=2,
            error_count=1,
            errors=[{"row": 3, "reason": "The purchase date 2026-11-31T10:00:00 is not a date."}],
        )
        return [
            *common,
            ("new-message", "/messages/new/"),
            ("editor", f"/drafts/{draft.pk}/"),
            ("editor-findings", f"/drafts/{findings_draft.pk}/"),
            ("draft-history", f"/drafts/{draft.pk}/history/"),
            ("order-new", "/orders/new/"),
            ("import-orders", "/orders/import/"),
            ("import-job", f"/orders/imports/{job.pk}/"),
        ]
    if role == "lead":
        draft.submit(by=seller)
        DictionaryWord.objects.create(team=seller.team, word="glimmerwick", added_by=seller)
        return [
            *common,
            ("review-queue", "/review/"),
            ("review-draft", f"/review/{draft.pk}/"),
            ("dictionary", "/dictionary/"),
            ("amazon-account", "/amazon/"),
        ]
    template = MessageTemplate.objects.first()
    Team.objects.get_or_create(name="Second team, Europe")
    return [
        *common,
        ("review-queue", "/review/"),
        ("dictionary", "/dictionary/"),
        ("amazon-account", "/amazon/"),
        ("library", "/templates/"),
        ("template-edit", f"/templates/{template.pk}/"),
        ("template-new", "/templates/new/"),
        ("template-history", f"/templates/{template.pk}/history/"),
        ("library-import", "/templates/import/"),
    ]


def _sideways_overflow(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def _sideways_scrollers(page: Page) -> list[str]:
    """Return the elements inside the page that scroll sideways (a table in a scroll box)."""
    return page.evaluate(
        """() => [...document.querySelectorAll("body *")].filter((el) => {
          const style = getComputedStyle(el);
          return ["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
        }).map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className.split(" ").join(".") : ""))"""
    )


def _broken_words(page: Page) -> list[str]:
    """Return the words in table cells that are broken across lines (a column squeezed too narrow)."""
    return page.evaluate(
        """() => {
          const broken = [];
          for (const cell of document.querySelectorAll("main td, main th, main caption")) {
            if (!cell.getClientRects().length) continue;
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              // A line may end after a hyphen (2026-11-30) and between any two Chinese or Japanese
              // characters; a break inside a word's letters is the fault.
              for (const match of node.data.matchAll(/[^\\s\\-\u2010\u3000-\u9fff\uff00-\uffef]{2,}/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
                if (tops.size > 1) broken.push(match[0]);
              }
            }
          }
          return broken;
        }"""
    )


def _wrapped_menu_items(page: Page) -> list[str]:
    """Return the menu items whose words take more than one line."""
    return page.locator("#site-menu .nav-link, #site-menu .btn").evaluate_all(
        """items => items.filter((i) => {
          const s = getComputedStyle(i);
          const inner = i.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);
          return i.offsetWidth > 0 && inner > parseFloat(s.lineHeight) * 1.5;
        }).map((i) => i.textContent.trim())"""
    )


def _serious(page: Page) -> list:
    results = Axe().run(page)
    return [
        (v["id"], [n["html"][:100] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _walk(page: Page, base_url: str, role: str, width: int, shot_prefix: str) -> list[str]:
    """Open each of ``role``'s pages, keep a screenshot and return what does not fit or fails axe."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    menu = page.locator("#menu-button")  # "Menu", or 菜单 in Chinese
    for name, path in _pages(role):
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        page.screenshot(path=SHOTS / f"{shot_prefix}-{name}.png", full_page=True)
        if (overflow := _sideways_overflow(page)) > 0:
            problems.append(f"{name}: {overflow} px sideways")
        if scrollers := _sideways_scrollers(page):
            problems.append(f"{name}: scrolls sideways inside {scrollers}")
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
            if wrapped := _wrapped_menu_items(page):
                problems.append(f"{name}: menu items wrap: {wrapped}")
        else:
            expect(menu).to_be_visible()
            if broken := _broken_words(page):
                problems.append(f"{name}: words broken in table cells: {broken[:5]}")
        if serious := _serious(page):
            problems.append(f"{name}: axe {serious}")
    return problems


@pytest.mark.parametrize("width", [PHONE, LAPTOP])
@pytest.mark.parametrize("role", ["seller", "lead", "admin"])
def test_every_page_fits_the_screen_and_passes_axe(page: Page, live_server, demo, login, role, width) -> None:
    page.set_viewport_size({"width": width, "height": 844 if width == PHONE else 768})
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    # The log-in page, before anyone is logged in.
    page.goto(f"{live_server.url}/accounts/login/")
    page.screenshot(path=SHOTS / f"{role}-{width}-login.png", full_page=True)
    if (overflow := _sideways_overflow(page)) > 0:
        problems.append(f"login: {overflow} px sideways")
    if serious := _serious(page):
        problems.append(f"login: axe {serious}")
    login(role)
    problems += _walk(page, live_server.url, role, width, f"{role}-{width}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [PHONE, LAPTOP])
def test_the_admins_pages_fit_in_chinese_too(page: Page, live_server, demo, login, width) -> None:
    # The admin has the longest menu; Chinese words are wider than their English letters count.
    page.set_viewport_size({"width": width, "height": 844 if width == PHONE else 768})
    login("admin")
    if width == PHONE:
        page.get_by_role("button", name="Menu").click()
    page.get_by_label("Language", exact=True).select_option("zh-hans")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    problems = _walk(page, live_server.url, "admin", width, f"admin-{width}-zh")
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
