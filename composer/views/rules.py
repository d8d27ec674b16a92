"""The Guidelines page: a seller's guide to Amazon's messaging rules, by topic, with search."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import guide


def rule_list(request: HttpRequest) -> HttpResponse:
    query = guide.clean_query(request.GET.get("q", ""))
    topics = guide.build_guide(query)
    matches = sum(len(entry.rules) for topic in topics for entry in topic.entries)
    context = {"topics": topics, "query": query, "matches": matches, "max_query": guide.MAX_QUERY_CHARS}
    return render(request, "composer/rules.html", context)
