"""The Guidelines page in Chromium: readable at phone and desktop width, accessible, searchable, linked."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Page, expect

from composer.models import Order, Team, User
from tests.conftest import make_draft

pytestmark = pytest.mark.browser

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
US_ORDER = "114-4909505-8661897"
# Elements of the guide that reach past the right edge of the window (the page would scroll sideways).
OVERFLOWING = """() => [...document.querySelectorAll('#main *')]
  .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map(el => el.tagName + (el.id ? '#' + el.id : ''))"""


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_guide_fits_the_screen_and_has_no_accessibility_violation(
    page: Page, live_server, demo, login, width: int, language: str
) -> None:
    login("seller")
    if language != "en":
        page.get_by_label("Language", exact=True).select_option(language)
        expect(page.locator("html")).to_have_attribute("lang", language)
    # At phone width the header's controls sit behind its menu button; the guide is what is measured.
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/rules/")
    expect(page.get_by_role("navigation", name="目录" if language != "en" else "Contents")).to_be_visible()
    assert page.evaluate(OVERFLOWING) == []
    results = Axe().run(page, context={"include": [["#main"]]})
    assert not results.response["violations"], results.generate_report()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"guide-{language}-{width}.png"))


def test_a_seller_searches_the_guide_and_opens_a_topic_from_the_contents(
    page: Page, live_server, demo, login
) -> None:
    login("seller")
    page.goto(f"{live_server.url}/rules/")
    page.get_by_role("navigation", name="Contents").get_by_role(
        "link", name="Review requests", exact=True
    ).click()
    expect(page.get_by_role("heading", name="Review requests", exact=True, level=2)).to_be_in_viewport()
    page.get_by_role("searchbox", name="Search the guidelines").fill("phone")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_contain_text("match “phone”")
    expect(page.get_by_role("heading", name="No e-mail addresses or phone numbers", level=3)).to_be_visible()
    expect(page.get_by_role("heading", name="No emoji", level=3)).to_have_count(0)


def test_a_finding_in_the_editor_opens_its_guide_entry(page: Page, live_server, demo, login) -> None:
    Team.objects.filter(name="Demo").update(approval_required=False)
    seller = User.objects.get(username="seller")
    draft = make_draft(
        seller, Order.objects.get(amazon_order_id=US_ORDER), f"Order {US_ORDER} ships Monday 🎉"
    )
    login("seller")
    page.goto(f"{live_server.url}/drafts/{draft.pk}/")
    findings = page.get_by_role("region", name="Findings")
    link = findings.locator('li[data-rule="S401"]').get_by_role("link", name="Guideline: No emoji")
    link.click()
    page.wait_for_url(f"{live_server.url}/rules/#emoji")
    entry = page.locator("div#emoji")
    expect(entry).to_be_in_viewport()
    expect(entry).to_contain_text("Not allowed")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "guide-entry-from-finding.png"))
