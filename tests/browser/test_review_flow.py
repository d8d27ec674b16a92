"""A seller, a team lead and an admin run their messaging through the site in a real browser."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from composer.models import Draft, MessageRecord, MessageTemplate
from tests.browser.conftest import open_with_script_held

pytestmark = pytest.mark.browser

ORDER_ID = "114-4909505-8661897"


def _log_out(page: Page) -> None:
    page.get_by_role("button", name="Log out").click()


def _export_plain_text(page: Page) -> None:
    page.get_by_role("button", name="Export").click()
    page.get_by_role("button", name="Plain text").click()


def _serious_violations(page: Page) -> list:
    results = Axe().run(page)
    return [
        (v["id"], [n["html"][:120] + " " + n.get("failureSummary", "")[:200] for n in v["nodes"]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_lead_reviews_with_a_span_comment_and_approves_before_the_seller_exports(
    page: Page, live_server, demo, login
) -> None:
    # The seller writes an order question and submits it.
    login("seller")
    page.get_by_role("link", name="New message").first.click()
    page.get_by_label("Message type").select_option(label="Order question")
    page.get_by_label("Order ID").fill(ORDER_ID)
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("textbox", name="Message")).to_contain_text(ORDER_ID)
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messages")).to_contain_text("Submitted for review")
    draft = Draft.objects.get()
    assert draft.status == Draft.Status.SUBMITTED
    _log_out(page)

    # The lead finds it in the queue, comments on a selected word and asks for changes.
    login("lead")
    page.get_by_role("link", name="Review queue").click()
    page.get_by_role("link", name="Order question").click()
    expect(page.get_by_role("heading", name="Changes against the template")).to_be_visible()
    assert _serious_violations(page) == []
    # Double-clicking the first word selects it, as a lead would with the mouse.
    box = page.get_by_role("textbox", name="Message to review").bounding_box()
    page.mouse.dblclick(box["x"] + 20, box["y"] + 16)
    expect(page.get_by_role("textbox", name="Passage (optional)")).to_have_value("Hello")
    page.get_by_role("textbox", name="Comment", exact=True).fill("Greet the buyer by name, please.")
    page.get_by_role("button", name="Add comment").click()
    expect(page.locator(".messages")).to_contain_text("Comment added")
    page.get_by_role("textbox", name="What should change").fill("See my comment on the greeting.")
    page.get_by_role("button", name="Request changes").click()
    expect(page.locator(".messages")).to_contain_text("Changes requested")
    comment = draft.review_comments.get(start__isnull=False)
    assert (comment.start, comment.end, comment.excerpt) == (0, 5, "Hello")
    _log_out(page)

    # The seller sees the comments in the editor, revises and resubmits.
    login("seller")
    page.get_by_role("link", name="Order question").click()
    review = page.get_by_role("region", name="Review")
    expect(review).to_contain_text("Greet the buyer by name, please.")
    review.get_by_role("button", name="“Hello” (show in the message)").click()
    expect(page.get_by_role("textbox", name="Message")).to_be_focused()
    message = page.get_by_role("textbox", name="Message")
    message.press("Control+End")
    message.press_sequentially(" Thanks.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messages")).to_contain_text("Submitted for review")
    _log_out(page)

    # The lead approves the revised text.
    login("lead")
    page.get_by_role("link", name="Review queue").click()
    page.get_by_role("link", name="Order question").click()
    expect(page.get_by_role("textbox", name="Message to review")).to_have_value(Draft.objects.get().body)
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".messages")).to_contain_text("Approved")
    _log_out(page)

    # Only now does the export go through.
    login("seller")
    page.get_by_role("link", name="Order question").click()
    expect(page.get_by_role("region", name="Review")).to_contain_text("Approved by your team lead")
    with page.expect_download() as download_info:
        _export_plain_text(page)
    exported = download_info.value.path().read_text(encoding="utf-8")
    assert exported.endswith(" Thanks.") or "Thanks." in exported
    page.get_by_role("button", name="Mark as sent").click()
    expect(page.locator(".messages")).to_contain_text("Recorded as sent")
    assert MessageRecord.objects.get().text == exported
    history = list(Draft.objects.get().events.values_list("status", "actor__username"))
    assert history[-6:] == [
        ("submitted", "seller"),
        ("changes_requested", "lead"),
        ("submitted", "seller"),
        ("approved", "lead"),
        ("exported", "seller"),
        ("sent", "seller"),
    ]


def test_seller_cannot_export_before_approval(page: Page, live_server, demo, login) -> None:
    login("seller")
    page.get_by_role("link", name="New message").first.click()
    page.get_by_label("Message type").select_option(label="Order question")
    page.get_by_label("Order ID").fill(ORDER_ID)
    page.get_by_role("button", name="Start").click()
    # Export is not offered before approval, and the reason is shown next to it.
    expect(page.get_by_role("button", name="Export")).to_be_disabled()
    expect(page.locator("#export-reason")).to_contain_text("approval before export")
    expect(page.get_by_role("button", name="Mark as sent")).to_be_disabled()
    assert not MessageRecord.objects.exists()


def test_admin_edits_a_template_that_fails_the_check_and_cannot_publish_it(
    page: Page, live_server, demo, login
) -> None:
    template = MessageTemplate.objects.get(message_type="order_question", language="en")
    original = template.body
    login("admin")
    page.get_by_role("link", name="Templates").click()
    page.get_by_role("link", name="Edit Order question (en)").click()
    body = page.get_by_role("textbox", name="Body")
    body.press("Control+End")
    body.press_sequentially(" Visit shop@example.com for 10% off your next order!")
    preview = page.get_by_role("region", name="Preview")
    # The first preview of a fresh test server loads the dictionaries (gunicorn does it before forking).
    expect(preview).to_contain_text("for 10% off your next order!", timeout=60_000)
    expect(preview).to_contain_text("cannot be published")
    expect(preview.locator('li[data-severity="error"]').first).to_be_visible()
    expect(preview).to_contain_text("123-1234567-1234567")  # filled with sample data
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("alert").first).to_contain_text("Not published")
    template.refresh_from_db()
    assert template.body == original and template.versions.count() == 1
    assert _serious_violations(page) == []

    # Fixed and previewed, the same template publishes.
    page.get_by_role("textbox", name="Body").fill(original.replace("size and colour", "colour"))
    page.get_by_role("button", name="Preview").click()
    expect(preview).to_contain_text("can be published")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("Template published")
    assert template.versions.count() == 2


def test_admin_typing_while_the_template_editor_loads_keeps_the_caret_and_gets_a_preview(
    page: Page, live_server, demo, login
) -> None:
    template = MessageTemplate.objects.get(message_type="order_question", language="en")
    login("admin")
    held = open_with_script_held(page, f"{live_server.url}/templates/{template.pk}/", "template_main")
    body = page.get_by_role("textbox", name="Body")
    body.press("Control+End")
    body.press_sequentially(" Visit shop@example.com")
    assert len(held) == 1
    held[0].continue_()
    # The script wraps the textarea in the marks' editor; the admin's caret stays where it was.
    expect(page.locator(".mark-editor #id_body")).to_have_count(1)
    page.keyboard.type(" for 10% off your next order!")
    expect(body).to_have_value(template.body + " Visit shop@example.com for 10% off your next order!")
    preview = page.get_by_role("region", name="Preview")
    expect(preview).to_contain_text("for 10% off your next order!", timeout=60_000)
    expect(preview).to_contain_text("cannot be published")


def test_review_and_library_pages_have_no_serious_accessibility_violations(
    page: Page, live_server, demo, login
) -> None:
    template = MessageTemplate.objects.get(message_type="order_question", language="en")
    template.publish(subject=template.subject, body=template.body + " Thanks.", by=None)
    login("admin")
    for path in (
        "/review/",
        "/templates/",
        f"/templates/{template.pk}/",
        f"/templates/{template.pk}/history/",
        "/templates/import/",
        "/templates/new/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert _serious_violations(page) == [], path
    page.goto(f"{live_server.url}/templates/{template.pk}/")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("region", name="Preview")).to_contain_text("Preview with sample data")
    assert _serious_violations(page) == []
