"""The client around Amazon's SDK: tokens cached for every worker, pacing, and the simulator's checks."""

from __future__ import annotations

import time
import uuid

import pytest
import requests

from composer.amazon import ratelimit
from composer.amazon.client import NotAuthorised, OutcomeUnknown, SellingPartner
from tests.composer.spapi_simulator import make_order

ORDER = "305-1111111-2222222"


@pytest.fixture
def partner(amazon) -> SellingPartner:
    amazon.add_order(make_order(ORDER), seller=amazon.seller)
    return SellingPartner(refresh_token=amazon.refresh_token, region="eu", seller=amazon.seller)


def test_one_access_token_serves_every_call_until_amazon_calls_it_expired(amazon, partner) -> None:
    where = {"amazon_order_id": ORDER, "marketplace_ids": ["A1PA6795UKMFR9"]}
    partner.call("GetAttributes", **where)
    # Another worker (a new client) finds the token in Redis.
    SellingPartner(refresh_token=amazon.refresh_token, region="eu", seller=amazon.seller).call(
        "GetAttributes", **where
    )
    assert amazon.token_requests == 1
    amazon.expire_tokens()
    assert partner.call("GetAttributes", **where).data == {"buyer": {"locale": "en-US"}}
    assert amazon.token_requests == 2


def test_a_refused_refresh_token_says_why_at_once(amazon) -> None:
    partner = SellingPartner(
        refresh_token="Atzr|unknown-" + uuid.uuid4().hex, region="na", seller=amazon.seller
    )
    with pytest.raises(NotAuthorised, match="invalid grant"):
        partner.call("getMarketplaceParticipations")


def test_a_read_is_retried_after_a_500_but_a_write_is_not(amazon, partner, monkeypatch) -> None:
    from composer.amazon import client

    monkeypatch.setattr(client, "BACKOFF_BASE", 0.01)
    where = {"amazon_order_id": ORDER, "marketplace_ids": ["A1PA6795UKMFR9"]}
    amazon.inject("500", "getMessagingActionsForOrder")
    assert partner.call("getMessagingActionsForOrder", **where).status == 200
    amazon.inject("500", "createUnexpectedProblem")
    with pytest.raises(OutcomeUnknown):
        partner.call("createUnexpectedProblem", **where, body={"text": f"Order {ORDER} is late."})
    assert amazon.sent() == []


def test_the_simulator_refuses_a_request_off_the_model(amazon, partner) -> None:
    token = partner.tokens.get_lwa_access_token()
    url = f"{amazon.url}/messaging/v1/orders/{ORDER}/messages/confirmDeliveryDetails"
    headers = {"x-amz-access-token": token, "Content-Type": "application/json"}
    # No marketplaceIds, and a text longer than the model allows.
    response = requests.post(url, json={"text": "x" * 2001}, headers=headers, timeout=5)
    assert response.status_code == 400
    assert any("marketplaceIds is required" in p for p in amazon.invalid)
    assert any("too long" in p for p in amazon.invalid)
    assert (
        requests.post(url + "?marketplaceIds=A1PA6795UKMFR9", json={"text": "hi"}, timeout=5).status_code
        == 403
    )
    assert amazon.sent() == []


def test_the_bucket_lets_a_burst_through_then_makes_callers_wait(amazon) -> None:
    seller = "ABUCKET" + uuid.uuid4().hex[:8]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        time.sleep(seconds)

    # A burst of 3 lets 2 through at once: one token is kept in hand for the clocks' difference.
    for _ in range(2):
        ratelimit.take(seller, "createConfirmDeliveryDetails", rate=5.0, burst=3, sleep=sleep)
    assert waits == []
    ratelimit.take(seller, "createConfirmDeliveryDetails", rate=5.0, burst=3, sleep=sleep)
    assert waits and 0 < waits[0] <= 0.2 + ratelimit.SLOT_MARGIN


def test_waiters_are_served_in_the_order_they_came_with_a_slot_each(amazon) -> None:
    seller = "AORDER" + uuid.uuid4().hex[:8]
    slots = []
    for _ in range(6):
        reserved, wait, now = ratelimit.reserve(seller, "GetAttributes", rate=1.0, burst=5, max_wait=60)
        slots.append(now + wait)
        assert reserved
    # Four at once (the burst of 5, one kept in hand), then one a second, none shared.
    assert [round(slot - slots[0]) for slot in slots] == [0, 0, 0, 0, 1, 2]
    # A slot further than the caller may wait is not reserved: the next caller still gets 3 s.
    reserved, wait, _now = ratelimit.reserve(seller, "GetAttributes", rate=1.0, burst=5, max_wait=0.5)
    assert not reserved and 2.5 < wait < 3.5
    assert ratelimit.reserve(seller, "GetAttributes", rate=1.0, burst=5, max_wait=60)[0]


def test_a_rate_amazon_names_replaces_the_models(amazon) -> None:
    seller = "ARATE" + uuid.uuid4().hex[:8]
    ratelimit.observe_rate(seller, "searchOrders", "20")
    assert ratelimit.rate_for(seller, "searchOrders", 0.0056) == 20.0
    ratelimit.observe_rate(seller, "searchOrders", "nonsense")
    assert ratelimit.rate_for(seller, "searchOrders", 0.0056) == 20.0
