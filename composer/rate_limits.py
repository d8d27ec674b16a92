"""Per-user limits on the endpoints the editor calls while the seller types.

The counters live in the shared cache (Redis in production) through django-ratelimit, so every
app server counts the same requests. A Redis that is away lets requests through (a cache miss
must not stop the live check). The limits (``settings.RATE_LIMITS``) are above anything typing
can send: the editor checks only after a pause of 100 ms, one check at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from .http import wants_json


def rate_limited_response(request: HttpRequest, seconds: int) -> HttpResponse:
    """Answer 429 with when to try again, as JSON for scripts and as a short message otherwise."""
    message = _("Too many requests in a short time. Wait %(seconds)s seconds; nothing was lost.") % {
        "seconds": seconds
    }
    if wants_json(request):
        response = JsonResponse({"errors": {"__all__": [{"message": message}]}, "retry": True}, status=429)
    else:
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(seconds)
    return response


def per_user_limit(group: str) -> Callable:
    """Limit a logged-in user's POSTs to the view to ``settings.RATE_LIMITS[group]``."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST":
                usage = get_usage(
                    request,
                    group=group,
                    key="user_or_ip",
                    rate=settings.RATE_LIMITS[group],
                    method="POST",
                    increment=True,
                )
                if usage is not None and usage["should_limit"]:
                    return rate_limited_response(request, max(1, usage["time_left"]))
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
