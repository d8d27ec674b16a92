"""The editor in Chromium: marks on the right words, fixes and undo, drafts that are never lost."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import OperationalError
from playwright.sync_api import Page, expect

from composer import exports
from composer.models import Draft, MessageRecord, Order, Team, User
from tests.browser.conftest import open_with_script_held
from tests.conftest import make_draft

pytestmark = pytest.mark.browser

US_ORDER = "114-4909505-8661897"
DE_ORDER = "303-1240685-8432959"
JP_ORDER = "249-4699237-8074902"

ENGLISH = (
    f"Hello Laura,\n\nBefore we ship your order {US_ORDER}, please confirm the colour."
    "\n\nKind regards,\nDemo Store"
)
GERMAN = (
    f"Hallo Jonas,\n\nbevor wir Ihre Bestellung {DE_ORDER} versenden: Welche Farbe hätten Sie gern? 👍🏽"
    "\n\nMit freundlichen Grüßen\nDemo Store"
)
JAPANESE = f"中村様\n\nご注文 {JP_ORDER} について、お名前の綴りをご確認ください 🎉。\n\nDemo Store"


@pytest.fixture
def seller_draft(page: Page, demo) -> callable:
    """Return a maker of drafts for the demo seller, in a team that exports without approval.

    (The ``login`` fixture waits for open editors to settle before the database is emptied.)
    """
    Team.objects.filter(name="Demo").update(approval_required=False)
    return _draft_maker


def _draft_maker(
    order_id: str, body: str, *, message_type: str = "order_question", locale: str | None = None
) -> Draft:
    order = Order.objects.get(amazon_order_id=order_id)
    seller = User.objects.get(username="seller")
    return make_draft(
        seller, order, body, message_type=message_type, buyer_locale=locale or order.buyer_locale
    )


def _open(page: Page, live_server, login, draft: Draft) -> None:
    login("seller")
    page.goto(f"{live_server.url}/drafts/{draft.pk}/")
    expect(page.get_by_role("textbox", name="Message")).to_have_value(draft.body)


def _selection(page: Page) -> tuple[int, int]:
    return tuple(page.locator("#id_body").evaluate("el => [el.selectionStart, el.selectionEnd]"))


def _utf16_span(page: Page, needle: str) -> tuple[int, int]:
    return tuple(
        page.locator("#id_body").evaluate(
            "(el, n) => [el.value.indexOf(n), el.value.indexOf(n) + n.length]", needle
        )
    )


@pytest.mark.parametrize(
    ("order_id", "body", "offending"),
    [(DE_ORDER, GERMAN, "👍🏽"), (JP_ORDER, JAPANESE, "🎉")],
    ids=["german", "japanese"],
)
def test_marks_sit_on_the_offending_characters_in_german_and_japanese(
    page: Page, live_server, login, seller_draft, order_id, body, offending
) -> None:
    draft = seller_draft(order_id, body)
    _open(page, live_server, login, draft)
    mark = page.locator('#mark-layer mark[data-rule="S401"]')
    expect(mark).to_have_count(1)
    expect(mark).to_have_text(offending)
    # The layer draws exactly the textarea's text, so each mark lies under its characters.
    layer_text = page.locator("#mark-layer").evaluate("el => el.textContent.replace(/\\u200b$/, '')")
    assert layer_text == page.locator("#id_body").input_value()

    finding = page.get_by_role("region", name="Findings").locator('li[data-category="emoji"]')
    finding.click()
    assert _selection(page) == _utf16_span(page, offending)


def test_marks_follow_typing_before_them_without_waiting_for_the_server(
    page: Page, live_server, login, seller_draft
) -> None:
    draft = seller_draft(JP_ORDER, JAPANESE)
    _open(page, live_server, login, draft)
    message = page.get_by_role("textbox", name="Message")
    expect(page.locator('#mark-layer mark[data-rule="S401"]')).to_have_text("🎉")
    # Hold back the server's answers: the marks must move with the text on their own.
    held = []
    page.route("**/check/", lambda route: held.append(route))
    message.press("Control+Home")
    message.press_sequentially("👍🏽ご")
    expect(page.locator('#mark-layer mark[data-rule="S401"]')).to_have_text("🎉")
    expect(page.locator('#mark-layer mark[data-rule="S401"]')).to_have_count(1)
    page.unroute("**/check/")
    for route in held:
        route.continue_()
    # The server's answer then marks both emoji where they are.
    expect(page.locator('#mark-layer mark[data-rule="S401"]')).to_have_count(2)
    expect(page.locator('#mark-layer mark[data-rule="S401"]').first).to_have_text("👍🏽")


def test_one_check_at_a_time_and_the_newest_text_is_checked_when_it_returns(
    page: Page, live_server, login, seller_draft
) -> None:
    draft = seller_draft(US_ORDER, ENGLISH)
    # The page's timers run only when the test says so: the typing pauses are exact.
    page.clock.install()
    _open(page, live_server, login, draft)
    message = page.get_by_role("textbox", name="Message")
    held, bodies = [], []

    def hold_the_first_answer(route) -> None:
        bodies.append(route.request.post_data)
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route("**/check/", hold_the_first_answer)
    message.press("Control+End")
    message.press_sequentially(" 🎉")
    page.clock.run_for(1000)
    expect(page.locator("#draft-form")).to_have_attribute("data-busy", "true")
    assert len(held) == 1
    message.press("Backspace")
    message.press("Backspace")
    page.clock.run_for(1000)
    # The first check is still on its way: no second one is sent meanwhile.
    assert len(bodies) == 1
    held[0].continue_()
    # When it returns, the newest text goes at once, and its answer is the one shown.
    expect(page.locator("#draft-form")).to_have_attribute("data-answered", "2")
    assert "🎉" in bodies[0] and "🎉" not in bodies[1]
    findings = page.get_by_role("region", name="Findings")
    expect(findings.locator('li[data-category="emoji"]')).to_have_count(0)
    expect(page.locator('#mark-layer mark[data-rule="S401"]')).to_have_count(0)
    expect(page.get_by_role("button", name="Export")).to_be_enabled()


def test_selecting_a_finding_with_the_keyboard_puts_the_caret_on_its_words(
    page: Page, live_server, login, seller_draft
) -> None:
    draft = seller_draft(DE_ORDER, GERMAN)
    _open(page, live_server, login, draft)
    finding = page.get_by_role("region", name="Findings").locator('li[data-category="emoji"]')
    finding.focus()
    finding.press("Enter")
    expect(page.get_by_role("textbox", name="Message")).to_be_focused()
    assert _selection(page) == _utf16_span(page, "👍🏽")
    card = page.get_by_role("group", name="Finding at the cursor")
    expect(card).to_be_visible()
    expect(card.get_by_role("link")).to_have_attribute("href", "/rules/#emoji")
    expect(card).to_contain_text("Fix: remove “👍🏽”")
    # From the caret, Tab reaches the card's guideline link and then its fix.
    page.keyboard.press("Tab")
    expect(card.get_by_role("link")).to_be_focused()
    page.keyboard.press("Tab")
    expect(card.get_by_role("button", name="Apply")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("textbox", name="Message")).to_have_value(GERMAN.replace(" 👍🏽", ""))


def test_hovering_a_mark_shows_its_message_guideline_and_fix(
    page: Page, live_server, login, seller_draft
) -> None:
    draft = seller_draft(DE_ORDER, GERMAN)
    _open(page, live_server, login, draft)
    page.get_by_role("textbox", name="Message").scroll_into_view_if_needed()
    box = page.locator('#mark-layer mark[data-rule="S401"]').bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    card = page.get_by_role("group", name="Finding at the cursor")
    expect(card).to_be_visible()
    expect(card).to_contain_text("Error")
    expect(card.get_by_role("link")).to_contain_text("Guideline: No emoji")


def test_a_quick_fix_removes_the_emoji_and_can_be_undone(
    page: Page, live_server, login, seller_draft
) -> None:
    draft = seller_draft(DE_ORDER, GERMAN)
    _open(page, live_server, login, draft)
    message = page.get_by_role("textbox", name="Message")
    findings = page.get_by_role("region", name="Findings")
    findings.locator('li[data-category="emoji"]').get_by_role("button", name="Fix").click()
    expect(message).to_have_value(GERMAN.replace(" 👍🏽", ""))
    expect(findings.locator('li[data-category="emoji"]')).to_have_count(0)
    expect(page.get_by_role("button", name="Export")).to_be_enabled()

    page.get_by_role("button", name="Undo", exact=True).click()
    expect(message).to_have_value(GERMAN)
    expect(findings.locator('li[data-category="emoji"]')).to_have_count(1)

    # The browser's own undo works too.
    findings.locator('li[data-category="emoji"]').get_by_role("button", name="Fix").click()
    expect(message).to_have_value(GERMAN.replace(" 👍🏽", ""))
    message.press("Control+z")
    expect(message).to_have_value(GERMAN)


def test_quick_fixes_insert_the_order_id_and_switch_to_https(
    page: Page, live_server, login, seller_draft
) -> None:
    body = (
        "Hello Laura,\n\nplease see http://example.com/care for the care guide.\n\nKind regards,\nDemo Store"
    )
    draft = seller_draft(US_ORDER, body)
    _open(page, live_server, login, draft)
    message = page.get_by_role("textbox", name="Message")
    findings = page.get_by_role("region", name="Findings")
    findings.locator('li[data-category="insecure_url"]').get_by_role("button", name="Fix").click()
    expect(message).to_have_value(body.replace("http://", "https://"))
    findings.locator('li[data-category="order_id"]').get_by_role("button", name="Fix").click()
    expect(message).to_have_value(f"Order {US_ORDER}\n" + body.replace("http://", "https://"))
    expect(findings.locator('li[data-category="order_id"]')).to_have_count(0)


def test_the_counter_counts_characters_against_the_types_limit(
    page: Page, live_server, login, seller_draft
) -> None:
    draft = seller_draft(US_ORDER, ENGLISH, message_type="custom_design")
    _open(page, live_server, login, draft)
    counter = page.locator("#char-counter")
    expect(counter).to_contain_text(f"{len(ENGLISH)} / 800 characters")
    message = page.get_by_role("textbox", name="Message")
    message.press("Control+End")
    message.press_sequentially("👍🏽")
    expect(counter).to_contain_text(f"{len(ENGLISH) + 2} / 800 characters")


def test_a_second_tab_cannot_silently_overwrite_the_first(
    page: Page, live_server, login, seller_draft
) -> None:
    draft = seller_draft(US_ORDER, ENGLISH)
    _open(page, live_server, login, draft)
    other = page.context.new_page()
    other.goto(f"{live_server.url}/drafts/{draft.pk}/")

    message = page.get_by_role("textbox", name="Message")
    message.press("Control+End")
    message.press_sequentially(" First tab.")
    expect(page.locator("#save-status")).to_contain_text("Saved")

    other_message = other.get_by_role("textbox", name="Message")
    other_message.press("Control+End")
    other_message.press_sequentially(" Second tab.")
    conflict = other.locator("#conflict-panel")
    expect(conflict).to_be_visible()
    expect(conflict.locator("#conflict-mine")).to_have_text(ENGLISH + " Second tab.")
    expect(conflict.locator("#conflict-theirs")).to_have_text(ENGLISH + " First tab.")
    draft.refresh_from_db()
    assert draft.body == ENGLISH + " First tab." and draft.version == 2

    other.get_by_role("button", name="Use the saved version").click()
    expect(other_message).to_have_value(ENGLISH + " First tab.")
    expect(conflict).to_be_hidden()


def test_save_draft_during_a_conflict_overwrites_nothing(
    page: Page, live_server, login, seller_draft
) -> None:
    """The conflict panel keeps the version this tab started from until the seller chooses."""
    draft = seller_draft(US_ORDER, ENGLISH)
    _open(page, live_server, login, draft)
    other = page.context.new_page()
    other.goto(f"{live_server.url}/drafts/{draft.pk}/")
    message = page.get_by_role("textbox", name="Message")
    message.press("Control+End")
    message.press_sequentially(" First tab.")
    expect(page.locator("#save-status")).to_contain_text("Saved")

    other_message = other.get_by_role("textbox", name="Message")
    other_message.press("Control+End")
    other_message.press_sequentially(" Second tab.")
    expect(other.locator("#conflict-panel")).to_be_visible()
    expect(other.locator("#id_version")).to_have_value("1")
    other.get_by_role("button", name="Save draft").click()
    expect(other.get_by_role("heading", name="This draft was changed elsewhere")).to_be_visible()
    draft.refresh_from_db()
    assert draft.body == ENGLISH + " First tab." and draft.version == 2
    assert list(draft.revisions.values_list("body", flat=True)) == [ENGLISH + " First tab.", ENGLISH]


def test_words_typed_before_the_editor_script_runs_are_checked_and_saved(
    page: Page, live_server, login, seller_draft
) -> None:
    draft = seller_draft(US_ORDER, ENGLISH)
    login("seller")
    held = open_with_script_held(page, f"{live_server.url}/drafts/{draft.pk}/", "main")
    message = page.get_by_role("textbox", name="Message")
    message.press("Control+End")
    message.press_sequentially(" 🎉")
    expect(page.locator("#draft-form")).not_to_have_attribute("data-answered", re.compile("."))
    assert len(held) == 1
    held[0].continue_()
    findings = page.get_by_role("region", name="Findings")
    expect(findings.locator('li[data-category="emoji"]')).to_have_count(1)
    expect(page.locator("#save-status")).to_contain_text("Saved")
    draft.refresh_from_db()
    assert draft.body == ENGLISH + " 🎉"


def test_a_rate_limited_check_says_checking_is_paused(
    page: Page, live_server, login, seller_draft, settings
) -> None:
    # One check a day: the window cannot end (and the paused checking resume) during the test.
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "check": "1/d"}
    draft = seller_draft(US_ORDER, ENGLISH)
    _open(page, live_server, login, draft)
    message = page.get_by_role("textbox", name="Message")
    message.press("Control+End")
    form = page.locator("#draft-form")
    for word in (" One.", " Two.", " Three."):
        message.press_sequentially(word)
        # Each check (and save) settles before the next word: one check per word.
        expect(form).not_to_have_attribute("data-busy", "true")
    expect(page.locator("#check-status")).to_have_text("Checking paused for a moment.")
    # Saving goes on: the limit is on checks only.
    expect(page.locator("#save-status")).to_contain_text("Saved")


def test_a_text_over_the_site_limit_is_explained_and_not_sent(
    page: Page, live_server, login, seller_draft
) -> None:
    draft = seller_draft(US_ORDER, ENGLISH)
    _open(page, live_server, login, draft)
    message = page.get_by_role("textbox", name="Message")
    message.fill(ENGLISH + " " + "a" * 20_000)
    over = len(ENGLISH) + 1 + 20_000 - 20_000
    expect(page.locator("#size-status")).to_contain_text(
        f"The text is {over} characters over this site’s limit of 20000"
    )
    expect(page.locator("#char-counter")).to_contain_text("characters over Amazon’s limit of 2000")
    expect(page.locator("#save-status")).to_have_text("Not saved: the text is over this site’s limit.")
    draft.refresh_from_db()
    assert draft.body == ENGLISH


def test_keeping_my_text_after_a_conflict_saves_it_knowingly(
    page: Page, live_server, login, seller_draft
) -> None:
    draft = seller_draft(US_ORDER, ENGLISH)
    _open(page, live_server, login, draft)
    Draft.objects.filter(pk=draft.pk).update(body="Changed elsewhere.", version=5)
    message = page.get_by_role("textbox", name="Message")
    message.press("Control+End")
    message.press_sequentially(" Mine.")
    expect(page.locator("#conflict-panel")).to_be_visible()
    page.get_by_role("button", name="Keep my text").click()
    expect(page.locator("#save-status")).to_contain_text("Saved")
    draft.refresh_from_db()
    assert draft.body == ENGLISH + " Mine." and draft.version == 6


def test_closing_the_tab_saves_the_draft(page: Page, live_server, login, seller_draft) -> None:
    draft = seller_draft(US_ORDER, ENGLISH)
    _open(page, live_server, login, draft)
    message = page.get_by_role("textbox", name="Message")
    message.press("Control+End")
    message.press_sequentially(" Bye.")
    other = page.context.new_page()
    page.close(run_before_unload=True)
    # The save on leaving is a keepalive request: it outlives the page that sent it.
    assert _eventually(lambda: Draft.objects.get(pk=draft.pk).body == ENGLISH + " Bye.")
    other.goto(f"{live_server.url}/drafts/{draft.pk}/")
    expect(other.get_by_role("textbox", name="Message")).to_have_value(ENGLISH + " Bye.")
    expect(other.locator("#restore-banner")).to_be_hidden()


def _eventually(condition: Callable[[], bool], attempts: int = 200) -> bool:
    """Return whether the condition comes true while the live server finishes a request."""
    for _ in range(attempts):
        try:
            if condition():
                return True
        except OperationalError:
            pass  # SQLite's shared in-memory test database is locked while the server writes
        time.sleep(0.05)
    return False


def test_a_local_copy_is_offered_back_after_the_connection_was_lost(
    page: Page, live_server, login, seller_draft
) -> None:
    draft = seller_draft(US_ORDER, ENGLISH)
    _open(page, live_server, login, draft)
    # The connection drops: every save fails, as when the Wi-Fi goes away.
    page.route(
        f"**/drafts/{draft.pk}/",
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    message = page.get_by_role("textbox", name="Message")
    message.press("Control+End")
    message.press_sequentially(" Written offline.")
    expect(page.locator("#save-status")).to_contain_text("cannot be reached")
    page.reload()
    page.unroute(f"**/drafts/{draft.pk}/")
    banner = page.locator("#restore-banner")
    expect(banner).to_be_visible()
    expect(page.get_by_role("textbox", name="Message")).to_have_value(ENGLISH)
    page.get_by_role("button", name="Restore the unsaved copy").click()
    expect(page.get_by_role("textbox", name="Message")).to_have_value(ENGLISH + " Written offline.")
    expect(page.locator("#save-status")).to_contain_text("Saved")
    draft.refresh_from_db()
    assert draft.body == ENGLISH + " Written offline."


def test_discarding_the_local_copy_keeps_the_saved_text(page: Page, live_server, login, seller_draft) -> None:
    draft = seller_draft(US_ORDER, ENGLISH)
    _open(page, live_server, login, draft)
    page.evaluate(
        "([key, body]) => localStorage.setItem(key, JSON.stringify({body, subject: '', at: Date.now()}))",
        [f"composer:draft:{draft.pk}", ENGLISH + " Old copy."],
    )
    page.reload()
    page.get_by_role("button", name="Discard it").click()
    expect(page.locator("#restore-banner")).to_be_hidden()
    page.reload()
    expect(page.locator("#restore-banner")).to_be_hidden()
    expect(page.get_by_role("textbox", name="Message")).to_have_value(ENGLISH)


def test_editor_page_with_marks_has_no_serious_accessibility_violations(
    page: Page, live_server, login, seller_draft
) -> None:
    draft = seller_draft(DE_ORDER, GERMAN)
    _open(page, live_server, login, draft)
    emoji = page.get_by_role("region", name="Findings").locator('li[data-category="emoji"]')
    emoji.click()
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()

    emoji.get_by_role("button", name="Fix").click()
    page.get_by_role("button", name="Export").click()
    expect(page.get_by_role("button", name="Plain text")).to_be_focused()
    expect(page.get_by_role("button", name="API request")).to_be_visible()
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()


def test_plain_text_export_downloads_and_copies_the_text(
    page: Page, live_server, login, seller_draft
) -> None:
    draft = seller_draft(US_ORDER, ENGLISH)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    _open(page, live_server, login, draft)
    page.get_by_role("button", name="Export").click()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Plain text").click()
    assert download_info.value.suggested_filename == f"message-{US_ORDER}.txt"
    assert download_info.value.path().read_text(encoding="utf-8") == ENGLISH
    expect(page.locator("#export-status")).to_contain_text("copied to the clipboard")
    assert page.evaluate("navigator.clipboard.readText()") == ENGLISH
    # Exported, not sent: "Mark as sent" is now offered for exactly this text.
    assert not MessageRecord.objects.exists()
    sent = page.get_by_role("button", name="Mark as sent")
    expect(sent).to_be_enabled()
    # The next edit clears what was said about the export and takes the offer back.
    message = page.get_by_role("textbox", name="Message")
    message.press("Control+End")
    message.press_sequentially(" Thanks.")
    expect(page.locator("#export-status")).to_have_text("")
    expect(sent).to_be_disabled()
    expect(page.locator("#mark-sent-reason")).to_contain_text("changed after the export")


def test_api_request_export_downloads_the_request_and_shows_it(
    page: Page, live_server, login, seller_draft
) -> None:
    draft = seller_draft(US_ORDER, ENGLISH)
    _open(page, live_server, login, draft)
    page.get_by_role("button", name="Export").click()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="API request").click()
    request = json.loads(download_info.value.path().read_text(encoding="utf-8"))
    assert request == {
        "operation": "createConfirmOrderDetails",
        "method": "POST",
        "path": f"/messaging/v1/orders/{US_ORDER}/messages/confirmOrderDetails",
        "query": {"marketplaceIds": ["ATVPDKIKX0DER"]},
        "body": {"text": ENGLISH},
    }
    preview = page.get_by_role("region", name="API request")
    expect(preview).to_be_visible()
    expect(preview).to_contain_text('"path": "/messaging/v1/orders/')
    assert not MessageRecord.objects.exists()


def test_html_mode_previews_sanitised_html_in_a_sandbox_and_exports_it(
    page: Page, live_server, login, seller_draft
) -> None:
    html = (
        f"<p>Hello Laura,</p><p>Before we ship your order <b>{US_ORDER}</b>, please confirm the colour.</p>"
        "<p>Kind regards,<br>Demo Store</p>"
    )
    draft = seller_draft(US_ORDER, html)
    _open(page, live_server, login, draft)
    expect(page.get_by_role("button", name="HTML", exact=True)).to_be_hidden()
    page.get_by_label("Format").select_option(label="HTML")
    frame = page.frame_locator("#preview-frame")
    expect(frame.locator("b")).to_have_text(US_ORDER)
    assert page.locator("#preview-frame").get_attribute("sandbox") == ""
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()
    history = page.evaluate("history.length")

    message = page.get_by_role("textbox", name="Message")
    message.press("Control+End")
    typed = "<p>P.S.</p><script>document.title='owned'</script>"
    message.press_sequentially(typed)
    expect(frame.locator("p")).to_have_count(4)
    expect(frame.locator("p").last).to_have_text("P.S.")
    assert frame.locator("script").count() == 0
    # Updating the preview leaves the Back button alone.
    assert page.evaluate("history.length") == history
    for _ in range(len(typed)):
        message.press("Backspace")
    expect(message).to_have_value(html)

    page.get_by_role("button", name="Export").click()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="HTML", exact=True).click()
    assert download_info.value.suggested_filename == f"message-{US_ORDER}.html"
    assert download_info.value.path().read_text(encoding="utf-8") == exports.sanitize_html(html)
    draft.refresh_from_db()
    assert draft.format == Draft.Format.HTML


def test_switching_plain_text_to_html_keeps_paragraphs_and_line_breaks(
    page: Page, live_server, login, seller_draft
) -> None:
    draft = seller_draft(US_ORDER, ENGLISH)
    _open(page, live_server, login, draft)
    page.get_by_label("Format").select_option(label="HTML")
    message = page.get_by_role("textbox", name="Message")
    expect(message).to_have_value(re.compile(r"^<p>Hello Laura,</p>"))
    frame = page.frame_locator("#preview-frame")
    expect(frame.locator("p")).to_have_count(3)
    expect(frame.locator("p").last.locator("br")).to_have_count(1)


def test_marks_stay_aligned_when_long_lines_wrap_and_the_text_scrolls(
    page: Page, live_server, login, seller_draft
) -> None:
    long_line = "お届け日時のご希望がございましたら、このメッセージにご返信ください。" * 6
    body = (
        f"中村様\n\nご注文 {JP_ORDER} について。\n"
        + (long_line + "\n") * 8
        + "よろしくお願いいたします 🎉\nDemo Store"
    )
    draft = seller_draft(JP_ORDER, body)
    _open(page, live_server, login, draft)
    findings = page.get_by_role("region", name="Findings")
    findings.locator('li[data-category="emoji"]').click()
    geometry = page.evaluate(
        """() => {
            const area = document.getElementById('id_body');
            const backdrop = document.getElementById('mark-backdrop');
            const layer = document.getElementById('mark-layer');
            const style = getComputedStyle(area);
            const pad = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
            const mark = layer.querySelector('mark[data-rule="S401"]').getBoundingClientRect();
            const box = area.getBoundingClientRect();
            return {
                scrolled: area.scrollTop,
                backdropScroll: backdrop.scrollTop,
                areaHeight: area.scrollHeight,
                backdropHeight: backdrop.scrollHeight,
                layerWidth: layer.getBoundingClientRect().width,
                textWidth: area.clientWidth - pad,
                markInside: mark.top >= box.top && mark.bottom <= box.bottom,
            };
        }"""
    )
    # Selecting the finding scrolled the textarea down to the emoji; the marks scrolled with it.
    assert geometry["scrolled"] > 0
    assert geometry["backdropScroll"] == geometry["scrolled"]
    # Same width and same wrapped height: every line breaks at the same character in both.
    assert geometry["layerWidth"] == geometry["textWidth"]
    assert geometry["backdropHeight"] == geometry["areaHeight"]
    assert geometry["markInside"]
    expect(page.get_by_role("group", name="Finding at the cursor")).to_be_visible()


def test_a_finding_in_the_subject_is_marked_and_fixed_there(
    page: Page, live_server, login, seller_draft
) -> None:
    draft = seller_draft(US_ORDER, ENGLISH)
    _open(page, live_server, login, draft)
    subject = page.get_by_label("Subject")
    subject.fill("Your order 🎉 ships")
    findings = page.get_by_role("region", name="Findings")
    finding = findings.locator('li[data-field="subject"]')
    expect(finding).to_have_count(1)
    expect(page.locator("#subject-marks mark")).to_have_text("🎉")
    finding.click()
    expect(subject).to_be_focused()
    assert tuple(subject.evaluate("el => [el.selectionStart, el.selectionEnd]")) == (11, 13)
    finding.get_by_role("button", name="Fix").click()
    expect(subject).to_have_value("Your order  ships")
    expect(findings.locator('li[data-field="subject"]')).to_have_count(0)
    expect(page.locator("#subject-marks")).to_be_hidden()
