"""Build the exact Selling Partner API request for a message, checked against Amazon's own models.

The paths, the ``marketplaceIds`` query, the body limits and each operation's usage plan are read
from the unmodified Swagger models in ``sp_api_models/``, so an integration that posts our export
gets what Amazon declares, and our own client (``composer/amazon/``) paces itself as Amazon says.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

import guidelines

MODELS_DIR = Path(__file__).resolve().parent / "sp_api_models"
MODEL_FILES = ("messaging.json", "solicitations.json", "orders_2026-01-01.json", "uploads_2020-11-01.json")
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}
# "| Rate (requests per second) | Burst |" followed by "| 1 | 5 |" in an operation's description.
USAGE_PLAN = re.compile(r"\|\s*Rate[^|]*\|\s*Burst\s*\|\s*\n\|[-\s|]*\n\|\s*([\d.]+)\s*\|\s*(\d+)\s*\|")


class NoApiOperation(ValueError):
    """Raised for a message type Amazon offers no API operation for (replies, return questions)."""


class Problem(str):
    """What breaks the model in one place, read as the model's own terms ("body.text is 2010
    characters; the limit is 2000"), for scripts and the simulator; :meth:`in_words` says it to
    the seller."""

    where: str
    kind: str
    params: dict[str, Any]

    def __new__(cls, text: str, where: str = "", kind: str = "", **params: Any) -> Problem:
        self = super().__new__(cls, text)
        self.where, self.kind, self.params = where, kind, params
        return self

    def in_words(self) -> str:
        """Return the problem as the seller reads it, without the model's field names."""
        field = re.sub(r"\[\d+\]", "", self.where).rsplit(".", 1)[-1]
        least, most, length = (self.params.get(k) for k in ("least", "most", "length"))
        if field == "attachments" and self.kind == "count" and not length and least:
            return _(
                "Amazon sends this message only with its file attached: give the upload destination ID "
                "of the file you uploaded with Amazon's Uploads API, and the file name the buyer sees."
            )
        if field == "attachments" and self.kind == "count":
            return ngettext(
                "Amazon takes at most %(most)d attached file with this message.",
                "Amazon takes at most %(most)d attached files with this message.",
                most or 0,
            ) % {"most": most or 0}
        if field == "text" and self.kind == "too_long":
            return _(
                "The text is %(length)d characters; Amazon takes at most %(limit)d for this message type."
            ) % {
                "length": length,
                "limit": most,
            }
        if field == "text" and self.kind in ("empty", "required"):
            return _("The message has no text.")
        if field == "uploadDestinationId":
            return _("Give the upload destination ID that Amazon's Uploads API returned for the file.")
        if field == "fileName" and self.kind == "too_long":
            return _("The file name is %(length)d characters; Amazon takes at most %(limit)d.") % {
                "length": length,
                "limit": most,
            }
        if field == "fileName":
            return _("Give the file name the buyer sees.")
        if field == "marketplaceIds":
            return _("The order has no marketplace Amazon knows.")
        return _("The request does not fit Amazon's model for this message (%(detail)s).") % {
            "detail": str(self)
        }


class RequestInvalid(ValueError):
    """Raised when a request would break the operation's declared limits."""

    def __init__(self, errors: Sequence[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = list(errors)

    @property
    def reasons(self) -> list[str]:
        """Return each problem as the seller reads it, once."""
        words = [e.in_words() if isinstance(e, Problem) else str(e) for e in self.errors]
        return list(dict.fromkeys(words))


@dataclass(frozen=True)
class Operation:
    """One operation of Amazon's model: its method, path template and body schema."""

    operation_id: str
    method: str
    path: str
    body_schema: dict[str, Any] | None
    marketplace_ids: dict[str, Any]
    # Every declared parameter (path, query, body) as the model writes it.
    parameters: tuple[dict[str, Any], ...] = ()
    # Requests per second and burst; an operation that declares none shares its model's plan.
    rate: float = 1.0
    burst: int = 1
    model: str = ""
    # The full model's definitions, for validating bodies and answers with $ref intact.
    definitions: dict[str, Any] | None = None


@dataclass(frozen=True)
class Attachment:
    """A file already uploaded through the Uploads API, named as the buyer will see it."""

    upload_destination_id: str
    file_name: str


@cache
def operations() -> dict[str, Operation]:
    """Return every operation of the stored models, by operationId."""
    found: dict[str, Operation] = {}
    for name in MODEL_FILES:
        model = json.loads((MODELS_DIR / name).read_text(encoding="utf-8"))
        definitions = model.get("definitions", {})
        plans: dict[str, tuple[float, int]] = {}
        for path, item in model["paths"].items():
            shared = item.get("parameters", [])
            for method, spec in item.items():
                if method not in HTTP_METHODS:
                    continue
                parameters = [*shared, *spec.get("parameters", [])]
                body_schema = None
                marketplace_ids: dict[str, Any] = {}
                for parameter in parameters:
                    if parameter.get("in") == "body":
                        body_schema = _resolve(parameter["schema"], definitions)
                    elif parameter.get("name") == "marketplaceIds":
                        marketplace_ids = parameter
                plan = USAGE_PLAN.search(spec.get("description", ""))
                if plan:
                    plans[spec["operationId"]] = (float(plan[1]), int(plan[2]))
                found[spec["operationId"]] = Operation(
                    operation_id=spec["operationId"],
                    method=method.upper(),
                    path=path,
                    body_schema=body_schema,
                    marketplace_ids=marketplace_ids,
                    parameters=tuple(parameters),
                    model=name,
                    definitions=definitions,
                )
        # sendInvoice declares no plan of its own; Amazon applies the Messaging API's to it.
        shared_plan = max(set(plans.values()), key=list(plans.values()).count) if plans else (1.0, 1)
        for operation_id, operation in list(found.items()):
            if operation.model == name:
                rate, burst = plans.get(operation_id, shared_plan)
                found[operation_id] = replace(operation, rate=rate, burst=burst)
    return found


# The Sellers API model is not among the models we keep; it has this one operation, without
# parameters, and its usage plan is 0.016 requests per second with a burst of 15.
SELLERS = Operation(
    operation_id="getMarketplaceParticipations",
    method="GET",
    path="/sellers/v1/marketplaceParticipations",
    body_schema=None,
    marketplace_ids={},
    rate=0.016,
    burst=15,
    model="sellers.json",
)


def _resolve(schema: Any, definitions: dict[str, Any]) -> Any:
    """Return the schema with every local ``$ref`` replaced by its definition."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            return _resolve(definitions[schema["$ref"].rsplit("/", 1)[-1]], definitions)
        return {key: _resolve(value, definitions) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_resolve(value, definitions) for value in schema]
    return schema


def operation_for(message_type: str) -> Operation:
    """Return the API operation that sends a message type, or raise NoApiOperation."""
    kind = guidelines.get_message_type(message_type)
    if not kind.operation:
        raise NoApiOperation(message_type)
    return operations()[kind.operation]


def has_operation(message_type: str) -> bool:
    return bool(guidelines.get_message_type(message_type).operation)


def accepts_attachments(message_type: str) -> bool:
    """Tell whether the type's operation can carry files (invoice, custom design, access key)."""
    if not has_operation(message_type):
        return False
    schema = operation_for(message_type).body_schema or {}
    return "attachments" in schema.get("properties", {})


def build_request(
    *,
    message_type: str,
    amazon_order_id: str,
    marketplace_id: str,
    text: str,
    attachments: Sequence[Attachment] = (),
) -> dict[str, Any]:
    """Return the request an integration posts for this message, or raise RequestInvalid.

    Review requests become Amazon's solicitation, which has no body: Amazon writes the text.
    Invoices send only the attachment; the text is not part of the request.
    """
    kind = guidelines.get_message_type(message_type)
    operation = operation_for(message_type)
    body: dict[str, Any] | None = None
    if operation.body_schema is not None:
        properties = operation.body_schema.get("properties", {})
        body = {}
        if "text" in properties and not kind.attachments_only:
            body["text"] = text
        if attachments and "attachments" in properties:
            body["attachments"] = [
                {"uploadDestinationId": a.upload_destination_id, "fileName": a.file_name} for a in attachments
            ]
    request = {
        "operation": operation.operation_id,
        "method": operation.method,
        "path": operation.path.replace("{amazonOrderId}", amazon_order_id),
        "query": {"marketplaceIds": [marketplace_id]},
        "body": body,
    }
    errors = validate_request(request)
    if errors:
        raise RequestInvalid(errors)
    return request


def validate_request(request: dict[str, Any]) -> list[str]:
    """Return what breaks the operation's model in a request; an empty list means valid."""
    operation = operations().get(request.get("operation", ""))
    if operation is None:
        return [f"unknown operation {request.get('operation')!r}"]
    errors: list[str] = []
    if request.get("method") != operation.method:
        errors.append(f"method must be {operation.method}")
    order_id = request.get("path", "").removeprefix(operation.path.split("{amazonOrderId}")[0])
    order_id = order_id.split("/")[0]
    if not guidelines.ORDER_ID.fullmatch(order_id) or request["path"] != operation.path.replace(
        "{amazonOrderId}", order_id
    ):
        errors.append(f"path must be {operation.path} with a valid order ID")
    ids = request.get("query", {}).get("marketplaceIds")
    limit = operation.marketplace_ids.get("maxItems", 1)
    if (
        not isinstance(ids, list)
        or not 1 <= len(ids) <= limit
        or not all(isinstance(i, str) and i for i in ids)
    ):
        errors.append(
            Problem(f"marketplaceIds must list 1 to {limit} marketplace IDs", "marketplaceIds", "count")
        )
    if operation.body_schema is None:
        if request.get("body") is not None:
            errors.append("this operation takes no body")
    else:
        errors.extend(_validate(request.get("body"), operation.body_schema, "body"))
    return errors


def _validate(value: Any, schema: dict[str, Any], where: str) -> list[Problem]:
    """Check the subset of JSON Schema the Messaging model uses."""
    kind = schema.get("type")
    if kind == "object":
        if not isinstance(value, dict):
            return [Problem(f"{where} must be an object", where, "type")]
        properties = schema.get("properties", {})
        errors = [
            Problem(f"{where}.{key} is required", f"{where}.{key}", "required")
            for key in schema.get("required", [])
            if key not in value
        ]
        errors += [
            Problem(f"{where}.{key} is not part of the model", f"{where}.{key}", "unknown")
            for key in value
            if key not in properties
        ]
        # An invoice without its attachment says nothing: a list that needs items is required.
        errors += [
            Problem(
                f"{where}.{key} must hold {_least(spec)} to {_most(spec)} items",
                f"{where}.{key}",
                "count",
                least=_least(spec),
                most=_most(spec),
                length=0,
            )
            for key, spec in properties.items()
            if key not in value and spec.get("type") == "array" and _least(spec) > 0
        ]
        for key, item in value.items():
            if key in properties:
                errors += _validate(item, properties[key], f"{where}.{key}")
        return errors
    if kind == "array":
        if not isinstance(value, list):
            return [Problem(f"{where} must be a list", where, "type")]
        least, most = _least(schema), _most(schema)
        errors = []
        if len(value) < least or (most is not None and len(value) > most):
            errors.append(
                Problem(
                    f"{where} must hold {least} to {most} items",
                    where,
                    "count",
                    least=least,
                    most=most,
                    length=len(value),
                )
            )
        for index, item in enumerate(value):
            errors += _validate(item, schema.get("items", {}), f"{where}[{index}]")
        return errors
    if kind == "string":
        if not isinstance(value, str):
            return [Problem(f"{where} must be a string", where, "type")]
        # Amazon's limit may be counted in code points or UTF-16 units; the stricter count is safe.
        length = max(len(value), len(value.encode("utf-16-le")) // 2)
        least, most = schema.get("minLength", 0), schema.get("maxLength")
        if length < least:
            text = f"{where} must not be empty" if least == 1 else f"{where} needs {least} characters"
            return [Problem(text, where, "empty", least=least, length=length)]
        if most is not None and length > most:
            text = f"{where} is {length} characters; the limit is {most}"
            return [Problem(text, where, "too_long", most=most, length=length)]
        return []
    return []


def _least(array_schema: dict[str, Any]) -> int:
    # Amazon's model writes maxLength/minLength on attachment arrays where it means item counts.
    return array_schema.get("minItems", array_schema.get("minLength", 0))


def _most(array_schema: dict[str, Any]) -> int | None:
    return array_schema.get("maxItems", array_schema.get("maxLength"))


def text_limit(message_type: str) -> int | None:
    """Return the body's text limit declared by Amazon's model, when the operation has text."""
    try:
        operation = operation_for(message_type)
    except NoApiOperation:
        return None
    if operation.body_schema is None:
        return None
    return operation.body_schema.get("properties", {}).get("text", {}).get("maxLength")
