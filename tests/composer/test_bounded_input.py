"""Bounded input where data enters: dates, quantities, control characters, refused rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import DataError
from django.urls import reverse
from django.utils import timezone

from composer import import_jobs
from composer.models import Order

from .report_files import all_orders, all_orders_row, fulfilled_row, fulfilled_shipments, order_id_for
from .test_importing import ID_1, ID_2, ID_3, run

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize(
    "purchase_date", ["9999-12-31T23:00:00-05:00", "1994-12-31T12:00:00+00:00", "2199-01-01T00:00:00+00:00"]
)
def test_an_import_refuses_dates_outside_1995_to_a_year_ahead(team, seller, purchase_date) -> None:
    job = run(
        team, seller, all_orders([all_orders_row(ID_1), all_orders_row(ID_2, purchase_date=purchase_date)])
    )
    assert job.status == "done" and (job.created_count, job.error_count) == (1, 1)
    assert job.errors[0]["row"] == 3 and "purchase-date" in job.errors[0]["reason"]


def test_an_arrival_date_in_the_year_9999_is_a_row_error(team, seller) -> None:
    rows = [fulfilled_row(ID_1), fulfilled_row(ID_2, arrival_date="9999-06-01T00:00:00+00:00")]
    job = run(team, seller, fulfilled_shipments(rows))
    assert job.error_count == 1 and "estimated-arrival-date" in job.errors[0]["reason"]
    assert Order.objects.count() == 1


@pytest.mark.parametrize("quantity", ["99999999999", "2147483648", "١٢"])
def test_a_quantity_beyond_its_column_is_a_row_error(team, seller, quantity) -> None:
    job = run(team, seller, all_orders([all_orders_row(ID_1, quantity=quantity), all_orders_row(ID_2)]))
    assert job.status == "done" and (job.created_count, job.error_count) == (1, 1)
    assert job.errors[0]["row"] == 2 and "quantity" in job.errors[0]["reason"]


def test_items_that_add_up_beyond_the_column_are_a_row_error(team, seller) -> None:
    rows = [all_orders_row(ID_1, quantity="2147483000"), all_orders_row(ID_1, quantity="1000")]
    job = run(team, seller, all_orders(rows))
    assert job.error_count == 1 and job.errors[0]["row"] == 3
    assert Order.objects.get().quantity == 2147483000


def test_control_characters_are_removed_and_the_row_listed_as_cleaned(team, seller) -> None:
    rows = [
        all_orders_row(ID_1, product="Dutch\x00 Oven\x07"),
        all_orders_row(ID_2),
        all_orders_row(ID_3, sku="A\x1bB"),
    ]
    job = run(team, seller, all_orders(rows))
    assert job.status == "done" and job.error_count == 0 and job.created_count == 3
    assert job.cleaned_rows == [2, 4] and job.cleaned_count == 2
    order = Order.objects.get(amazon_order_id=ID_1)
    assert order.product_name == "Dutch Oven"
    assert Order.objects.get(amazon_order_id=ID_3).sku == "AB"


def test_the_import_page_lists_cleaned_rows(client, team, seller) -> None:
    job = run(team, seller, all_orders([all_orders_row(ID_1, product="Oven\x00")]))
    client.force_login(seller)
    html = client.get(reverse("import_job", args=[job.pk])).content.decode()
    assert "Rows cleaned" in html and "control characters" in html


def test_a_row_the_database_refuses_becomes_a_row_error_and_the_batch_is_stored(
    team, seller, monkeypatch
) -> None:
    refused_id = order_id_for(5)
    real_upsert = import_jobs.upsert_orders

    def refusing_upsert(team_id, rows, *, update_fields):
        if any(order_id == refused_id for order_id, _ in rows):
            raise DataError("value too long for type character varying(500)")
        return real_upsert(team_id, rows, update_fields=update_fields)

    monkeypatch.setattr(import_jobs, "upsert_orders", refusing_upsert)
    rows = [all_orders_row(order_id_for(n)) for n in range(10)]
    job = run(team, seller, all_orders(rows))
    assert job.status == "done"
    assert job.errors == [
        {
            "row": 7,
            "reason": "A value in this order is too long, too large or unreadable to store.",
        }
    ]
    assert (job.created_count, job.error_count) == (9, 1)
    assert Order.objects.count() == 9 and not Order.objects.filter(amazon_order_id=refused_id).exists()


def _order_form(**dates) -> dict:
    return {
        "amazon_order_id": ID_2,
        "marketplace": "US",
        "buyer_locale": "en-US",
        "purchase_date": "2026-11-20T10:00",
        "delivery_date": "",
        "status": "Shipped",
        "fulfillment_channel": "MFN",
        "product_name": "Kettle",
        "buyer_name": "",
        **dates,
    }


@pytest.mark.parametrize(
    "dates",
    [
        {"purchase_date": "9999-12-31T23:59"},
        {"purchase_date": "1990-01-01T10:00"},
        {"delivery_date": "9999-01-01T10:00"},
    ],
)
def test_the_order_form_refuses_dates_outside_the_range(client, seller, dates) -> None:
    client.force_login(seller)
    response = client.post(reverse("order_new"), _order_form(**dates))
    assert response.status_code in (200, 400)
    assert "is not between" in response.content.decode()
    assert not Order.objects.filter(amazon_order_id=ID_2).exists()


def test_the_delivery_date_form_refuses_the_year_9999(client, seller, order) -> None:
    client.force_login(seller)
    response = client.post(reverse("order_delivery", args=[order.pk]), {"delivery_date": "9999-12-31T23:59"})
    assert "is not between" in response.content.decode()
    order.refresh_from_db()
    assert order.delivery_date.year < 9999


@pytest.fixture
def year_9999_order(team) -> Order:
    """An order stored before input was bounded: its pages must still open."""
    return Order.objects.create(
        team=team,
        amazon_order_id=ID_3,
        marketplace="US",
        buyer_locale="en-US",
        purchase_date=datetime(9999, 12, 31, 12, tzinfo=UTC),
        delivery_date=datetime(9999, 12, 31, 20, tzinfo=UTC),
        product_name="Kettle",
    )


def test_pages_render_with_a_year_9999_order(client, seller, admin_user, year_9999_order) -> None:
    client.force_login(seller)
    for url in (reverse("orders"), reverse("new_message"), reverse("order", args=[year_9999_order.pk])):
        assert client.get(url).status_code == 200, url
    for window in ("review_request", "proactive"):
        assert client.get(reverse("orders"), {"window": window}).status_code == 200
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    assert client.get("/django-admin/composer/order/").status_code == 200


def test_a_draft_for_a_year_9999_order_can_be_started_and_checked(
    client, seller, year_9999_order, templates
) -> None:
    client.force_login(seller)
    response = client.post(
        reverse("new_message"), {"message_type": "order_question", "order_id": ID_3, "buyer_locale": ""}
    )
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200


def test_the_migration_clears_impossible_dates(team) -> None:
    from importlib import import_module

    from django.apps import apps

    order = Order.objects.create(
        team=team,
        amazon_order_id=ID_1,
        marketplace="US",
        buyer_locale="en-US",
        purchase_date=datetime(9999, 12, 31, 12, tzinfo=UTC),
        delivery_date=datetime(9999, 12, 31, 20, tzinfo=UTC),
        product_name="Kettle",
    )
    fine = Order.objects.create(
        team=team,
        amazon_order_id=ID_2,
        marketplace="US",
        buyer_locale="en-US",
        purchase_date=timezone.now() - timedelta(days=3),
        product_name="Kettle",
    )
    migration = import_module("composer.migrations.0003_bounded_input")
    migration.clear_impossible_dates(apps, None)
    order.refresh_from_db()
    assert order.delivery_date is None and order.purchase_date == order.created
    before = fine.purchase_date
    fine.refresh_from_db()
    assert fine.purchase_date == before


def test_a_draft_from_an_order_with_control_characters_gets_none(client, seller, team, templates) -> None:
    """An order stored before imports cleaned its values still starts a draft that can be saved."""
    Order.objects.create(
        team=team,
        amazon_order_id=ID_1,
        marketplace="US",
        buyer_locale="en-US",
        purchase_date=timezone.now() - timedelta(days=10),
        delivery_date=timezone.now() - timedelta(days=7),
        product_name="Dutch\x1f Oven\x1b",  # PostgreSQL refuses NUL in text, SQLite keeps it
        buyer_name="La\x07ura",
    )
    client.force_login(seller)
    response = client.post(
        reverse("new_message"), {"message_type": "delivery", "order_id": ID_1, "buyer_locale": ""}
    )
    from composer.models import Draft

    draft = Draft.objects.get()
    assert response.status_code == 302 and bounds_clean(draft.body) and "Dutch Oven" in draft.body
    saved = client.post(reverse("draft", args=[draft.pk]), {"body": draft.body, "version": draft.version})
    assert saved.status_code == 302


def bounds_clean(text: str) -> bool:
    from composer.bounds import is_storable_text

    return is_storable_text(text)
