"""New message: what each type is for, the types an order allows today, and a second review request."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from composer import message_guidance
from composer.models import Draft, Order
from tests.conftest import ORDER_ID

pytestmark = pytest.mark.django_db


def _options(response) -> dict[str, dict]:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return {o["value"]: o.attrs | {"text": o.text} for o in soup.select("#id_message_type option")}


def _deliver(order: Order, days_ago: int, status: str = Order.Status.SHIPPED) -> None:
    order.delivery_date = timezone.now() - timedelta(days=days_ago)
    order.purchase_date = order.delivery_date - timedelta(days=2)
    order.status = status
    order.save()


def test_every_message_type_has_a_one_line_description(client, seller) -> None:
    client.force_login(seller)
    options = _options(client.get(reverse("new_message")))
    assert options and all(o["data-description"] for o in options.values())
    assert set(message_guidance.DESCRIPTIONS) == set(options)


def test_an_unshipped_order_disables_the_review_request_and_opens_on_an_allowed_type(
    client, seller, order
) -> None:
    _deliver(order, 1, status=Order.Status.UNSHIPPED)
    client.force_login(seller)
    response = client.get(reverse("new_message"), {"order_id": ORDER_ID, "message_type": "review_request"})
    options = _options(response)
    assert "disabled" in options["review_request"] and "Not shipped yet" in options["review_request"]["text"]
    selected = [value for value, o in options.items() if "selected" in o]
    assert selected and selected[0] != "review_request"


def test_a_closed_window_disables_every_message_the_seller_starts_but_not_a_reply(
    client, seller, order
) -> None:
    _deliver(order, 45)
    client.force_login(seller)
    options = _options(client.get(reverse("new_message"), {"order_id": ORDER_ID}))
    assert "Window closed" in options["order_question"]["text"] and "disabled" in options["order_question"]
    assert "disabled" not in options["reply"]
    assert "selected" in options["reply"]


def test_the_server_refuses_a_type_the_order_does_not_allow_and_stores_nothing(client, seller, order) -> None:
    _deliver(order, 2)
    client.force_login(seller)
    payload = {"message_type": "review_request", "order_id": ORDER_ID, "buyer_locale": ""}
    response = client.post(reverse("new_message"), payload)
    assert response.status_code == 400
    assert "Too early" in response.content.decode()
    assert not Draft.objects.exists()


def test_a_second_review_request_asks_for_confirmation_before_the_draft_is_created(
    client, seller, order, templates
) -> None:
    _deliver(order, 10)
    client.force_login(seller)
    payload = {"message_type": "review_request", "order_id": ORDER_ID, "buyer_locale": ""}
    assert client.post(reverse("new_message"), payload).status_code == 302
    again = client.post(reverse("new_message"), payload)
    assert again.status_code == 400
    assert "already has a review request draft" in again.content.decode()
    assert "Start another review request for this order anyway" in again.content.decode()
    assert Draft.objects.count() == 1
    confirmed = client.post(reverse("new_message"), {**payload, "another_review_request": "on"})
    assert confirmed.status_code == 302
    assert Draft.objects.count() == 2


def test_each_order_in_the_list_carries_the_types_it_does_not_allow(client, seller, order) -> None:
    _deliver(order, 1, status=Order.Status.UNSHIPPED)
    client.force_login(seller)
    soup = BeautifulSoup(client.get(reverse("new_message")).content.decode(), "html.parser")
    option = soup.select_one(f'#order-choices option[value="{ORDER_ID}"]')
    assert "review_request" in option["data-unavailable"]


def test_the_default_type_is_the_preferred_one_when_allowed() -> None:
    assert message_guidance.default_type({}, "delivery") == "delivery"
    assert message_guidance.default_type({"review_request": "x"}, "review_request") != "review_request"
