"""Template filters that show the guideline engine's texts in the interface language.

``{% load guideline_text %}`` then ``{{ finding|finding_message }}``, ``{{ finding|finding_suggestion }}``,
``{{ rule.docs.why|rule_doc }}``, ``{{ rule.category|category_label }}``. The finding itself (as
checked and stored) is never changed; only what the seller reads is translated.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext

from .. import guideline_text

register = template.Library()


@register.filter
def finding_message(finding: Any) -> str:
    """Return a finding's message in the interface language."""
    return guideline_text.finding_text(finding, "message")


@register.filter
def finding_suggestion(finding: Any) -> str:
    """Return a finding's suggestion in the interface language."""
    return guideline_text.finding_text(finding, "suggestion")


@register.filter
def finding_fix_label(finding: Any) -> str:
    """Return what a finding's fix does ("Remove link"), in the interface language."""
    return guideline_text.finding_text(finding, "fix_label")


@register.filter
def rule_doc(text: Any) -> str:
    """Return a rule's text (its message, a docs section, a guideline's title) in the interface language."""
    return guideline_text.render(text)


@register.filter
def category_label(category: str) -> str:
    return guideline_text.category_label(category)


@register.filter
def message_type_label(key: str) -> str:
    return guideline_text.message_type_label(key)


@register.filter
def severity_label(severity: str) -> str:
    """Return "Error", "Warning" or "Note" in the interface language."""
    labels = {"error": gettext("Error"), "warning": gettext("Warning"), "info": gettext("Note")}
    return labels.get(severity, severity)


@register.filter
def rule_anchor(rule_id: str) -> str:
    """Return the Guidelines page anchor of a rule: its name, such as ``external-link``."""
    return guideline_text.rule_guideline(rule_id)[0]


@register.filter
def guideline_title(rule_id: str) -> str:
    """Return the name of the guideline a rule enforces, in the interface language."""
    return guideline_text.rule_guideline(rule_id)[1]
