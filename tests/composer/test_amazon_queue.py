"""Sends and syncs on the real queue: one busy seller account never holds the workers that
another account's work needs, and every call stays within the account's usage plan."""

from __future__ import annotations

import time
import uuid
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from composer.amazon import ratelimit, sending
from composer.amazon.models import AmazonAccount, AmazonSend
from composer.models import Draft, Order, Team, User
from config.celery import app
from tests.composer.spapi_simulator import make_order

pytestmark = pytest.mark.django_db(transaction=True)
WRITE = "createConfirmDeliveryDetails"


@pytest.fixture
def real_queue():
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


def _account(amazon, name: str) -> tuple[AmazonAccount, User]:
    seller_id = "A" + uuid.uuid4().hex[:13].upper()
    token = "Atzr|" + uuid.uuid4().hex
    amazon.add_seller(token, seller_id, ("ATVPDKIKX0DER",))
    team = Team.objects.create(name=name, approval_required=False)
    user = User.objects.create_user(username=f"{name}-seller", password="x", team=team)
    account = AmazonAccount(team=team, selling_partner_id=seller_id, region="na")
    account.refresh_token = token
    account.marketplaces = [{"id": "ATVPDKIKX0DER", "name": "Amazon.com", "country": "US"}]
    account.save()
    return account, user


def _queued_send(amazon, account: AmazonAccount, user: User, n: int) -> AmazonSend:
    order_id = f"{100 + account.pk % 800:03d}-{n:07d}-{account.pk:07d}"
    amazon.add_order(make_order(order_id, marketplace_id="ATVPDKIKX0DER"), seller=account.selling_partner_id)
    order = Order.objects.create(
        team=account.team, amazon_order_id=order_id, marketplace="US", buyer_locale="en-US",
        purchase_date=timezone.now() - timedelta(days=3), product_name="Walnut board",
    )  # fmt: skip
    text = f"Your order {order_id} arrives on Friday between 9 and 12."
    draft = Draft.objects.create(
        author=user, team=account.team, order=order, message_type="delivery", buyer_locale="en-US", body=text
    )
    return AmazonSend.objects.create(
        draft=draft, order=order, account=account, message_type="delivery", operation=WRITE,
        text=text, draft_version=draft.version, requested_by=user,
    )  # fmt: skip


def _wait_until(condition, limit: float = 90.0) -> None:
    deadline = time.monotonic() + limit
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)


def test_a_busy_account_does_not_hold_the_worker_from_another_accounts_sends(real_queue, amazon) -> None:
    busy, busy_user = _account(amazon, "busy")
    quiet, quiet_user = _account(amazon, "quiet")
    # Twelve sends of the busy account are queued first: more than its burst of 5.
    busy_sends = [_queued_send(amazon, busy, busy_user, n).pk for n in range(12)]
    quiet_sends = [_queued_send(amazon, quiet, quiet_user, n).pk for n in range(2)]
    for send_id in busy_sends + quiet_sends:
        sending._enqueue(send_id)
    # One worker process: while the busy account waits for its next second, it takes other work.
    # Watched at Amazon's side: reading the tables meanwhile would lock SQLite's for the worker.
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        _wait_until(lambda: len(amazon.sent()) == 14)
        time.sleep(0.5)  # the last answer is being stored
    finished = dict(AmazonSend.objects.values_list("pk", "finished"))
    assert AmazonSend.objects.filter(status="sent").count() == 14
    assert max(finished[pk] for pk in quiet_sends) < sorted(finished[pk] for pk in busy_sends)[6]
    # Each message once, and never faster than the plan (the simulator answers 429 then).
    assert len(amazon.sent()) == 14 and amazon.throttled == 0 and amazon.invalid == []


def test_a_send_whose_slot_is_far_stays_queued_and_makes_no_call(seller, order, amazon, team) -> None:
    account, user = _account(amazon, "far")
    send = _queued_send(amazon, account, user, 1)
    for _ in range(5):
        ratelimit.take(account.selling_partner_id, WRITE, rate=1.0, burst=5)
    with pytest.raises(ratelimit.Deferred) as deferred:
        sending.perform_send(send.pk, max_wait=0.1)
    send.refresh_from_db()
    assert send.status == "queued" and send.attempts == 0 and not amazon.calls_to(WRITE)
    # The slot it reserved is its own when it comes back: no second token is taken.
    assert deferred.value.slot is not None
    sending.perform_send(send.pk, max_wait=0.1, slot=deferred.value.slot + 0.0)
    send.refresh_from_db()
    assert send.status == "sent" and len(amazon.sent()) == 1


def test_a_429_puts_the_send_back_in_the_queue_after_the_interval_amazon_names(amazon) -> None:
    account, user = _account(amazon, "throttled")
    send = _queued_send(amazon, account, user, 2)
    amazon.rate_header = "0.2"  # Amazon names a plan of one request every five seconds
    amazon.inject("429", WRITE)
    with pytest.raises(ratelimit.Deferred) as deferred:
        sending.perform_send(send.pk, max_wait=0.25)
    assert 2.5 <= deferred.value.countdown <= 5.0 + 1e-6
    send.refresh_from_db()
    assert (send.status, send.attempts, send.claimed) == ("queued", 1, None) and not amazon.sent()


def test_a_send_throttled_again_and_again_is_given_up_as_not_sent(amazon) -> None:
    account, user = _account(amazon, "given-up")
    send = _queued_send(amazon, account, user, 3)
    AmazonSend.objects.filter(pk=send.pk).update(attempts=sending.MAX_THROTTLED_ATTEMPTS - 1)
    amazon.rate_header = "0.2"
    amazon.inject("429", WRITE)
    assert sending.perform_send(send.pk, max_wait=0.25).status == "not_sent"
    send.refresh_from_db()
    assert send.amazon_status == 429 and "too many requests" in send.error and not amazon.sent()


def test_beat_leaves_a_send_that_waits_for_its_slot_alone(amazon) -> None:
    account, user = _account(amazon, "waiting")
    send = _queued_send(amazon, account, user, 4)
    AmazonSend.objects.filter(pk=send.pk).update(created=timezone.now() - timedelta(minutes=5))
    sending.defer(send.pk, 120)
    assert sending.requeue_waiting() == []
    AmazonSend.objects.filter(pk=send.pk).update(due=timezone.now() - timedelta(minutes=3))
    assert sending.requeue_waiting() == [send.pk]
