"""Remember each seller's interface language (English or 简体中文) across log-ins and devices.

Django's LocaleMiddleware picks the language from the language cookie, else from the browser's
Accept-Language (a first visit). This middleware adds the per-user memory on top:

- switching the language with the header's switcher while logged in stores the choice on the user;
- at log-in, a choice made in this browser (the cookie) is stored; without one, the stored choice
  is applied and written to the cookie;
- while logged in, the stored choice wins over a stale cookie.

Only the interface changes: drafts, templates and checks never depend on it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation


def _supported(code: str | None) -> str | None:
    codes = {code for code, _name in settings.LANGUAGES}
    return code if code in codes else None


def _set_cookie(response: HttpResponse, code: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class InterfaceLanguageMiddleware:
    """Apply and store the logged-in user's interface language (after AuthenticationMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        was_anonymous = not (user and user.is_authenticated)
        stored = None if was_anonymous else _supported(user.interface_language)
        if stored and stored != translation.get_language():
            translation.activate(stored)
            request.LANGUAGE_CODE = stored
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if not (user and user.is_authenticated):
            return response
        cookie = _supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
        switched = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
        if switched is not None and request.method == "POST" and request.path == reverse("set_language"):
            chosen = _supported(switched.value)
            if chosen:
                user.remember_interface_language(chosen)
        elif was_anonymous and cookie:
            # Just logged in: the language picked in this browser (on the log-in page) is the
            # latest choice, so it becomes the user's.
            user.remember_interface_language(cookie)
        elif _supported(user.interface_language) and cookie != user.interface_language:
            # Keep the cookie in step, so the log-in page after a log-out speaks the same language.
            _set_cookie(response, user.interface_language)
        return response
