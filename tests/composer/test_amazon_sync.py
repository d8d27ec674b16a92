"""Orders synced from the Orders API (2026-01-01): pages, fields, and only what changed since."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from composer.amazon import languages, sync, tasks
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


def test_orders_amazon_sends_out_of_bounds_are_row_errors_and_the_rest_is_stored(
    client, lead, account, amazon
) -> None:
    good = make_order(_order_id(10), created=NOW - timedelta(days=2))
    future = make_order(_order_id(11), created=NOW - timedelta(days=2))
    future["createdTime"] = "9999-12-31T23:59:59Z"  # the year 9999 that took pages down (#16)
    too_many = make_order(
        _order_id(12),
        created=NOW - timedelta(days=2),
        items=[{"orderItemId": "1", "quantityOrdered": 99999999999, "product": {"title": "Mug"}}],
    )
    dirty = make_order(
        _order_id(13),
        created=NOW - timedelta(days=2),
        items=[{"orderItemId": "1", "quantityOrdered": 2, "product": {"title": "Walnut\x00 board\x07"}}],
    )
    promised_1990 = make_order(
        _order_id(14), created=NOW - timedelta(days=2), deliver_by=(datetime(1990, 1, 1, tzinfo=UTC),) * 2
    )
    not_a_list = make_order(_order_id(15), created=NOW - timedelta(days=2))
    not_a_list["orderItems"] = {"orderItemId": "1"}
    for data in (good, future, too_many, dirty, promised_1990, not_a_list):
        amazon.add_order(data, seller=amazon.seller)
    result = sync.sync_account(account, now=NOW)
    stored = set(Order.objects.values_list("amazon_order_id", flat=True))
    assert stored == {_order_id(10), _order_id(13)} and result.orders == 2
    assert Order.objects.get(amazon_order_id=_order_id(13)).product_name == "Walnut board"
    account.refresh_from_db()
    report = account.last_sync_report
    assert account.synced_until == NOW - sync.API_DELAY and account.last_sync_error == ""
    assert report["error_count"] == 4 and report["cleaned"] == [_order_id(13)]
    reasons = {error["order_id"]: error["reason"] for error in report["errors"]}
    assert "9999-12-31 is not between" in reasons[_order_id(11)]
    assert "quantityOrdered" in reasons[_order_id(12)] and "1990-01-01" in reasons[_order_id(14)]
    assert "orderItems is not a list" in reasons[_order_id(15)]
    client.force_login(lead)
    page = client.get(reverse("amazon_account")).content.decode()
    assert "4 orders from Amazon were not stored" in page and _order_id(11) in page
    assert "1 of them had control characters removed" in page


def test_an_order_the_database_refuses_is_a_row_error_and_its_page_is_stored(
    account, amazon, monkeypatch
) -> None:
    from composer import import_jobs

    for n in (20, 21, 22):
        amazon.add_order(make_order(_order_id(n), created=NOW - timedelta(days=2)), seller=amazon.seller)
    upsert = import_jobs.upsert_orders

    def refuse_21(team_id, rows, *, update_fields):
        if any(order_id == _order_id(21) for order_id, _fields in rows):
            raise import_jobs.DatabaseError("value too long for type character varying(500)")
        return upsert(team_id, rows, update_fields=update_fields)

    monkeypatch.setattr(import_jobs, "upsert_orders", refuse_21)
    result = sync.sync_account(account, now=NOW)
    assert set(Order.objects.values_list("amazon_order_id", flat=True)) == {_order_id(20), _order_id(22)}
    assert result.errors == [
        {
            "order_id": _order_id(21),
            "reason": "This order could not be stored beside the orders already there.",
        }
    ]


def test_a_sync_put_off_for_the_rate_limit_goes_on_after_its_last_stored_page(account, amazon) -> None:
    from composer.amazon import ratelimit

    for n in range(1, 251):
        amazon.add_order(
            make_order(_order_id(n), created=NOW - timedelta(days=3, minutes=n)), seller=amazon.seller
        )
    # searchOrders allows a burst of 20 (19 counted: one is kept in hand), then one page every
    # three minutes: leave one page.
    for _ in range(18):
        ratelimit.take(amazon.seller, "searchOrders", rate=0.0056, burst=20)
    with pytest.raises(ratelimit.Deferred) as deferred:
        sync.sync_account(account, now=NOW, max_wait=1.0)
    assert 170 < deferred.value.countdown < 181 and deferred.value.slot is not None
    account.refresh_from_db()
    assert Order.objects.count() == 100 and account.synced_until is None
    assert account.sync_cursor["token"] and account.sync_cursor["result"]["orders"] == 100
    # Coming back (the slot's time is not waited for here: the bucket is refilled instead).
    ratelimit.connection().delete(f"spapi:bucket:{amazon.seller}:searchOrders")
    result = sync.sync_account(account, now=NOW + timedelta(minutes=3))
    account.refresh_from_db()
    assert (result.orders, result.pages, Order.objects.count()) == (250, 3, 250)
    assert account.sync_cursor is None and account.synced_until == NOW - sync.API_DELAY
    assert account.last_sync_report["orders"] == 250 and amazon.invalid == []


def test_a_sync_asks_amazon_for_the_buyer_language_of_the_orders_that_lack_it(
    account, amazon, seller
) -> None:
    recent = NOW - timedelta(days=2)
    amazon.add_order(make_order(_order_id(30), created=recent), seller=amazon.seller, locale="en-GB")
    amazon.add_order(make_order(_order_id(31), created=recent), seller=amazon.seller, locale="tr-TR")
    amazon.add_order(make_order(_order_id(32), created=recent), seller=amazon.seller, locale="fr-FR")
    sync.sync_account(account, now=NOW)
    Order.objects.get(amazon_order_id=_order_id(32)).set_buyer_locale("de-DE")  # the seller's choice
    assert languages.ask_buyer_languages(account) == 2
    found = dict(Order.objects.values_list("amazon_order_id", "buyer_locale"))
    assert found == {_order_id(30): "en-GB", _order_id(31): "tr-TR", _order_id(32): "de-DE"}
    assert len(amazon.calls_to("GetAttributes")) == 2
    # Asked once: the next sync asks about nothing it asked before.
    assert languages.ask_buyer_languages(account) == 0 and len(amazon.calls_to("GetAttributes")) == 2


def test_buyer_languages_are_asked_a_bounded_few_at_a_time_newest_first(account, amazon) -> None:
    for n in range(40, 46):
        amazon.add_order(
            make_order(_order_id(n), created=timezone.now() - timedelta(days=2, hours=n)),
            seller=amazon.seller,
            locale="es-US",
        )
    old = make_order(
        _order_id(49), created=timezone.now() - timedelta(days=90), updated=timezone.now() - timedelta(days=1)
    )
    amazon.add_order(old, seller=amazon.seller, locale="es-US")
    amazon.inject("400", "GetAttributes")  # Amazon has nothing for the newest: not asked again
    sync.sync_account(account)
    assert languages.ask_buyer_languages(account, budget=3) == 3
    sources = dict(Order.objects.values_list("amazon_order_id", "buyer_locale_source"))
    assert [sources[_order_id(n)] for n in range(40, 46)] == ["asked", "amazon", "amazon", "", "", ""]
    assert languages.ask_buyer_languages(account) == 3
    # An order older than any message window is left to be asked when someone picks it.
    assert Order.objects.get(amazon_order_id=_order_id(49)).buyer_locale_source == ""
    assert languages.orders_to_ask(account).count() == 0


def test_asking_buyer_languages_stops_at_the_rate_limit_with_what_it_asked_stored(account, amazon) -> None:
    from composer.amazon import ratelimit

    for n in range(50, 58):
        amazon.add_order(
            make_order(_order_id(n), created=timezone.now() - timedelta(days=1, hours=n)),
            seller=amazon.seller,
            locale="es-US",
        )
    sync.sync_account(account)
    with pytest.raises(ratelimit.Deferred) as deferred:
        languages.ask_buyer_languages(account, max_wait=0.2)
    # The burst of 5 (4 counted: one is kept in hand), then the next slot is a second away: the
    # task comes back for it.
    assert deferred.value.done == 4 and deferred.value.slot is not None
    assert 0.2 < deferred.value.countdown <= 1.2
    assert Order.objects.filter(buyer_locale_source="amazon").count() == 4


def test_the_sync_task_asks_the_buyer_languages_afterwards(account, amazon) -> None:
    amazon.add_order(
        make_order(_order_id(60), created=timezone.now() - timedelta(days=1)),
        seller=amazon.seller,
        locale="es-US",
    )
    assert tasks.sync_account.delay(account.pk).get() == 1
    order = Order.objects.get()
    assert (order.buyer_locale, order.buyer_locale_source) == ("es-US", "amazon")


def test_a_sync_waiting_for_its_next_page_is_not_joined_by_another(account, amazon) -> None:
    from composer.amazon import ratelimit

    amazon.add_order(
        make_order(_order_id(70), created=timezone.now() - timedelta(days=1)), seller=amazon.seller
    )
    lock = tasks._sync_lock(account)
    ratelimit.connection().set(lock, "1", ex=60)  # a sync of this account is paused for its slot
    assert tasks.sync_account.delay(account.pk).get() == 0
    assert not amazon.calls_to("searchOrders") and not Order.objects.exists()
    ratelimit.connection().delete(lock)
    # A failed sync lets the next one run.
    amazon.inject("400", "searchOrders")
    assert tasks.sync_account.delay(account.pk).get() == 0
    assert tasks.sync_account.delay(account.pk).get() == 1
