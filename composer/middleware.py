"""Request guards: oversized bodies and an unreachable database get clear answers, not tracebacks."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django_htmx.middleware import HtmxDetails

from .http import wants_json

logger = logging.getLogger(__name__)

# How long a client should wait before retrying while the database comes back.
RETRY_AFTER_SECONDS = 5


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body is larger than REQUEST_MAX_BODY_SIZE with 413."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_BODY_SIZE:
            message = _("The request is too large (at most %(mb)d MB).") % {
                "mb": settings.REQUEST_MAX_BODY_SIZE // (1024 * 1024)
            }
            if wants_json(request):
                return JsonResponse({"error": message}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def database_unavailable_response(request: HttpRequest) -> HttpResponse:
    """Answer 503 with a clear message; the editor keeps its local copy and retries.

    Rendered without the request's context processors: they would query the database again.
    """
    message = _(
        "The site cannot reach its database right now. Nothing was lost on your side: "
        "try again in a few seconds."
    )
    if wants_json(request):
        # "errors" has the shape of a form's errors, which the editor already shows next to
        # its save status; "retry" and Retry-After tell it to try the same save again.
        errors = {"__all__": [{"message": message, "code": "unavailable"}]}
        response: HttpResponse = JsonResponse({"error": message, "errors": errors, "retry": True}, status=503)
    elif HtmxDetails(request):
        html = render_to_string("composer/partials/unavailable.html", {"message": message})
        response = HttpResponse(html, status=503)
    else:
        html = render_to_string("503.html", {"message": message})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def is_database_unavailable(exception: BaseException | None) -> bool:
    """Say whether the database could not be reached (not whether a query was wrong).

    PostgreSQL reports a lost or refused connection as OperationalError and a bad query as
    ProgrammingError. SQLite reports both as OperationalError, so there only "locked" counts:
    a missing table is a bug and must stay a 500.
    """
    if not isinstance(exception, OperationalError | InterfaceError):
        return False
    cause = exception.__cause__
    if isinstance(cause, sqlite3.Error):
        return "locked" in str(cause)
    return True


class DatabaseUnavailableMiddleware:
    """Turn a lost database connection in a view into a 503 (see ``server_error`` for the rest)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_unavailable(exception):
            return None
        logger.warning("Database unavailable during %s %s: %s", request.method, request.path, exception)
        return database_unavailable_response(request)


class NoStoreForSignedInMiddleware:
    """Send ``Cache-Control: no-store`` with every answer to a logged-in user.

    Pages carry buyers' names, orders and messages: no browser cache, shared computer or proxy
    may keep a copy after the seller logs out.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
