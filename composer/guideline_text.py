"""Show what the guideline engine says in the seller's interface language.

The engine (``guidelines``, no Django) returns every text as a message id with parameters
(``guidelines.i18n.Text``), and a stored finding keeps them as ``message_text`` and
``suggestion_text``. Here they are rendered through Django's catalogue; the findings, the draft
and the checks never change with the interface language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import get_language, gettext, ngettext

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
    """Return a finding's ``message`` or ``suggestion`` in the interface language.

    A backend's own words (LanguageTool's, Harper's) have no message id: outside English they
    follow the rule's own message, translated, so the seller always reads what the rule is about.
    """
    stored = _get(finding, f"{name}_text")
    if stored:
        return render(stored)
    english = _get(finding, name) or ""
    translated = render(english)
    if translated != english or (get_language() or "en").split("-")[0] == "en":
        return translated
    try:
        declared = getattr(guidelines.get_rule(_get(finding, "rule") or ""), name)
    except KeyError:
        declared = None
    if not declared or declared == english or render(declared) == declared:
        return english
    # Translators: a rule's message, then the words of the spelling or grammar checker in English.
    return gettext("%(message)s (%(detail)s)") % {"message": render(declared), "detail": english}


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
