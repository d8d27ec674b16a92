"""The API request export: every operation's path, query and body against Amazon's model."""

from __future__ import annotations

import json

import pytest

import guidelines
from composer import sp_api

ORDER_ID = "114-4909505-8661897"
US = "ATVPDKIKX0DER"

TEXT_TYPES = {
    "delivery": ("createConfirmDeliveryDetails", "confirmDeliveryDetails", 2000),
    "custom_design": ("confirmCustomizationDetails", "confirmCustomizationDetails", 800),
    "unexpected_problem": ("createUnexpectedProblem", "unexpectedProblem", 2000),
    "order_question": ("createConfirmOrderDetails", "confirmOrderDetails", 2000),
    "service_appointment": ("createConfirmServiceDetails", "confirmServiceDetails", 2000),
    "digital_access_key": ("createDigitalAccessKey", "digitalAccessKey", 400),
}


def _build(message_type: str, text: str = "Hello", **kwargs) -> dict:
    return sp_api.build_request(
        message_type=message_type, amazon_order_id=ORDER_ID, marketplace_id=US, text=text, **kwargs
    )


@pytest.mark.parametrize(("message_type", "expected"), TEXT_TYPES.items())
def test_each_text_type_builds_the_exact_messaging_request(message_type, expected) -> None:
    operation, action, _limit = expected
    request = _build(message_type, "Your order ships on Monday.")
    assert request == {
        "operation": operation,
        "method": "POST",
        "path": f"/messaging/v1/orders/{ORDER_ID}/messages/{action}",
        "query": {"marketplaceIds": [US]},
        "body": {"text": "Your order ships on Monday."},
    }
    assert json.loads(json.dumps(request)) == request


@pytest.mark.parametrize(("message_type", "expected"), TEXT_TYPES.items())
def test_each_text_type_takes_exactly_its_limit_and_refuses_one_more(message_type, expected) -> None:
    limit = expected[2]
    assert sp_api.text_limit(message_type) == limit == guidelines.get_message_type(message_type).text_limit
    assert len(_build(message_type, "a" * limit)["body"]["text"]) == limit
    with pytest.raises(sp_api.RequestInvalid, match=f"limit is {limit}"):
        _build(message_type, "a" * (limit + 1))


@pytest.mark.parametrize("message_type", TEXT_TYPES)
def test_an_empty_text_is_refused_by_every_text_operation(message_type) -> None:
    with pytest.raises(sp_api.RequestInvalid, match="must not be empty"):
        _build(message_type, "")


def test_the_limit_counts_utf16_units_where_they_are_stricter() -> None:
    # "𠮷" (a CJK extension character) is one code point but two UTF-16 units.
    assert _build("digital_access_key", "𠮷" * 200)["body"]["text"]
    with pytest.raises(sp_api.RequestInvalid):
        _build("digital_access_key", "𠮷" * 201)


def test_japanese_text_within_the_limit_is_kept_as_written() -> None:
    text = "ご注文ありがとうございます。お届け先をご確認ください。"
    assert _build("delivery", text)["body"]["text"] == text


def test_a_review_request_becomes_the_solicitation_without_a_body() -> None:
    request = _build("review_request", "ignored: Amazon writes this request itself")
    assert request == {
        "operation": "createProductReviewAndSellerFeedbackSolicitation",
        "method": "POST",
        "path": f"/solicitations/v1/orders/{ORDER_ID}/solicitations/productReviewAndSellerFeedback",
        "query": {"marketplaceIds": [US]},
        "body": None,
    }


def test_an_invoice_sends_its_attachment_and_no_text() -> None:
    attachment = sp_api.Attachment(upload_destination_id="amzn1.tortuga.3.abc", file_name="invoice.pdf")
    request = _build("invoice", "The invoice is attached.", attachments=[attachment])
    assert request["path"] == f"/messaging/v1/orders/{ORDER_ID}/messages/invoice"
    assert request["body"] == {
        "attachments": [{"uploadDestinationId": "amzn1.tortuga.3.abc", "fileName": "invoice.pdf"}]
    }


def test_an_invoice_without_an_attachment_is_refused() -> None:
    # Amazon's model writes minLength 1 on the array, meaning one attachment at least.
    with pytest.raises(sp_api.RequestInvalid, match="1 to 5 items"):
        _build("invoice", "The invoice is attached.")


def test_refusals_are_said_in_the_sellers_words() -> None:
    with pytest.raises(sp_api.RequestInvalid) as missing:
        _build("invoice", "The invoice is attached.")
    assert missing.value.reasons == [
        "Amazon sends this message only with its file attached: give the upload destination ID of the "
        "file you uploaded with Amazon's Uploads API, and the file name the buyer sees."
    ]
    files = [sp_api.Attachment(f"id-{n}", f"file-{n}.pdf") for n in range(6)]
    with pytest.raises(sp_api.RequestInvalid) as too_many:
        _build("invoice", "", attachments=files)
    assert too_many.value.reasons == ["Amazon takes at most 5 attached files with this message."]
    with pytest.raises(sp_api.RequestInvalid) as long_text:
        _build("order_question", "x" * 5000)
    assert long_text.value.reasons == [
        "The text is 5000 characters; Amazon takes at most 2000 for this message type."
    ]


def test_more_than_five_attachments_are_refused() -> None:
    files = [sp_api.Attachment(f"id-{n}", f"file-{n}.pdf") for n in range(6)]
    with pytest.raises(sp_api.RequestInvalid, match="1 to 5 items"):
        _build("invoice", "", attachments=files)


@pytest.mark.parametrize("message_type", ["reply", "return_question"])
def test_types_without_an_operation_have_no_request(message_type) -> None:
    assert not sp_api.has_operation(message_type)
    with pytest.raises(sp_api.NoApiOperation):
        _build(message_type)


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"method": "GET"}, "method must be POST"),
        ({"path": "/messaging/v1/orders/123/messages/confirmOrderDetails"}, "valid order ID"),
        ({"query": {"marketplaceIds": []}}, "marketplaceIds"),
        ({"query": {"marketplaceIds": [US, "A1PA6795UKMFR9"]}}, "marketplaceIds"),
        ({"body": {"text": "Hi", "html": "<b>Hi</b>"}}, "not part of the model"),
        ({"body": {"text": 5}}, "must be a string"),
        ({"operation": "sendNewsletter"}, "unknown operation"),
    ],
)
def test_validation_reports_what_breaks_the_model(change, error) -> None:
    request = {**_build("order_question"), **change}
    assert any(error in message for message in sp_api.validate_request(request))


def test_every_operation_named_by_a_message_type_exists_in_the_models() -> None:
    for kind in guidelines.MESSAGE_TYPES.values():
        if kind.operation:
            assert kind.operation in sp_api.operations()


def test_only_operations_with_files_accept_attachments() -> None:
    with_files = {t for t in guidelines.MESSAGE_TYPES if sp_api.accepts_attachments(t)}
    assert with_files == {"invoice", "custom_design", "digital_access_key"}


def test_a_custom_design_request_may_carry_the_design_proof() -> None:
    proof = sp_api.Attachment(upload_destination_id="amzn1.tortuga.3.def", file_name="proof.png")
    request = _build("custom_design", "Please check the engraving.", attachments=[proof])
    assert request["body"] == {
        "text": "Please check the engraving.",
        "attachments": [{"uploadDestinationId": "amzn1.tortuga.3.def", "fileName": "proof.png"}],
    }
