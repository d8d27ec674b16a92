"""A seller imports a Seller Central report, watches it progress, and composes from an order."""

from __future__ import annotations

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from composer import import_jobs
from composer.models import ImportJob, MessageRecord, Order
from tests.composer.report_files import (
    all_orders,
    all_orders_row,
    fulfilled_row,
    fulfilled_shipments,
    write_large_all_orders,
)

pytestmark = pytest.mark.browser

REVIEWABLE = "114-4909505-8661897"  # a demo order delivered 8 days ago
NEW_ORDER = "026-5550123-4567890"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def queue_without_worker():
    """Send tasks to this run's own Redis queue, where no worker takes them, and empty it after."""
    import redis

    from config.celery import app

    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True
    redis.Redis.from_url(app.conf.broker_url).delete(app.conf.task_default_queue)


def _serious(page: Page) -> list:
    results = Axe().run(page)
    return [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def test_seller_uploads_a_report_and_watches_the_import_finish(
    page: Page, live_server, demo, login, queue_without_worker
) -> None:
    # No worker takes the queued job until this test runs it, so the page is seen waiting first
    # and then finishing, however fast the machine is.
    rows = 3_000
    report = io.BytesIO()
    write_large_all_orders(report, rows)
    progress_requests = []
    page.on("request", lambda r: progress_requests.append(r.url) if "/progress/" in r.url else None)

    login("seller")
    page.get_by_role("link", name="Orders", exact=True).click()
    page.get_by_role("link", name="Import orders").click()
    assert not _serious(page)
    page.get_by_label("Report file").set_input_files(
        {"name": "All Orders.txt", "mimeType": "text/plain", "buffer": report.getvalue()}
    )
    page.get_by_role("button", name="Import").click()

    page.wait_for_url("**/orders/imports/*/")
    import_page = page.url
    status = page.locator("#import-progress")
    expect(status).to_have_attribute("data-status", "queued")
    expect(page.get_by_role("progressbar", name="Import progress")).to_have_attribute("value", "0")
    page.wait_for_event("request", lambda r: "/progress/" in r.url)

    import_jobs.run_import(ImportJob.objects.get().pk)

    expect(status).to_have_attribute("data-status", "done", timeout=30_000)
    expect(page.get_by_role("progressbar", name="Import progress")).to_have_attribute("value", "100")
    expect(page.locator('[data-count="created"]')).to_have_text(f"{rows:,}")
    # Screen readers hear the outcome once, from the live region that stayed on the page.
    expect(page.get_by_role("status").filter(has_text="Finished")).to_have_text(
        f"Finished: {rows:,} new, 0 updated, 0 rows refused"
    )
    # The page followed the import by polling, without being reloaded.
    assert page.url == import_page
    assert progress_requests
    assert Order.objects.filter(team__name="Demo").count() == rows + 8
    assert not _serious(page)


def test_an_upload_is_imported_by_the_task_queue(page: Page, live_server, demo, login) -> None:
    login("seller")
    page.goto(f"{live_server.url}/orders/import/")
    page.get_by_label("Report file").set_input_files(
        {
            "name": "All Orders.txt",
            "mimeType": "text/plain",
            "buffer": all_orders([all_orders_row(NEW_ORDER)]),
        }
    )
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#import-progress")).to_have_attribute("data-status", "done", timeout=60_000)
    page.get_by_role("link", name="Back to orders").click()
    expect(page.get_by_role("link", name=NEW_ORDER, exact=True)).to_be_visible()


def test_a_report_with_a_bad_row_lists_it_and_keeps_the_rest(page: Page, live_server, demo, login) -> None:
    data = fulfilled_shipments(
        [fulfilled_row("305-1111111-2222222", sales_channel="Amazon.de"), fulfilled_row("not-an-order")]
    )
    login("seller")
    page.goto(f"{live_server.url}/orders/import/")
    page.get_by_label("Report file").set_input_files(
        {"name": "Amazon Fulfilled Shipments.txt", "mimeType": "text/plain", "buffer": data}
    )
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#import-progress")).to_have_attribute("data-status", "done", timeout=60_000)
    errors = page.locator(".import-errors")
    expect(errors).to_contain_text("not-an-order is not an Amazon order ID")
    expect(errors.locator("td").first).to_have_text("3")
    assert Order.objects.get(amazon_order_id="305-1111111-2222222").buyer_locale == "de-DE"


def test_a_file_that_is_not_a_report_fails_with_the_reason(page: Page, live_server, demo, login) -> None:
    login("seller")
    page.goto(f"{live_server.url}/orders/import/")
    page.get_by_label("Report file").set_input_files(
        {"name": "inventory.txt", "mimeType": "text/plain", "buffer": b"sku\tprice\nA-1\t9.99\n"}
    )
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#import-progress")).to_have_attribute("data-status", "failed", timeout=60_000)
    expect(page.get_by_role("alert")).to_contain_text(
        "not an All Orders or Amazon Fulfilled Shipments report"
    )


def test_seller_composes_from_an_order_and_sees_its_windows(page: Page, live_server, demo, login) -> None:
    login("seller")
    page.get_by_role("link", name="Orders", exact=True).click()
    page.get_by_label("Time window").select_option(label="Review request allowed today")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name=REVIEWABLE, exact=True)).to_be_visible()
    assert not _serious(page)

    page.get_by_role("link", name=f"Compose {REVIEWABLE}").click()
    expect(page.get_by_label("Order ID")).to_have_value(REVIEWABLE)
    page.get_by_label("Message type").select_option(label="Review request")
    page.get_by_role("button", name="Start").click()
    windows = page.locator(".order-windows")
    expect(windows).to_contain_text("Review requests for this order are allowed from")
    expect(windows.locator('[data-window="review"]')).to_have_attribute("data-state", "open")
    expect(page.locator('#findings li[data-rule="V109"]')).to_have_count(0)


def test_recording_request_a_review_closes_the_review_request_type_for_that_order(
    page: Page, live_server, demo, login
) -> None:
    login("seller")
    page.get_by_role("link", name="Orders", exact=True).click()
    page.get_by_role("link", name=REVIEWABLE, exact=True).click()
    page.get_by_role("button", name="Record Request a Review").click()
    expect(page.locator(".messages")).to_contain_text("Recorded: Request a Review")
    assert MessageRecord.objects.get().kind == MessageRecord.Kind.REQUEST_A_REVIEW
    expect(page.locator(".order-windows")).to_contain_text("Review request already made.")

    page.get_by_role("link", name="Compose", exact=True).click()
    review = page.get_by_label("Message type").locator('option[value="review_request"]')
    expect(review).to_be_disabled()
    expect(review).to_contain_text("Review already requested for this order.")


def test_seller_sets_the_buyer_language_from_amazons_tag(page: Page, live_server, demo, login) -> None:
    login("seller")
    order = Order.objects.get(amazon_order_id=REVIEWABLE)
    page.goto(f"{live_server.url}/orders/{order.pk}/")
    page.get_by_label("Buyer language").fill("es_US")
    page.get_by_role("button", name="Set language").click()
    expect(page.locator(".messages")).to_contain_text("Buyer language set to es-US")
    assert not _serious(page)


def test_a_report_over_the_limit_is_refused_before_it_uploads(
    page: Page, live_server, demo, login, settings
) -> None:
    settings.ORDER_REPORT_MAX_BYTES = 1024 * 1024
    login("seller")
    page.goto(f"{live_server.url}/orders/import/")
    too_big = b"amazon-order-id\n" + b"x" * (1024 * 1024)
    page.get_by_label("Report file").set_input_files(
        {"name": "All Orders.txt", "mimeType": "text/plain", "buffer": too_big}
    )
    expect(page.get_by_role("alert")).to_contain_text("larger than 1 MB")
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_label("Report file")).to_be_focused()
    assert not ImportJob.objects.exists()
