"""The order list with its filters, one order's page, Request a Review, buyer language, time zone."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from composer.models import MessageRecord, Order, User

ORDER_ID = "114-4909505-8661897"


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def _make(team, order_id: str, **fields) -> Order:
    now = timezone.now()
    defaults = {
        "marketplace": "US",
        "buyer_locale": "en-US",
        "purchase_date": now - timedelta(days=12),
        "delivery_date": now - timedelta(days=8),
        "status": Order.Status.SHIPPED,
        "fulfillment_channel": "AFN",
        "product_name": "Dutch Oven",
    }
    return Order.objects.create(team=team, amazon_order_id=order_id, **{**defaults, **fields})


def _listed(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select("tbody td:first-child a")]


@pytest.fixture
def orders(team):
    now = timezone.now()
    return {
        "reviewable": _make(team, "111-0000001-0000001"),
        "too_soon": _make(team, "111-0000002-0000002", delivery_date=now - timedelta(days=2)),
        "german": _make(
            team, "302-0000003-0000003", marketplace="DE", buyer_locale="de-DE", fulfillment_channel="MFN"
        ),
        "old": _make(
            team,
            "111-0000004-0000004",
            purchase_date=now - timedelta(days=60),
            delivery_date=now - timedelta(days=50),
        ),
        "pending": _make(team, "111-0000005-0000005", status=Order.Status.PENDING, delivery_date=None),
    }


def test_seller_sees_the_team_orders_with_import_and_compose_links(
    client_for, seller, order, other_order
) -> None:
    response = client_for(seller).get(reverse("orders"))
    assert response.status_code == 200
    assert _listed(response) == [ORDER_ID]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("a", string="Import orders")["href"] == reverse("import_orders")
    compose = soup.find("a", href=f"{reverse('new_message')}?order_id={ORDER_ID}")
    assert compose is not None and "Compose" in compose.get_text()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"marketplace": "DE"}, {"german"}),
        ({"status": "Pending"}, {"pending"}),
        ({"fulfillment_channel": "MFN"}, {"german"}),
        ({"window": "review_request"}, {"reviewable", "german"}),
        ({"window": "proactive"}, {"reviewable", "too_soon", "german", "pending"}),
        ({"q": "0000004"}, {"old"}),
        ({"marketplace": "US", "window": "review_request"}, {"reviewable"}),
    ],
)
def test_order_list_filters(client_for, seller, orders, query, expected) -> None:
    response = client_for(seller).get(reverse("orders"), query)
    ids = {orders[name].amazon_order_id for name in expected}
    assert set(_listed(response)) == ids


def test_review_request_filter_leaves_out_orders_already_asked(client_for, seller, orders) -> None:
    orders["reviewable"].record_review_request(by=seller)
    response = client_for(seller).get(reverse("orders"), {"window": "review_request"})
    assert set(_listed(response)) == {orders["german"].amazon_order_id}


def test_an_unknown_filter_value_shows_the_unfiltered_list(client_for, seller, orders) -> None:
    response = client_for(seller).get(reverse("orders"), {"marketplace": "XX"})
    assert response.status_code == 200
    assert len(_listed(response)) == len(orders)


def test_order_page_shows_windows_with_dates_and_history(client_for, seller, order) -> None:
    MessageRecord.objects.create(order=order, message_type="order_question", text="Hi", sent_by=seller)
    response = client_for(seller).get(reverse("order", args=[order.pk]))
    text = BeautifulSoup(response.content, "html.parser").get_text(" ")
    window = order.review_window()
    assert f"allowed from {window.first_day:%-d %b} to {window.last_day:%-d %b}" in text
    assert "Allowed today." in text
    assert "Order question" in text and "alice" in text


def test_someone_elses_order_is_not_found(client_for, seller, other_order) -> None:
    assert client_for(seller).get(reverse("order", args=[other_order.pk])).status_code == 404


def test_seller_records_request_a_review_and_the_next_review_request_is_flagged(
    client_for, seller, order
) -> None:
    client = client_for(seller)
    response = client.post(reverse("order_review_request", args=[order.pk]))
    assert response.status_code == 302
    record = MessageRecord.objects.get(order=order)
    assert (record.kind, record.sent_by) == (MessageRecord.Kind.REQUEST_A_REVIEW, seller)
    assert order.check_context()["review_requests_sent"] == 1
    page = client.get(reverse("order", args=[order.pk]))
    assert b"Record Request a Review" not in page.content
    assert b"Review request already made." in page.content


def test_request_a_review_is_recorded_once(client_for, seller, order) -> None:
    client = client_for(seller)
    client.post(reverse("order_review_request", args=[order.pk]))
    response = client.post(reverse("order_review_request", args=[order.pk]))
    assert response.status_code == 409
    assert b"already recorded" in response.content
    assert MessageRecord.objects.filter(order=order).count() == 1


def test_request_a_review_for_someone_elses_order_is_not_found(client_for, seller, other_order) -> None:
    response = client_for(seller).post(reverse("order_review_request", args=[other_order.pk]))
    assert response.status_code == 404
    assert not MessageRecord.objects.exists()


def test_request_a_review_needs_a_post(client_for, seller, order) -> None:
    assert client_for(seller).get(reverse("order_review_request", args=[order.pk])).status_code == 405


@pytest.mark.parametrize(("typed", "stored"), [("en_US", "en-US"), ("es-us", "es-US"), ("de-DE", "de-DE")])
def test_seller_sets_the_buyer_language_as_amazon_shows_it(client_for, seller, order, typed, stored) -> None:
    response = client_for(seller).post(reverse("order_language", args=[order.pk]), {"buyer_locale": typed})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.buyer_locale == stored


@pytest.mark.parametrize(
    ("typed", "reason"), [("english", b"not a language tag"), ("ko-KR", b"not a buyer language")]
)
def test_an_unusable_buyer_language_is_refused(client_for, seller, order, typed, reason) -> None:
    response = client_for(seller).post(reverse("order_language", args=[order.pk]), {"buyer_locale": typed})
    assert response.status_code == 400
    assert reason in response.content
    order.refresh_from_db()
    assert order.buyer_locale == "en-US"


def test_buyer_language_of_someone_elses_order_is_not_found(client_for, seller, other_order) -> None:
    response = client_for(seller).post(
        reverse("order_language", args=[other_order.pk]), {"buyer_locale": "en-US"}
    )
    assert response.status_code == 404
    other_order.refresh_from_db()
    assert other_order.buyer_locale == "de-DE"


def test_seller_sets_a_time_zone_and_sees_order_dates_on_that_clock(client_for, seller, order) -> None:
    client = client_for(seller)
    order.purchase_date = datetime(2026, 11, 2, 23, 30, tzinfo=UTC)
    order.save()
    response = client.post(
        reverse("account_settings"), {"time_zone": "Asia/Tokyo", "next": reverse("orders")}
    )
    assert response.status_code == 302 and response["Location"] == reverse("orders")
    seller.refresh_from_db()
    assert seller.time_zone == "Asia/Tokyo"
    page = client.get(reverse("order", args=[order.pk]))
    assert b"3 Nov 2026, 08:30" in page.content


def test_an_unknown_time_zone_is_refused(client_for, seller) -> None:
    response = client_for(seller).post(reverse("account_settings"), {"time_zone": "Mars/Olympus"})
    assert response.status_code == 400
    seller.refresh_from_db()
    assert seller.time_zone == "UTC"


def test_settings_do_not_redirect_to_another_site(client_for, seller) -> None:
    response = client_for(seller).post(
        reverse("account_settings"), {"time_zone": "Europe/Berlin", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("account_settings")


def test_a_user_without_a_team_sees_no_orders(client_for, order) -> None:
    loner = User.objects.create_user(username="solo", password="pw-solo-123")
    assert _listed(client_for(loner).get(reverse("orders"))) == []


def test_seller_sets_the_delivery_date_on_their_clock_and_the_window_follows(
    client_for, seller, order
) -> None:
    seller.time_zone = "America/Los_Angeles"
    seller.save()
    client = client_for(seller)
    delivered = (timezone.now() - timedelta(days=3)).astimezone(zoneinfo.ZoneInfo("America/Los_Angeles"))
    typed = delivered.strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("order_delivery", args=[order.pk]), {"delivery_date": typed})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.delivery_date == delivered.replace(second=0, microsecond=0)
    assert order.review_window().state(timezone.now()) == "not_yet"
    page = client.get(reverse("order", args=[order.pk]))
    assert f'value="{typed}"'.encode() in page.content


def test_the_delivery_date_can_be_cleared(client_for, seller, order) -> None:
    client_for(seller).post(reverse("order_delivery", args=[order.pk]), {"delivery_date": ""})
    order.refresh_from_db()
    assert order.delivery_date is None


def test_a_delivery_before_the_purchase_is_refused(client_for, seller, order) -> None:
    before = (order.purchase_date - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client_for(seller).post(reverse("order_delivery", args=[order.pk]), {"delivery_date": before})
    assert response.status_code == 400
    assert b"before the purchase date" in response.content


def test_delivery_date_of_someone_elses_order_is_not_found(client_for, seller, other_order) -> None:
    response = client_for(seller).post(
        reverse("order_delivery", args=[other_order.pk]), {"delivery_date": ""}
    )
    assert response.status_code == 404
    other_order.refresh_from_db()
    assert other_order.delivery_date is not None


def test_the_settings_page_is_linked_from_the_header(client_for, seller) -> None:
    client = client_for(seller)
    soup = BeautifulSoup(client.get(reverse("orders")).content, "html.parser")
    assert soup.select_one("header").find("a", string="Settings")["href"] == reverse("account_settings")
    page = BeautifulSoup(client.get(reverse("account_settings")).content, "html.parser")
    assert page.find("label", string="Time zone") is not None
    assert page.find("select", id="id_time_zone").find("option", selected=True)["value"] == "UTC"
