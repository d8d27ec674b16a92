"""Call the Selling Partner API for one seller account through Amazon's SDK (``amzn-sp-api``).

The SDK builds each request (path, query, body, the ``x-amz-access-token`` header) from the same
models we keep in ``composer/sp_api_models/``. Around it we add what a shared service needs:
access tokens cached in Redis for every worker until they expire, the per-account pacing of
``ratelimit``, retries where a retry cannot send anything twice, and errors a seller can read.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import re
import time
from dataclasses import dataclass
from typing import Any

import requests
import spapi
import urllib3
from django.conf import settings
from django.utils.translation import gettext as _

from .. import sp_api
from . import ratelimit
from .models import REGION_ENDPOINTS

logger = logging.getLogger(__name__)

# The SDK's API class for each model file; the Orders API is split in two classes.
API_CLASSES = {
    "messaging.json": spapi.MessagingApi,
    "solicitations.json": spapi.SolicitationsApi,
    "uploads_2020-11-01.json": spapi.UploadsApi,
}
ORDERS_CLASSES = {"searchOrders": spapi.SearchOrdersApi, "getOrder": spapi.GetOrderApi}
SELLERS = sp_api.SELLERS
# Retries of calls that cannot have done anything (429, or any failure of a read).
MAX_ATTEMPTS = 6
BACKOFF_BASE = 0.5
BACKOFF_CAP = 30.0


class AmazonError(Exception):
    """Something went wrong talking to Amazon; ``str()`` is for the seller."""

    def __init__(self, message: str, *, status: int | None = None, answer: str = "") -> None:
        super().__init__(message)
        self.status, self.answer = status, answer


class Refused(AmazonError):
    """Amazon answered 4xx: it did not do it, and says why."""


class NotAuthorised(Refused):
    """Login with Amazon refused the refresh token or the authorisation code."""


class Unreachable(AmazonError):
    """Nothing reached Amazon (no connection, or still throttled after every retry)."""


class OutcomeUnknown(AmazonError):
    """The request may have reached Amazon but no clear answer came back (5xx or a timeout)."""


def endpoint_for(region: str) -> str:
    return settings.SPAPI_ENDPOINT or REGION_ENDPOINTS[region]


def _timeout() -> tuple[float, float]:
    return (settings.SPAPI_CONNECT_TIMEOUT, settings.SPAPI_READ_TIMEOUT)


def _lwa(data: dict[str, str]) -> dict[str, Any]:
    """Post to Login with Amazon's token endpoint; raise NotAuthorised or Unreachable."""
    data = {**data, "client_id": settings.SPAPI_CLIENT_ID, "client_secret": settings.SPAPI_CLIENT_SECRET}
    try:
        response = requests.post(settings.LWA_TOKEN_URL, data=data, timeout=_timeout())
    except requests.RequestException as exc:
        raise Unreachable(_("Login with Amazon could not be reached: %(error)s") % {"error": exc}) from exc
    if response.status_code >= 500:
        raise Unreachable(
            _("Login with Amazon answered %(status)d; try again in a minute.")
            % {"status": response.status_code},
            status=response.status_code,
            answer=response.text[:2000],
        )
    try:
        answer = response.json()
    except ValueError:
        answer = {}
    if response.status_code != 200 or "access_token" not in answer:
        reason = answer.get("error_description") or answer.get("error") or response.text[:200]
        raise NotAuthorised(
            _("Login with Amazon refused the token: %(reason)s") % {"reason": reason},
            status=response.status_code,
            answer=response.text[:2000],
        )
    return answer


def exchange_authorisation_code(code: str) -> str:
    """Trade the code Seller Central's consent page gave for the seller's refresh token."""
    answer = _lwa({"grant_type": "authorization_code", "code": code})
    if not answer.get("refresh_token"):
        raise NotAuthorised(_("Login with Amazon gave no refresh token for this code."))
    return answer["refresh_token"]


class AccessTokens:
    """Give the SDK an access token, cached in Redis for every worker until shortly before it expires."""

    # Amazon's tokens live an hour; one that expires within this margin is not handed out.
    MARGIN = 60

    def __init__(self, refresh_token: str) -> None:
        self.refresh_token = refresh_token
        digest = hashlib.sha256(f"{settings.SPAPI_CLIENT_ID}:{refresh_token}".encode()).hexdigest()
        self.key = f"spapi:access-token:{digest}"

    def get_lwa_access_token(self) -> str:
        cached = ratelimit.connection().get(self.key)
        if cached:
            return cached.decode()
        answer = _lwa({"grant_type": "refresh_token", "refresh_token": self.refresh_token})
        lifetime = int(answer.get("expires_in", 3600)) - self.MARGIN
        if lifetime > 0:
            ratelimit.connection().set(self.key, answer["access_token"], ex=lifetime)
        return answer["access_token"]

    def forget(self) -> None:
        """Drop a token Amazon called expired, so the next call fetches a new one."""
        ratelimit.connection().delete(self.key)


@dataclass
class Answer:
    """What Amazon answered a successful call: the status, the parsed body and the raw text."""

    status: int
    data: dict[str, Any]
    text: str


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def amazon_error_message(body: str) -> str:
    """Return Amazon's own words from an error body (``errors[].message`` and ``details``)."""
    try:
        errors = json.loads(body).get("errors") or []
    except (ValueError, AttributeError):
        return body[:300]
    parts = []
    for error in errors:
        text = " ".join(p for p in (error.get("message", ""), error.get("details", "")) if p).strip()
        parts.append(f"{text} ({error['code']})" if error.get("code") else text)
    return "; ".join(p for p in parts if p) or body[:300]


class SellingPartner:
    """One seller account's view of the Selling Partner API."""

    def __init__(self, *, refresh_token: str, region: str, seller: str, sleep=time.sleep) -> None:
        self.tokens = AccessTokens(refresh_token)
        self.seller = seller or hashlib.sha256(refresh_token.encode()).hexdigest()[:16]
        self.sleep = sleep
        configuration = spapi.Configuration()
        configuration.host = endpoint_for(region)
        configuration.access_token_cache = self.tokens
        # The Uploads API's resource is a path of its own ("messaging/v1/orders/…"): keep its slashes.
        configuration.safe_chars_for_path_param = "/"
        self._configuration = configuration
        self._client: spapi.ApiClient | None = None

    @classmethod
    def for_account(cls, account, **kwargs) -> SellingPartner:
        return cls(
            refresh_token=account.refresh_token,
            region=account.region,
            seller=account.selling_partner_id,
            **kwargs,
        )

    @property
    def client(self) -> spapi.ApiClient:
        if self._client is None:
            # The SDK fetches a token as it is built: that may fail like any call.
            self._client = spapi.ApiClient(self._configuration)
        return self._client

    def _operation(self, operation_id: str) -> sp_api.Operation:
        if operation_id == SELLERS.operation_id:
            return SELLERS
        return sp_api.operations()[operation_id]

    def _method(self, operation: sp_api.Operation):
        if operation.model == SELLERS.model:
            api = spapi.SellersApi(self.client)
        elif operation.operation_id in ORDERS_CLASSES:
            api = ORDERS_CLASSES[operation.operation_id](self.client)
        else:
            api = API_CLASSES[operation.model](self.client)
        return getattr(api, _snake(operation.operation_id))

    def call(
        self,
        operation_id: str,
        *,
        max_wait: float | None = None,
        slot: float | None = None,
        **params: Any,
    ) -> Answer:
        """Call one operation with the model's parameter names in snake case; return Amazon's answer.

        A 429 is retried with exponential backoff (Amazon did nothing), at least the interval
        ``x-amzn-RateLimit-Limit`` names, and so is any failure of a read. A write that fails
        with a 5xx or a timeout raises OutcomeUnknown at once: it may have happened, so it is
        never repeated here.

        ``max_wait`` (a task on a worker) bounds how long this call may hold the worker waiting
        for the account's rate limit or a backoff: a longer wait raises ratelimit.Deferred, and
        the task comes back later with the ``slot`` it reserved.
        """
        operation = self._operation(operation_id)
        is_read = operation.method == "GET"
        token_renewed = False
        for attempt in range(MAX_ATTEMPTS):
            # A reserved slot is good for one call (a retry, or a slot too old, takes a new one).
            reserved, slot = slot, None
            if reserved is None or not ratelimit.wait_for_slot(reserved, sleep=self.sleep):
                ratelimit.take(
                    self.seller,
                    operation_id,
                    rate=operation.rate,
                    burst=operation.burst,
                    sleep=self.sleep,
                    max_wait=max_wait,
                )
            try:
                method = self._method(operation)
                response = method(**params, _preload_content=False, _request_timeout=_timeout())
            except spapi.ApiException as exc:
                status = exc.status or 0
                body = (
                    exc.body.decode("utf-8", "replace")
                    if isinstance(exc.body, bytes)
                    else str(exc.body or "")
                )
                headers = exc.headers or {}
                ratelimit.observe_rate(self.seller, operation_id, headers.get("x-amzn-RateLimit-Limit"))
                if status == 403 and not token_renewed:
                    # Amazon refused the request unread (the token expired, or was revoked with an
                    # earlier authorisation): fetch a new token and ask once more.
                    self.tokens.forget()
                    self._client = None
                    token_renewed = True
                    continue
                if status == 429 or (is_read and status >= 500):
                    # After a 429 the next token comes at the plan's rate; a 500 only backs off.
                    self._back_off(
                        attempt,
                        headers.get("x-amzn-RateLimit-Limit") if status == 429 else None,
                        max_wait=max_wait,
                    )
                    continue
                if status >= 500 or status == 0:
                    raise OutcomeUnknown(
                        _("Amazon answered %(status)d and did not say whether it was done.")
                        % {"status": status},
                        status=status,
                        answer=body[:4000],
                    ) from exc
                raise Refused(amazon_error_message(body), status=status, answer=body[:4000]) from exc
            except (urllib3.exceptions.NewConnectionError, urllib3.exceptions.ConnectTimeoutError) as exc:
                # The connection was never made: nothing was sent.
                if attempt < MAX_ATTEMPTS - 1:
                    self._back_off(attempt, None, max_wait=max_wait)
                    continue
                raise Unreachable(_("Amazon could not be reached: %(error)s") % {"error": exc}) from exc
            except urllib3.exceptions.HTTPError as exc:
                if is_read and attempt < MAX_ATTEMPTS - 1:
                    self._back_off(attempt, None, max_wait=max_wait)
                    continue
                raise OutcomeUnknown(
                    _("No answer came from Amazon (%(error)s).") % {"error": type(exc).__name__}
                ) from exc
            text = response.data.decode("utf-8", "replace")
            ratelimit.observe_rate(self.seller, operation_id, response.headers.get("x-amzn-RateLimit-Limit"))
            return Answer(status=response.status, data=json.loads(text) if text.strip() else {}, text=text)
        raise Unreachable(_("Amazon is busy (too many requests); try again in a few minutes."), status=429)

    def _back_off(self, attempt: int, rate_header: str | None, *, max_wait: float | None = None) -> None:
        delay = min(BACKOFF_CAP, BACKOFF_BASE * 2**attempt) * random.uniform(0.5, 1.0)
        try:
            rate = float(rate_header) if rate_header else 0.0
        except ValueError:
            rate = 0.0
        if rate > 0:
            delay = max(delay, 1 / rate)
        if max_wait is not None and delay > max_wait:
            # Nothing was done (a 429, or a read): the task comes back instead of holding a worker.
            raise ratelimit.Deferred(delay, throttled=True)
        self.sleep(delay)
