"""A local Selling Partner API for tests, drills and measurements, built from Amazon's own models.

It answers Login with Amazon's token endpoint and every operation the composer uses, on
127.0.0.1. Each request is checked against the operation in ``composer/sp_api_models/``: the
path and method, the query parameters (required, type, enum, item counts), the body (JSON
Schema, with the attachments quirk read as item counts) and the ``x-amz-access-token`` header.
A request that breaks the model is answered 400 and kept in ``invalid`` so tests can insist on
none. Usage plans are enforced per seller and operation, like Amazon: too fast gets 429.

Faults can be injected per operation: ``"429"`` (with ``x-amzn-RateLimit-Limit``), ``"500"``
(nothing done), ``"timeout"`` (done, but the answer comes after the client gave up),
``"expired"`` (403, the access token has expired), ``"400"`` (Amazon refuses with its words).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import itertools
import json
import random
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import jsonschema

from composer import sp_api

CLIENT_ID = "amzn1.application-oa2-client.simulator"
CLIENT_SECRET = "simulator-secret"
SOLICITATION_ACTION = "productReviewAndSellerFeedback"
# Every Messaging action a typical order offers (the path's last segment).
ALL_ACTIONS = (
    "confirmCustomizationDetails",
    "confirmDeliveryDetails",
    "confirmOrderDetails",
    "confirmServiceDetails",
    "digitalAccessKey",
    "invoice",
    "legalDisclosure",
    "unexpectedProblem",
    "warranty",
)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@dataclass
class SimOrder:
    """An order as the simulator knows it: the Orders API's shape plus what Messaging allows."""

    seller: str
    data: dict[str, Any]
    actions: set[str] = field(default_factory=lambda: set(ALL_ACTIONS))
    solicitation: bool = True
    locale: str = "en-US"

    @property
    def updated(self) -> datetime:
        return parse_iso(self.data["lastUpdatedTime"])

    @property
    def created(self) -> datetime:
        return parse_iso(self.data["createdTime"])


def make_order(
    order_id: str,
    *,
    marketplace_id: str = "A1PA6795UKMFR9",
    created: datetime | None = None,
    updated: datetime | None = None,
    status: str = "SHIPPED",
    fulfilled_by: str = "MERCHANT",
    deliver_by: tuple[datetime, datetime] | None = None,
    delivered: bool = False,
    items: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Return an order in the shape of the Orders API 2026-01-01 ``Order`` definition."""
    created = created or datetime.now(UTC) - timedelta(days=10)
    order: dict[str, Any] = {
        "orderId": order_id,
        "createdTime": iso(created),
        "lastUpdatedTime": iso(updated or created),
        "salesChannel": {"channelName": "Amazon", "marketplaceId": marketplace_id},
        "orderItems": items
        or [
            {
                "orderItemId": "1",
                "quantityOrdered": 1,
                "product": {"asin": "B0TESTASIN", "title": "Walnut cutting board", "sellerSku": "WB-1"},
            }
        ],
        "fulfillment": {"fulfillmentStatus": status, "fulfilledBy": fulfilled_by},
    }
    if deliver_by:
        order["fulfillment"]["deliverByWindow"] = {
            "earliestDateTime": iso(deliver_by[0]),
            "latestDateTime": iso(deliver_by[1]),
        }
    if delivered:
        order["packages"] = [{"packageReferenceId": "1", "packageStatus": {"status": "DELIVERED"}}]
    return order


class _Bucket:
    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst, self.tokens, self.at = rate, burst, float(burst), time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class Simulator:
    """The simulated Amazon: start() it, point SPAPI_ENDPOINT and LWA_TOKEN_URL at it."""

    def __init__(self, *, timeout_seconds: float = 3.0, enforce_plans: bool = True) -> None:
        self.lock = threading.Lock()
        self.refresh_tokens: dict[str, str] = {}  # refresh token -> seller ID
        self.auth_codes: dict[str, str] = {}  # authorisation code -> refresh token
        self.access_tokens: dict[str, tuple[str, float]] = {}  # token -> (seller, expires at)
        self.marketplaces: dict[str, list[str]] = {}
        self.orders: dict[str, SimOrder] = {}
        self.uploads: dict[str, dict[str, Any]] = {}
        self.received: list[dict[str, Any]] = []  # every write Amazon carried out
        self.calls: list[tuple[float, str, str, int]] = []  # (time, operation, seller, status)
        self.invalid: list[str] = []
        self.faults: list[tuple[str, str]] = []
        self.chaos: dict[str, float] = {}  # fault kind -> probability, for every write
        self.rate_header: str | None = None  # a plan other than the model's, as Amazon names it
        self.token_requests = 0
        self.throttled = 0  # 429s for going faster than the usage plan (not injected ones)
        self.timeout_seconds = timeout_seconds
        self.enforce_plans = enforce_plans
        self._buckets: dict[tuple[str, str], _Bucket] = {}
        self._random = random.Random(7)
        self._routes = [
            (re.compile("^" + re.sub(r"\{(\w+)\}", self._group, op.path) + "$"), op)
            for op in [*sp_api.operations().values(), sp_api.SELLERS]
        ]
        self.server: ThreadingHTTPServer | None = None

    @staticmethod
    def _group(match: re.Match) -> str:
        # The Uploads API's resource is greedy: it holds a path of its own.
        pattern = ".+" if match[1] == "resource" else "[^/]+"
        return f"(?P<{match[1]}>{pattern})"

    # --- Set-up -------------------------------------------------------------------------------

    def start(self) -> Simulator:
        simulator = self

        class Handler(_Handler):
            sim = simulator

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    @property
    def url(self) -> str:
        assert self.server
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def token_url(self) -> str:
        return self.url + "/auth/o2/token"

    def add_seller(
        self,
        refresh_token: str,
        seller: str = "A2SELLER",
        marketplaces: tuple[str, ...] = ("A1PA6795UKMFR9",),
    ) -> None:
        with self.lock:
            self.refresh_tokens[refresh_token] = seller
            self.marketplaces[seller] = list(marketplaces)

    def add_authorisation_code(self, code: str, refresh_token: str) -> None:
        with self.lock:
            self.auth_codes[code] = refresh_token

    def add_order(self, data: dict[str, Any], *, seller: str = "A2SELLER", **options: Any) -> SimOrder:
        order = SimOrder(seller=seller, data=data, **options)
        with self.lock:
            self.orders[data["orderId"]] = order
        return order

    def inject(self, kind: str, operation: str = "*", times: int = 1) -> None:
        with self.lock:
            self.faults.extend([(operation, kind)] * times)

    def expire_tokens(self) -> None:
        """Make every access token handed out so far expired, as an hour later."""
        with self.lock:
            self.access_tokens = {t: (s, 0.0) for t, (s, _) in self.access_tokens.items()}

    def calls_to(self, operation: str) -> list[tuple[float, str, str, int]]:
        """Return every call of one operation: (time, operation, seller, HTTP status)."""
        with self.lock:
            return [call for call in self.calls if call[1] == operation]

    def sent(self, operation: str | None = None) -> list[dict[str, Any]]:
        with self.lock:
            return [r for r in self.received if operation is None or r["operation"] == operation]

    # --- Answering ------------------------------------------------------------------------------

    def route(self, method: str, path: str) -> tuple[sp_api.Operation, dict[str, str]] | None:
        for pattern, operation in self._routes:
            match = pattern.match(path)
            if match and operation.method == method:
                return operation, {k: unquote(v) for k, v in match.groupdict().items()}
        return None

    def take_fault(self, operation_id: str, is_write: bool) -> str | None:
        with self.lock:
            for index, (operation, kind) in enumerate(self.faults):
                if operation in ("*", operation_id):
                    del self.faults[index]
                    return kind
            if is_write:
                for kind, chance in self.chaos.items():
                    if self._random.random() < chance:
                        return kind
        return None

    def within_plan(self, seller: str, operation: sp_api.Operation) -> bool:
        if not self.enforce_plans:
            return True
        rate = float(self.rate_header) if self.rate_header else operation.rate
        with self.lock:
            bucket = self._buckets.setdefault(
                (seller, operation.operation_id), _Bucket(rate, operation.burst)
            )
            taken = bucket.take()
            self.throttled += not taken
            return taken

    def rate_for(self, operation: sp_api.Operation) -> str:
        return self.rate_header or f"{operation.rate:g}"


def _errors(code: str, message: str, details: str = "") -> dict[str, Any]:
    return {"errors": [{"code": code, "message": message, "details": details}]}


def _schema(operation: sp_api.Operation, schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "definitions": operation.definitions or {}}


def _check_query(operation: sp_api.Operation, query: dict[str, list[str]]) -> list[str]:
    """Return what breaks the model in the query string."""
    problems = []
    declared = {p["name"]: p for p in operation.parameters if p.get("in") == "query"}
    for name in query:
        if name not in declared:
            problems.append(f"query parameter {name} is not part of {operation.operation_id}")
    for name, spec in declared.items():
        if name not in query:
            if spec.get("required"):
                problems.append(f"query parameter {name} is required")
            continue
        raw = query[name][-1]
        if spec.get("type") == "array":
            values = raw.split(",")
            limit = spec.get("maxItems")
            if limit is not None and len(values) > limit:
                problems.append(f"{name} holds {len(values)} items; at most {limit}")
            allowed = spec.get("items", {}).get("enum")
            problems += [
                f"{name}: {v!r} is not one of {allowed}" for v in values if allowed and v not in allowed
            ]
        elif spec.get("type") == "integer":
            if not re.fullmatch(r"-?\d+", raw):
                problems.append(f"{name} must be an integer")
        elif spec.get("enum") and raw not in spec["enum"]:
            problems.append(f"{name}: {raw!r} is not one of {spec['enum']}")
    return problems


def _check_body(operation: sp_api.Operation, raw: bytes) -> tuple[Any, list[str]]:
    body_spec = next((p for p in operation.parameters if p.get("in") == "body"), None)
    text = raw.decode("utf-8") if raw else ""
    if body_spec is None:
        # Amazon's SDK posts "{}" to operations without a body.
        if text.strip() not in ("", "{}"):
            return None, [f"{operation.operation_id} takes no body"]
        return None, []
    try:
        body = json.loads(text)
    except ValueError:
        return None, ["the body is not JSON"]
    schema = _schema(operation, body_spec["schema"])
    problems = [f"body: {e.message}" for e in jsonschema.Draft4Validator(schema).iter_errors(body)]
    # Amazon's models put minLength/maxLength on attachment lists where item counts are meant.
    resolved = operation.body_schema or {}
    for key, spec in resolved.get("properties", {}).items():
        if spec.get("type") == "array":
            count = len(body.get(key, [])) if isinstance(body, dict) else 0
            least, most = spec.get("minLength", 0), spec.get("maxLength")
            if (key in body or least) and (count < least or (most is not None and count > most)):
                problems.append(f"body.{key} must hold {least} to {most} items")
    return body, problems


class _Handler(BaseHTTPRequestHandler):
    sim: Simulator
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def _send(self, status: int, data: Any = None, headers: dict[str, str] | None = None) -> None:
        payload = json.dumps(data if data is not None else {}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_GET(self) -> None:
        self._api("GET")

    def do_POST(self) -> None:
        if urlsplit(self.path).path == "/auth/o2/token":
            self._token()
        else:
            self._api("POST")

    def do_PUT(self) -> None:
        parts = urlsplit(self.path).path.split("/")
        data = self._body()
        upload = self.sim.uploads.get(parts[-1]) if len(parts) == 3 and parts[1] == "upload" else None
        if upload is None:
            self._send(404, _errors("NotFound", "No such upload destination."))
            return
        digest = base64.b64encode(hashlib.md5(data).digest()).decode()
        if digest != upload["md5"]:
            self._send(400, _errors("InvalidInput", "The content does not match contentMD5."))
            return
        upload["data"] = data
        self._send(200)

    # Login with Amazon
    def _token(self) -> None:
        sim = self.sim
        form = {k: v[-1] for k, v in parse_qs(self._body().decode()).items()}
        sim.token_requests += 1
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            self._send(401, {"error": "invalid_client", "error_description": "Client authentication failed"})
            return
        grant = form.get("grant_type")
        if grant == "authorization_code":
            refresh = sim.auth_codes.pop(form.get("code", ""), None)
        elif grant == "refresh_token":
            refresh = form.get("refresh_token")
        else:
            self._send(400, {"error": "unsupported_grant_type", "error_description": "Unknown grant_type"})
            return
        seller = sim.refresh_tokens.get(refresh or "")
        if seller is None:
            self._send(
                400,
                {
                    "error": "invalid_grant",
                    "error_description": "The request has an invalid grant parameter : " + str(grant),
                },
            )
            return
        token = "Atza|" + uuid.uuid4().hex
        with sim.lock:
            sim.access_tokens[token] = (seller, time.time() + 3600)
        answer = {"access_token": token, "token_type": "bearer", "expires_in": 3600}
        if grant == "authorization_code":
            answer["refresh_token"] = refresh
        self._send(200, answer)

    # The Selling Partner API
    def _api(self, method: str) -> None:
        sim = self.sim
        url = urlsplit(self.path)
        raw = self._body()
        found = sim.route(method, url.path)
        if found is None:
            sim.invalid.append(f"{method} {url.path}: no such operation in the models")
            self._send(404, _errors("NotFound", "Resource not found."))
            return
        operation, path_params = found
        token = self.headers.get("x-amz-access-token", "")
        seller, expires = sim.access_tokens.get(token, (None, 0.0))
        if seller is None:
            sim.invalid.append(f"{operation.operation_id}: no valid x-amz-access-token")
            self._send(403, _errors("Unauthorized", "Access to requested resource is denied."))
            return
        fault = sim.take_fault(operation.operation_id, method == "POST")
        if expires < time.time() or fault == "expired":
            self._answer(
                operation,
                seller,
                403,
                _errors(
                    "Unauthorized",
                    "Access to requested resource is denied.",
                    "The access token you provided has expired.",
                ),
            )
            return
        query = parse_qs(url.query, keep_blank_values=True)
        body, problems = _check_body(operation, raw)
        problems = _check_query(operation, query) + problems
        if problems:
            sim.invalid.extend(f"{operation.operation_id}: {p}" for p in problems)
            self._answer(operation, seller, 400, _errors("InvalidInput", "; ".join(problems)))
            return
        if not sim.within_plan(seller, operation) or fault == "429":
            self._answer(
                operation,
                seller,
                429,
                _errors("QuotaExceeded", "You exceeded your quota for the requested resource."),
            )
            return
        if fault == "500":
            self._answer(
                operation,
                seller,
                500,
                _errors("InternalFailure", "We encountered an internal error. Please try again."),
            )
            return
        if fault == "400":
            self._answer(
                operation,
                seller,
                400,
                _errors("InvalidInput", "The message contains content that is not allowed."),
            )
            return
        params = {k: v[-1] for k, v in query.items()}
        status, data = _OPERATIONS[operation.operation_id](sim, seller, path_params, params, body, self)
        if fault == "timeout":
            # Done, but the answer arrives after the client stopped waiting.
            time.sleep(sim.timeout_seconds)
        self._answer(operation, seller, status, data)

    def _answer(self, operation: sp_api.Operation, seller: str, status: int, data: Any) -> None:
        self.sim.calls.append((time.monotonic(), operation.operation_id, seller, status))
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._send(status, data, {"x-amzn-RateLimit-Limit": self.sim.rate_for(operation)})


# --- Operations ------------------------------------------------------------------------------------

_page_tokens = itertools.count(1)


def _order_for(sim: Simulator, seller: str, order_id: str) -> SimOrder | None:
    order = sim.orders.get(order_id)
    return order if order and order.seller == seller else None


def _participations(sim, seller, path, query, body, handler):
    names = {"A1PA6795UKMFR9": ("Amazon.de", "DE", "EUR", "de_DE", "www.amazon.de"),
             "A1F83G8C2ARO7P": ("Amazon.co.uk", "GB", "GBP", "en_GB", "www.amazon.co.uk"),
             "ATVPDKIKX0DER": ("Amazon.com", "US", "USD", "en_US", "www.amazon.com"),
             "A13V1IB3VIYZZH": ("Amazon.fr", "FR", "EUR", "fr_FR", "www.amazon.fr")}  # fmt: skip
    payload = []
    for marketplace_id in sim.marketplaces.get(seller, []):
        name, country, currency, language, domain = names.get(
            marketplace_id, (marketplace_id, "US", "USD", "en_US", "www.amazon.com")
        )
        payload.append(
            {
                "marketplace": {
                    "id": marketplace_id,
                    "name": name,
                    "countryCode": country,
                    "defaultCurrencyCode": currency,
                    "defaultLanguageCode": language,
                    "domainName": domain,
                },
                "participation": {"isParticipating": True, "hasSuspendedListings": False},
            }
        )
    return 200, {"payload": payload}


def _search_orders(sim, seller, path, query, body, handler):
    if ("createdAfter" in query) == ("lastUpdatedAfter" in query):
        sim.invalid.append("searchOrders: exactly one of createdAfter and lastUpdatedAfter")
        return 400, _errors("InvalidInput", "Exactly one of createdAfter and lastUpdatedAfter is required.")
    by_created = "createdAfter" in query
    after = parse_iso(query["createdAfter" if by_created else "lastUpdatedAfter"])
    before_raw = query.get("createdBefore" if by_created else "lastUpdatedBefore")
    before = parse_iso(before_raw) if before_raw else datetime.now(UTC) - timedelta(minutes=2)
    marketplaces = set(query["marketplaceIds"].split(",")) if "marketplaceIds" in query else None
    size = int(query.get("maxResultsPerPage", "100"))
    if not 1 <= size <= 100:
        return 400, _errors("InvalidInput", "maxResultsPerPage must be between 1 and 100.")
    included = set(query.get("includedData", "").split(",")) - {""}
    start = int(query.get("paginationToken", "0") or 0)

    def moment(order: SimOrder) -> datetime:
        return order.created if by_created else order.updated

    with sim.lock:
        matching = sorted(
            (
                o
                for o in sim.orders.values()
                if o.seller == seller
                and after <= moment(o) <= before
                and (marketplaces is None or o.data["salesChannel"]["marketplaceId"] in marketplaces)
            ),
            key=lambda o: (moment(o), o.data["orderId"]),
        )
    page = matching[start : start + size]
    orders = []
    for order in page:
        data = dict(order.data)
        if "FULFILLMENT" not in included:
            data.pop("fulfillment", None)
        if "PACKAGES" not in included:
            data.pop("packages", None)
        orders.append(data)
    answer: dict[str, Any] = {"orders": orders}
    answer["createdBefore" if by_created else "lastUpdatedBefore"] = iso(before)
    if start + size < len(matching):
        answer["pagination"] = {"nextToken": str(start + size)}
    return 200, answer


def _get_order(sim, seller, path, query, body, handler):
    order = _order_for(sim, seller, path["orderId"])
    if order is None:
        return 404, _errors("NotFound", "The order was not found.")
    return 200, {"order": order.data}


def _messaging_actions(sim, seller, path, query, body, handler):
    order = _order_for(sim, seller, path["amazonOrderId"])
    if order is None:
        return 404, _errors("NotFound", "The order was not found.")
    base = f"/messaging/v1/orders/{path['amazonOrderId']}"
    suffix = f"?marketplaceIds={query['marketplaceIds']}"
    actions = [{"href": f"{base}/messages/{a}{suffix}", "name": a} for a in sorted(order.actions)]
    return 200, {
        "_links": {"self": {"href": base + suffix}, "actions": actions},
        "_embedded": {
            "actions": [
                {
                    "_links": {
                        "self": a,
                        "schema": {"href": a["href"].split("?")[0] + "/schema", "name": a["name"]},
                    }
                }
                for a in actions
            ]
        },
    }


def _solicitation_actions(sim, seller, path, query, body, handler):
    order = _order_for(sim, seller, path["amazonOrderId"])
    if order is None:
        return 404, _errors("NotFound", "The order was not found.")
    base = f"/solicitations/v1/orders/{path['amazonOrderId']}"
    suffix = f"?marketplaceIds={query['marketplaceIds']}"
    actions = (
        [{"href": f"{base}/solicitations/{SOLICITATION_ACTION}{suffix}", "name": SOLICITATION_ACTION}]
        if order.solicitation
        else []
    )
    return 200, {
        "_links": {"self": {"href": base + suffix}, "actions": actions},
        "_embedded": {"actions": []},
    }


def _attributes(sim, seller, path, query, body, handler):
    order = _order_for(sim, seller, path["amazonOrderId"])
    if order is None:
        return 404, _errors("NotFound", "The order was not found.")
    return 200, {"buyer": {"locale": order.locale}}


def _send_message(action: str):
    def handle(sim, seller, path, query, body, handler):
        order = _order_for(sim, seller, path["amazonOrderId"])
        if order is None:
            return 404, _errors("NotFound", "The order was not found.")
        if action not in order.actions:
            return 400, _errors("InvalidInput", "This message type is not available for this order.")
        resource = f"messaging/v1/orders/{path['amazonOrderId']}/messages/{action}"
        for attachment in (body or {}).get("attachments", []):
            upload = sim.uploads.get(attachment["uploadDestinationId"])
            if not upload or upload["data"] is None or upload["resource"] != resource:
                return 400, _errors("InvalidInput", "An attachment was not uploaded for this message.")
        with sim.lock:
            sim.received.append(
                {"operation": action, "order_id": path["amazonOrderId"], "body": body, "seller": seller}
            )
        return 201, {}

    return handle


def _solicit(sim, seller, path, query, body, handler):
    order = _order_for(sim, seller, path["amazonOrderId"])
    if order is None:
        return 404, _errors("NotFound", "The order was not found.")
    if not order.solicitation:
        return 403, _errors("Unauthorized", "A solicitation is not available for this order.")
    with sim.lock:
        order.solicitation = False  # Amazon takes one request per order
        sim.received.append(
            {
                "operation": SOLICITATION_ACTION,
                "order_id": path["amazonOrderId"],
                "body": None,
                "seller": seller,
            }
        )
    return 201, {}


def _upload_destination(sim, seller, path, query, body, handler):
    resource = path["resource"].lstrip("/")
    if not re.fullmatch(r"messaging/v1/orders/\d{3}-\d{7}-\d{7}/messages/\w+", resource):
        return 400, _errors("InvalidInput", "The resource is not a messaging operation.")
    destination = "amzn1.tortuga.4." + uuid.uuid4().hex
    with sim.lock:
        sim.uploads[destination] = {"resource": resource, "md5": query["contentMD5"], "data": None}
    host = handler.headers.get("Host", "127.0.0.1")
    return 201, {
        "payload": {
            "uploadDestinationId": destination,
            "url": f"http://{host}/upload/{destination}",
            "headers": {"Content-Type": query.get("contentType", "application/octet-stream")},
        }
    }


_OPERATIONS = {
    "getMarketplaceParticipations": _participations,
    "searchOrders": _search_orders,
    "getOrder": _get_order,
    "getMessagingActionsForOrder": _messaging_actions,
    "getSolicitationActionsForOrder": _solicitation_actions,
    "GetAttributes": _attributes,
    "createProductReviewAndSellerFeedbackSolicitation": _solicit,
    "createUploadDestinationForResource": _upload_destination,
    **{
        op.operation_id: _send_message(op.path.rsplit("/", 1)[-1])
        for op in sp_api.operations().values()
        if op.path.startswith("/messaging/v1/orders/{amazonOrderId}/messages/")
    },
}
