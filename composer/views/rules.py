"""The rules page: every guideline rule with its docs, one anchor per rule."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

import guidelines


def rule_list(request: HttpRequest) -> HttpResponse:
    return render(request, "composer/rules.html", {"rules": guidelines.all_rules()})
