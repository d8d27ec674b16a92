"""Show what the guideline engine says in the seller's interface language.

The engine (``guidelines``, no Django) returns every text as a message id with parameters
(``guidelines.i18n.Text``), and a stored finding keeps them as ``message_text`` and
``suggestion_text``. Here they are rendered through Django's catalogue; the findings, the draft
and the checks never change with the interface language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext, ngettext

import guidelines
from guidelines.i18n import Text


def render(text: Any) -> str:
    """Return an engine text (a ``Text``, its stored dict, or plain English) in the interface language."""
    if isinstance(text, Mapping):
        text = Text.from_dict(text)
    if isinstance(text, Text):
        return text.render(gettext, ngettext)
    # A backend's own words (LanguageTool) or an old stored finding: its exact msgid, if any.
    return gettext(text) if text else ""


def _get(finding: Any, name: str) -> Any:
    return finding.get(name) if isinstance(finding, Mapping) else getattr(finding, name, None)


def finding_text(finding: Any, name: str) -> str:
    """Return a finding's ``message`` or ``suggestion`` in the interface language."""
    stored = _get(finding, f"{name}_text")
    return render(stored if stored else _get(finding, name))


def category_label(category: str) -> str:
    """Return the seller-facing name of a finding category."""
    name = guidelines.CATEGORY_NAMES.get(category)
    return render(name) if name is not None else category


def message_type_label(key: str) -> str:
    """Return a message type's name in the interface language."""
    try:
        return render(guidelines.get_message_type(key).label)
    except (KeyError, ValueError):
        return key


def rule_guideline(rule_id: str) -> tuple[str, str]:
    """Return the Guidelines page anchor of a rule (its name) and the title of the guideline it enforces."""
    try:
        rule = guidelines.get_rule(rule_id)
    except KeyError:
        return "", ""
    return rule.name, render(rule.guidelines[0].title)
