"""Access helpers: other people's objects give 404, the wrong role 403."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from ..models import Draft, Order, User


def get_draft_for_user(request: HttpRequest, pk: int) -> Draft:
    """Return a draft the user may see, or raise 404 (never reveal that it exists)."""
    # Not the author: every live check comes through here, and few pages show the author's name.
    queryset = Draft.objects.visible_to(request.user).select_related("order", "order__team")
    return get_object_or_404(queryset, pk=pk)


def get_draft_to_check(request: HttpRequest, pk: int) -> Draft:
    """Return what a live check reads of a draft the user may see (404 otherwise)."""
    queryset = Draft.objects.visible_to(request.user).select_related("order__team")
    return get_object_or_404(queryset.only(*Draft.CHECKED_FIELDS), pk=pk)


def get_order_for_user(request: HttpRequest, pk: int) -> Order:
    return get_object_or_404(Order.objects.visible_to(request.user).select_related("team"), pk=pk)


def role_required(*roles: str) -> Callable:
    """Allow only users with one of ``roles`` (admins always pass); others get 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            user: User = request.user
            if not (user.is_admin_role or user.role in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
