"""Orders synced from the Orders API (2026-01-01): pages, fields, and only what changed since."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from composer.amazon import sync, tasks
from composer.amazon.models import AmazonAccount
from composer.models import Order
from tests.composer.spapi_simulator import make_order

from .amazon_fixtures import connect

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def _order_id(n: int) -> str:
    return f"305-{n:07d}-{n:07d}"


@pytest.fixture
def account(team, amazon) -> AmazonAccount:
    return connect(team, amazon)


def test_a_sync_stores_every_page_with_status_dates_and_items(account, amazon) -> None:
    for n in range(1, 151):
        amazon.add_order(
            make_order(_order_id(n), created=NOW - timedelta(days=3, minutes=n)), seller=amazon.seller
        )
    amazon.add_order(
        make_order(
            "028-1234567-7654321",
            marketplace_id="ATVPDKIKX0DER",
            created=NOW - timedelta(days=2),
            status="UNSHIPPED",
            fulfilled_by="AMAZON",
            deliver_by=(NOW + timedelta(days=1), NOW + timedelta(days=3)),
            items=[
                {
                    "orderItemId": "1",
                    "quantityOrdered": 2,
                    "product": {"asin": "B01", "title": "Mug", "sellerSku": "M-1"},
                },
                {
                    "orderItemId": "2",
                    "quantityOrdered": 1,
                    "product": {"asin": "B02", "title": "Lid", "sellerSku": "L-1"},
                },
            ],
        ),
        seller=amazon.seller,
    )
    result = sync.sync_account(account, now=NOW)
    assert (result.orders, result.pages) == (151, 2)
    assert Order.objects.filter(team=account.team).count() == 151
    order = Order.objects.get(amazon_order_id="028-1234567-7654321")
    assert (order.status, order.marketplace, order.fulfillment_channel) == ("Unshipped", "US", "AFN")
    assert order.purchase_date == NOW - timedelta(days=2)
    assert (order.earliest_delivery_date, order.latest_delivery_date) == (
        NOW + timedelta(days=1),
        NOW + timedelta(days=3),
    )
    assert (order.product_name, order.quantity, [i["sku"] for i in order.items]) == ("Mug", 3, ["M-1", "L-1"])
    assert order.buyer_locale == "en-US"
    account.refresh_from_db()
    assert account.synced_until == NOW - sync.API_DELAY
    assert amazon.invalid == []


def test_the_next_sync_asks_only_for_what_changed_and_keeps_the_sellers_own_data(
    account, amazon, seller
) -> None:
    data = make_order(_order_id(1), created=NOW - timedelta(days=3), status="UNSHIPPED")
    amazon.add_order(data, seller=amazon.seller)
    sync.sync_account(account, now=NOW)
    order = Order.objects.get()
    order.set_delivery_date(NOW - timedelta(hours=5))
    order.set_buyer_locale("es-US")
    later = NOW + timedelta(minutes=15)
    data["fulfillment"]["fulfillmentStatus"] = "SHIPPED"
    data["lastUpdatedTime"] = (NOW + timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    amazon.add_order(make_order(_order_id(2), created=NOW + timedelta(minutes=6)), seller=amazon.seller)
    result = sync.sync_account(account, now=later)
    assert result.orders == 2  # the changed order and the new one, not the first sync's again
    order.refresh_from_db()
    assert order.status == "Shipped"
    assert order.delivery_date == NOW - timedelta(hours=5) and order.buyer_locale == "es-US"


def test_an_order_in_a_marketplace_we_do_not_serve_is_skipped(account, amazon) -> None:
    account.marketplaces.append({"id": "A0UNSERVED0000", "name": "Elsewhere", "country": "ZZ"})
    amazon.add_order(
        make_order(_order_id(3), marketplace_id="A0UNSERVED0000", created=NOW - timedelta(days=1)),
        seller=amazon.seller,
    )
    result = sync.sync_account(account, now=NOW)
    assert (result.orders, result.skipped) == (0, 1) and not Order.objects.exists()


def test_a_failed_sync_is_stored_on_the_account_and_moves_nothing(account, amazon) -> None:
    amazon.add_order(make_order(_order_id(4), created=NOW - timedelta(days=1)), seller=amazon.seller)
    amazon.inject("400", "searchOrders")
    assert tasks.sync_account.delay(account.pk).get() == 0
    account.refresh_from_db()
    assert "not allowed" in account.last_sync_error and account.synced_until is None


def test_a_500_during_a_sync_is_retried(account, amazon, monkeypatch) -> None:
    from composer.amazon import client

    monkeypatch.setattr(client, "BACKOFF_BASE", 0.01)
    amazon.add_order(make_order(_order_id(5), created=NOW - timedelta(days=1)), seller=amazon.seller)
    amazon.inject("500", "searchOrders", times=2)
    assert sync.sync_account(account, now=NOW).orders == 1


def test_sync_orders_now_queues_a_sync_for_the_leads_team(
    client, lead, account, amazon, django_capture_on_commit_callbacks
) -> None:
    amazon.add_order(make_order(_order_id(6), created=NOW - timedelta(days=1)), seller=amazon.seller)
    client.force_login(lead)
    page = client.get(reverse("amazon_account"))
    assert b"Sync orders now" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("amazon_sync"))
    assert Order.objects.filter(amazon_order_id=_order_id(6)).exists()


def test_a_seller_cannot_start_a_sync(client, seller, account) -> None:
    client.force_login(seller)
    assert client.post(reverse("amazon_sync")).status_code == 403


def test_beat_queues_a_sync_for_every_connected_account(account) -> None:
    assert tasks.sync_all_accounts.delay().get() == [account.pk]
