"""Answers to a write that started from an older version: 409 with both texts, nothing stored."""

from __future__ import annotations

import hashlib

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from ..http import wants_json
from ..models import VersionConflict


def editing_session(request: HttpRequest) -> str:
    """Return a digest of the log-in session: revisions name it, never the session key itself."""
    key = request.session.session_key or ""
    return hashlib.sha256(key.encode()).hexdigest() if key else ""


def conflict_response(
    request: HttpRequest, conflict: VersionConflict, *, body: str, subject: str
) -> HttpResponse:
    """Answer 409 with the text sent (``mine``) and the text stored now (``theirs``)."""
    current = conflict.current
    if wants_json(request):
        return JsonResponse(
            {
                "conflict": True,
                "version": current.version,
                "body": current.body,
                "subject": current.subject,
                "format": current.format,
                "base_version": conflict.base_version,
                "mine": {"body": body, "subject": subject},
            },
            status=409,
        )
    context = {"draft": current, "mine": body, "theirs": current.body}
    return render(request, "composer/conflict.html", context, status=409)
