"""Send to buyer: each type through its operation, never twice, and every failure said in words."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from composer import checking
from composer.amazon import sending
from composer.amazon.models import AmazonSend
from composer.models import Draft, MessageRecord
from tests.composer.spapi_simulator import make_order
from tests.conftest import ORDER_ID, make_draft

from .amazon_fixtures import connect

# Sends are queued when the claim commits: these tests commit, as the site does.
pytestmark = pytest.mark.django_db(transaction=True)

TEXTS = {
    "delivery": f"Hello Laura,\n\nYour order {ORDER_ID} will be delivered on Friday between 9 and 12.\n\nKind regards,\nAcme Home",
    "order_question": f"Hello Laura,\n\nFor order {ORDER_ID}: which colour would you like, red or blue?\n\nKind regards,\nAcme Home",
    "unexpected_problem": f"Hello Laura,\n\nYour order {ORDER_ID} is delayed by two days because of a storm.\n\nKind regards,\nAcme Home",
    "custom_design": f'Hello Laura,\n\nFor order {ORDER_ID}: please confirm the engraving text "Laura".\n\nKind regards,\nAcme Home',
    "service_appointment": f"Hello Laura,\n\nFor order {ORDER_ID}: the installer comes on Monday at 10.\n\nKind regards,\nAcme Home",
    "digital_access_key": f"Hello Laura,\n\nThe access key for order {ORDER_ID} is ABCD-1234.\n\nKind regards,\nAcme Home",
    "review_request": f"Hello Laura,\n\nThank you for order {ORDER_ID}. We would appreciate your honest review.\n\nAcme Home",
    "invoice": f"Hello Laura,\n\nThe invoice for order {ORDER_ID} is attached.\n\nKind regards,\nAcme Home",
}
ACTIONS = {
    "delivery": "confirmDeliveryDetails",
    "order_question": "confirmOrderDetails",
    "unexpected_problem": "unexpectedProblem",
    "custom_design": "confirmCustomizationDetails",
    "service_appointment": "confirmServiceDetails",
    "digital_access_key": "digitalAccessKey",
    "review_request": "productReviewAndSellerFeedback",
    "invoice": "invoice",
}


@pytest.fixture
def connected(team, order, amazon):
    amazon.add_order(make_order(ORDER_ID, marketplace_id="ATVPDKIKX0DER"), seller=amazon.seller)
    return connect(team, amazon)


def _draft(seller, order, message_type="delivery", **fields) -> Draft:
    draft = make_draft(seller, order, TEXTS[message_type], message_type=message_type, **fields)
    draft.findings = checking.check_draft(draft).findings
    draft.save(update_fields=["findings"])
    assert not [f for f in draft.findings if f["severity"] == "error"], draft.findings
    return draft


def _send(client, draft, *, files=None, **extra):
    data = {"version": draft.version, **extra}
    if files:
        data["attachments"] = files
    return client.post(reverse("draft_send", args=[draft.pk]), data)


@pytest.mark.parametrize("message_type", list(TEXTS))
def test_each_type_goes_through_its_own_operation(
    client, seller, order, connected, amazon, message_type, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    draft = _draft(seller, order, message_type)
    client.force_login(seller)
    files = [SimpleUploadedFile("invoice.pdf", b"%PDF-1.4 invoice", content_type="application/pdf")]
    response = _send(client, draft, files=files if message_type == "invoice" else None)
    assert response.status_code == 302, response.content[:2000]
    [received] = amazon.sent()
    assert received["operation"] == ACTIONS[message_type] and received["order_id"] == ORDER_ID
    if message_type == "invoice":
        [attachment] = received["body"]["attachments"]
        assert attachment["fileName"] == "invoice.pdf"
        assert amazon.uploads[attachment["uploadDestinationId"]]["data"] == b"%PDF-1.4 invoice"
    elif message_type == "review_request":
        assert received["body"] is None  # Amazon writes the request itself
    else:
        assert received["body"] == {"text": TEXTS[message_type]}
    send = AmazonSend.objects.get()
    assert (send.status, send.amazon_status) == ("sent", 201)
    draft.refresh_from_db()
    assert draft.status == Draft.Status.SENT
    record = MessageRecord.objects.get(kind=MessageRecord.Kind.SENT)
    assert (record.message_type, record.channel, record.text) == (message_type, "api", send.text)
    page = client.get(reverse("draft", args=[draft.pk]))
    assert b"Sent to the buyer through Amazon." in page.content and send.operation.encode() in page.content
    assert amazon.invalid == []
    assert not list((tmp_path / "amazon-attachments").rglob("*.pdf"))


def test_a_second_press_sends_nothing_more(client, seller, order, connected, amazon) -> None:
    draft = _draft(seller, order)
    client.force_login(seller)
    assert _send(client, draft).status_code == 302
    again = _send(client, draft)
    assert again.status_code == 400 and b"This message is already marked as sent." in again.content
    assert len(amazon.sent()) == 1 and AmazonSend.objects.count() == 1


def test_a_redelivered_task_never_calls_amazon_again(seller, order, connected, amazon) -> None:
    draft = _draft(seller, order)
    send = sending.queue_send(draft, by=seller, version=draft.version)
    assert sending.perform_send(send.pk) is None  # already done when queued (eager): taken
    AmazonSend.objects.filter(pk=send.pk).update(status=AmazonSend.Status.SENDING)
    assert sending.perform_send(send.pk) is None
    send.refresh_from_db()
    assert send.status == AmazonSend.Status.UNKNOWN and len(amazon.sent()) == 1


def test_amazons_refusal_is_shown_in_its_own_words(client, seller, order, connected, amazon) -> None:
    draft = _draft(seller, order)
    amazon.inject("400", "createConfirmDeliveryDetails")
    client.force_login(seller)
    _send(client, draft)
    send = AmazonSend.objects.get()
    assert send.status == "not_sent" and send.amazon_status == 400
    page = client.get(reverse("draft", args=[draft.pk]))
    assert b"Not sent: The message contains content that is not allowed. (InvalidInput)" in page.content
    # Nothing went out, so the seller may correct it and send again.
    assert _send(client, draft).status_code == 302 and len(amazon.sent()) == 1


@pytest.mark.parametrize("fault", ["500", "timeout"])
def test_an_unknown_outcome_is_never_sent_again_by_itself(
    client, seller, order, connected, amazon, settings, fault
) -> None:
    settings.SPAPI_READ_TIMEOUT = 0.5
    amazon.timeout_seconds = 1.5
    draft = _draft(seller, order)
    amazon.inject(fault, "createConfirmDeliveryDetails")
    client.force_login(seller)
    _send(client, draft)
    send = AmazonSend.objects.get()
    assert send.status == "unknown"
    page = client.get(reverse("draft", args=[draft.pk]))
    assert b"Not known: check Seller Central before sending again." in page.content
    # A timeout went through at Amazon; a 500 did not. Neither is repeated.
    assert len(amazon.sent()) == (1 if fault == "timeout" else 0)
    refused = _send(client, draft)
    assert refused.status_code == 400 and b"Check Seller Central before sending again" in refused.content
    # The seller checked Seller Central and says so: one more send, on purpose.
    assert _send(client, draft, checked_unknown="on").status_code == 302
    assert AmazonSend.objects.filter(status="sent").count() == 1


def test_429_is_retried_and_sent_once(seller, order, connected, amazon, monkeypatch) -> None:
    from composer.amazon import client

    monkeypatch.setattr(client, "BACKOFF_BASE", 0.01)
    amazon.rate_header = "50"
    amazon.inject("429", "createConfirmDeliveryDetails", times=2)
    draft = _draft(seller, order)
    send = sending.queue_send(draft, by=seller, version=draft.version)
    send.refresh_from_db()
    assert send.status == "sent" and len(amazon.sent()) == 1
    statuses = [
        status for _, operation, _, status in amazon.calls if operation == "createConfirmDeliveryDetails"
    ]
    assert statuses == [429, 429, 201]


def test_an_expired_access_token_is_renewed_without_sending_twice(seller, order, connected, amazon) -> None:
    draft = _draft(seller, order)
    amazon.inject("expired", "createConfirmDeliveryDetails")
    send = sending.queue_send(draft, by=seller, version=draft.version)
    send.refresh_from_db()
    assert send.status == "sent" and len(amazon.sent()) == 1


def test_a_type_amazon_does_not_offer_cannot_be_sent_or_started(
    client, seller, order, connected, amazon, templates
) -> None:
    amazon.orders[ORDER_ID].actions.discard("confirmDeliveryDetails")
    draft = _draft(seller, order)
    client.force_login(seller)
    refused = _send(client, draft)
    assert (
        refused.status_code == 400
        and b"Amazon does not offer this message type for this order right now." in refused.content
    )
    assert not AmazonSend.objects.exists()
    page = client.get(reverse("new_message") + f"?order_id={ORDER_ID}")
    assert "Delivery — Amazon does not offer this message type".encode() in page.content
    start = client.post(reverse("new_message"), {"order_id": ORDER_ID, "message_type": "delivery"})
    assert start.status_code == 400


def test_amazons_offer_beats_our_review_window(seller, order, connected, amazon) -> None:
    from datetime import timedelta

    order.set_delivery_date(order.delivery_date + timedelta(days=5))  # day 2 after delivery
    draft = make_draft(seller, order, TEXTS["review_request"], message_type="review_request")
    assert any(f["rule"] == "T102" for f in checking.check_draft(draft).findings)
    send = sending.queue_send(draft, by=seller, version=draft.version)  # asks Amazon: offered
    send.refresh_from_db()
    assert send.status == "sent"


def test_text_with_an_error_is_not_sent(client, seller, order, connected, amazon) -> None:
    draft = make_draft(
        seller, order, f"Order {ORDER_ID}: write to me at shop@example.com", message_type="delivery"
    )
    client.force_login(seller)
    response = _send(client, draft)
    assert (
        response.status_code == 400
        and b"Fix the errors in the message before sending it." in response.content
    )
    assert not amazon.sent()


def test_a_team_that_requires_approval_sends_only_the_approved_version(
    client, seller, lead, order, connected, amazon
) -> None:
    order.team.approval_required = True
    order.team.save()
    draft = _draft(seller, order)
    client.force_login(seller)
    response = _send(client, draft)
    assert response.status_code == 400 and b"approval" in response.content
    draft.submit(by=seller)
    draft.approve(by=lead, version=draft.version)
    assert _send(client, draft).status_code == 302 and len(amazon.sent()) == 1


def test_without_a_connection_there_is_no_send(client, seller, order, amazon) -> None:
    draft = _draft(seller, order)
    client.force_login(seller)
    page = client.get(reverse("draft", args=[draft.pk]))
    assert b"Send to buyer" not in page.content
    assert _send(client, draft).status_code == 400 and not amazon.sent()


def test_someone_elses_draft_gives_404(client, other_seller, seller, order, connected) -> None:
    draft = _draft(seller, order)
    client.force_login(other_seller)
    assert _send(client, draft).status_code == 404


def test_a_send_based_on_an_older_version_answers_409_with_both_texts(
    client, seller, order, connected, amazon
) -> None:
    draft = _draft(seller, order)
    read = draft.version
    draft.save_text(
        body=TEXTS["delivery"].replace("Friday", "Saturday"),
        subject="",
        base_version=read,
        findings=[],
        by=seller,
    )
    client.force_login(seller)
    page = client.post(reverse("draft_send", args=[draft.pk]), {"version": read})
    assert page.status_code == 409
    assert b"between 9 and 12" in page.content and b"Friday" in page.content and b"Saturday" in page.content
    answer = client.post(
        reverse("draft_send", args=[draft.pk]), {"version": read}, headers={"accept": "application/json"}
    )
    data = answer.json()
    assert answer.status_code == 409 and data["base_version"] == read and data["version"] == read + 1
    assert "Friday" in data["mine"]["body"] and "Saturday" in data["body"]
    assert not AmazonSend.objects.exists() and not amazon.sent()


def test_a_send_naming_a_version_that_never_existed_is_a_conflict(
    client, seller, order, connected, amazon
) -> None:
    draft = _draft(seller, order)
    client.force_login(seller)
    response = client.post(reverse("draft_send", args=[draft.pk]), {"version": 99999999999})
    assert response.status_code == 409 and not AmazonSend.objects.exists() and not amazon.sent()


def test_a_send_without_a_version_is_refused_with_a_reason(client, seller, order, connected, amazon) -> None:
    draft = _draft(seller, order)
    client.force_login(seller)
    response = client.post(reverse("draft_send", args=[draft.pk]), {})
    assert response.status_code == 400 and b"does not say which version" in response.content
    assert not AmazonSend.objects.exists() and not amazon.sent()


def test_a_queued_send_carries_the_text_checked_when_it_was_claimed(seller, order, connected, amazon) -> None:
    draft = _draft(seller, order)
    send = AmazonSend.objects.create(
        draft=draft, order=order, account=connected, message_type="delivery", operation="createConfirmDeliveryDetails",
        text=draft.body, draft_version=draft.version, requested_by=seller,
    )  # fmt: skip
    # The seller edits after pressing Send and before a worker takes it: the checked text goes out.
    draft.save_text(
        body=draft.body + "\n\nPS", subject="", base_version=draft.version, findings=[], by=seller
    )
    sending.perform_send(send.pk)
    assert amazon.sent()[0]["body"]["text"] == send.text


def test_a_send_stalled_without_its_worker_becomes_not_known(seller, order, connected) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from composer.amazon import tasks

    draft = _draft(seller, order)
    send = AmazonSend.objects.create(
        draft=draft, order=order, account=connected, message_type="delivery", operation="createConfirmDeliveryDetails",
        text=draft.body, draft_version=draft.version, requested_by=seller, status=AmazonSend.Status.SENDING,
        claimed=timezone.now() - timedelta(minutes=5),
    )  # fmt: skip
    assert tasks.settle_stalled_sends.delay().get() == [send.pk]
    send.refresh_from_db()
    assert send.status == "unknown"


def test_a_send_whose_message_was_lost_is_queued_again_once(seller, order, connected, amazon) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from composer.amazon import tasks

    draft = _draft(seller, order)
    send = AmazonSend.objects.create(
        draft=draft, order=order, account=connected, message_type="delivery", operation="createConfirmDeliveryDetails",
        text=draft.body, draft_version=draft.version, requested_by=seller,
    )  # fmt: skip
    AmazonSend.objects.filter(pk=send.pk).update(created=timezone.now() - timedelta(minutes=5))
    tasks.settle_stalled_sends.delay().get()
    tasks.settle_stalled_sends.delay().get()
    send.refresh_from_db()
    assert send.status == "sent" and len(amazon.sent()) == 1
