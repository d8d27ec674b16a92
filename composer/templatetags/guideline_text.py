"""Template filters that show the guideline engine's English texts in the interface language.

``{% load guideline_text %}`` then ``{{ finding|finding_message }}``, ``{{ finding|finding_suggestion }}``,
``{{ rule.docs.why|rule_doc }}``, ``{{ rule.category|category_label }}``. The finding itself (as
checked and stored) is never changed; only what the seller reads is translated.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template
from django.utils.translation import gettext

from .. import rule_text

register = template.Library()


def _get(finding: Any, name: str) -> Any:
    return finding.get(name) if isinstance(finding, Mapping) else getattr(finding, name, None)


@register.filter
def finding_message(finding: Any) -> str:
    """Return a finding's message in the interface language."""
    return rule_text.translate_message(_get(finding, "message") or "", _get(finding, "rule") or "")


@register.filter
def finding_suggestion(finding: Any) -> str:
    """Return a finding's suggestion in the interface language."""
    text = _get(finding, "suggestion") or ""
    return rule_text.translate_message(text, _get(finding, "rule") or "", attribute="suggestion")


@register.filter
def rule_doc(text: str) -> str:
    """Return a rule's documentation text (or message) in the interface language."""
    return rule_text.translate_doc(text or "")


@register.filter
def category_label(category: str) -> str:
    return rule_text.category_label(category)


@register.filter
def message_type_label(key: str) -> str:
    return rule_text.message_type_label(key)


@register.filter
def severity_label(severity: str) -> str:
    """Return "Error", "Warning" or "Note" in the interface language."""
    labels = {"error": gettext("Error"), "warning": gettext("Warning"), "info": gettext("Note")}
    return labels.get(severity, severity)
