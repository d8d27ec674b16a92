"""How a request wants its answer: one place for the content negotiation every view uses."""

from __future__ import annotations

from django.http import HttpRequest

# What our views can answer with, the page first: a browser's "*/*" gets HTML.
ANSWER_TYPES = ["text/html", "application/json"]


def wants_json(request: HttpRequest) -> bool:
    """Tell whether the client (the editor's scripts) prefers JSON to an HTML page."""
    return request.get_preferred_type(ANSWER_TYPES) == "application/json"
