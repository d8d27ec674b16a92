"""Error pages that must work even when the database does not."""

from __future__ import annotations

import sys

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string

from ..middleware import database_unavailable_response, is_database_unavailable


def server_error(request: HttpRequest) -> HttpResponse:
    """Answer 503 when the failure was the database (for example in a middleware), else 500."""
    if is_database_unavailable(sys.exc_info()[1]):
        return database_unavailable_response(request)
    # No request context: the context processors could fail the same way the request did.
    return HttpResponseServerError(render_to_string("500.html"))


def locked_out(request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None):
    """Tell a seller locked out by django-axes why, for how long, and whom to ask."""
    from axes.helpers import get_cool_off, get_failure_limit
    from django.shortcuts import render

    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(request, "registration/locked_out.html", context, status=429)
