"""A Chinese-speaking seller writes an English message in the Chinese interface, then switches back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Browser, Page, expect

from composer.models import MessageRecord, Team, User

pytestmark = pytest.mark.browser

ORDER_ID = "114-4909505-8661897"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _switch_language(page: Page, label: str, language: str) -> None:
    page.get_by_label(label, exact=True).select_option(language)
    # The small script submits on change; the page comes back in the chosen language.
    expect(page.locator("html")).to_have_attribute("lang", language)


def test_seller_composes_in_chinese_and_switches_back(page: Page, live_server, demo, login) -> None:
    # This test is about the interface language; the team-lead approval gate has its own tests.
    Team.objects.update(approval_required=False)
    login("seller")
    _switch_language(page, "Language", "zh-hans")
    assert User.objects.get(username="seller").interface_language == "zh-hans"
    expect(page.get_by_role("navigation").get_by_role("link", name="新建消息")).to_be_visible()

    page.get_by_role("link", name="新建消息").first.click()
    page.get_by_label("消息类型").select_option(label="订单问题")
    page.get_by_label("订单编号").fill(ORDER_ID)
    page.get_by_role("button", name="开始").click()
    message = page.get_by_role("textbox", name="消息")
    expect(message).to_contain_text(ORDER_ID)
    # The template stays in the buyer's language (en-US), whatever the interface speaks.
    assert not CJK.search(message.input_value())

    findings = page.get_by_role("region", name="检查结果")
    export = page.get_by_role("button", name="导出")
    message.press("Control+End")
    message.press_sequentially(" 🎉")
    emoji = findings.locator('li[data-category="emoji"]')
    expect(emoji).to_have_count(1)
    expect(emoji.locator(".message")).to_have_text("买家与卖家消息中不允许使用表情符号。")
    # The guideline it breaks, by name and in Chinese, linked to its entry in the guide.
    expect(emoji.locator(".rule-link")).to_have_text("指南：不得使用表情符号")
    expect(emoji.locator(".rule-link")).to_have_attribute("href", "/rules/#emoji")
    expect(export).to_be_disabled()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "i18n-compose-zh-hans.png"), full_page=True)

    message.press("Backspace")
    message.press("Backspace")
    expect(emoji).to_have_count(0)
    expect(export).to_be_enabled()
    export.click()  # opens the export choices
    with page.expect_download() as download_info:
        page.get_by_role("button", name="纯文本").click()
    exported = download_info.value.path().read_text(encoding="utf-8")
    assert ORDER_ID in exported and not CJK.search(exported)
    assert not MessageRecord.objects.exists()

    _switch_language(page, "语言", "en")
    expect(page.get_by_role("region", name="Findings")).to_be_visible()
    expect(page.get_by_role("textbox", name="Message")).to_have_value(re.compile(ORDER_ID))
    assert User.objects.get(username="seller").interface_language == "en"


def test_chinese_compose_page_has_no_serious_accessibility_violations(
    page: Page, live_server, demo, login
) -> None:
    login("seller")
    _switch_language(page, "Language", "zh-hans")
    page.get_by_role("link", name="新建消息").first.click()
    page.get_by_label("订单编号").fill(ORDER_ID)
    page.get_by_role("button", name="开始").click()
    expect(page.get_by_role("textbox", name="消息")).to_contain_text(ORDER_ID)
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()


def test_rules_page_renders_chinese_text(page: Page, live_server, demo, login) -> None:
    login("seller")
    _switch_language(page, "Language", "zh-hans")
    page.get_by_role("link", name="指南").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("亚马逊的消息指南")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "i18n-rules-zh-hans.png"))


def test_a_chinese_browser_gets_the_chinese_log_in_page_on_a_first_visit(
    browser: Browser, live_server
) -> None:
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_label("用户名")).to_be_visible()
    expect(page.get_by_label("语言", exact=True)).to_have_value("zh-hans")
    context.close()


def test_switching_works_without_javascript(browser: Browser, live_server) -> None:
    context = browser.new_context(locale="en-US", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Language", exact=True).select_option("zh-hans")
    page.get_by_role("button", name="Switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", level=1)).to_have_text("登录")
    context.close()
