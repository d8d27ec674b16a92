"""Translate what the guideline engine says into the seller's interface language.

The engine (``guidelines``) is pure Python and speaks English. Every static string it can show a
seller is listed in the generated ``composer.rule_strings`` (``manage.py rule_strings``), so
``makemessages`` extracts it and translators see it. Here those strings are translated at render
time; the stored findings, the draft and the checks themselves never change with the interface
language.

A finding's message is translated in three steps:

1. an exact msgid (the rule's own message, or a fixed message a rule yields);
2. a pattern: a message built from an f-string in a rule ("The message has 2,345 characters; …")
   is matched against its template ("The message has {count} characters; …"), the template is
   translated and the values put back (values that are themselves msgids, such as "German", are
   translated too);
3. otherwise the rule's translated static message, followed by the English detail in brackets,
   so a Chinese seller always reads what the rule is about and still sees the specifics.
"""

from __future__ import annotations

import re
from functools import cache

from django.utils.translation import get_language, gettext, gettext_noop

import guidelines

from . import rule_strings

_PLACEHOLDER = re.compile(r"\{(\w+)\}")

# Plain English words the rules put into their messages; translated like any other value.
VALUE_WORDS = (
    gettext_noop("delivery"),
    gettext_noop("purchase"),
    gettext_noop("too early"),
    gettext_noop("too late"),
)


def _is_english() -> bool:
    return (get_language() or "en").split("-")[0] == "en"


def _translated(text: str) -> str | None:
    """Return the translation of an exact msgid, or None when the catalogue has none."""
    translated = gettext(text)
    return translated if translated != text else None


@cache
def _pattern(template: str) -> re.Pattern[str]:
    """Compile a message template ("Link to {host}: …") into a regex capturing its values."""
    parts = _PLACEHOLDER.split(template)
    regex = ""
    seen: set[str] = set()
    for index, part in enumerate(parts):
        if index % 2 == 0:
            regex += re.escape(part)
        elif part in seen:
            regex += f"(?P={part})"
        else:
            seen.add(part)
            regex += f"(?P<{part}>.*?)"
    return re.compile(rf"\A{regex}\Z", re.DOTALL)


def _value(text: str) -> str:
    """Translate a value put into a message when it is itself a known string ("German")."""
    for candidate in (text, text[:1].upper() + text[1:]):
        translated = _translated(candidate)
        if translated is not None:
            return translated
    return text


def _by_pattern(text: str, rule_id: str) -> str | None:
    templates = rule_strings.PATTERNS.get(rule_id, ()) + rule_strings.PATTERNS.get("*", ())
    for template in templates:
        match = _pattern(template).match(text)
        if match is None:
            continue
        values = {name: _value(value) for name, value in match.groupdict().items()}
        return _fill(gettext(template), values)
    return None


def _fill(template: str, values: dict[str, str]) -> str:
    # str.format would choke on a stray brace in a translation; only {name} is replaced.
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def _rule_attribute(rule_id: str, attribute: str) -> str | None:
    try:
        return getattr(guidelines.get_rule(rule_id), attribute)
    except KeyError:
        return None


def translate_message(text: str, rule_id: str, *, attribute: str = "message") -> str:
    """Return a finding's message (or suggestion) in the interface language."""
    if not text or _is_english():
        return text
    exact = _translated(text)
    if exact is not None:
        return exact
    by_pattern = _by_pattern(text, rule_id)
    if by_pattern is not None:
        return by_pattern
    static = _rule_attribute(rule_id, attribute)
    if static and static != text:
        translated_static = _translated(static)
        if translated_static is not None:
            # Translators: a rule's message, then the English detail the engine computed.
            return gettext("%(message)s (%(detail)s)") % {"message": translated_static, "detail": text}
    return text


def translate_doc(text: str) -> str:
    """Return a rule's documentation text in the interface language."""
    if not text or _is_english():
        return text
    return gettext(text)


def category_label(category: str) -> str:
    """Return the seller-facing name of a finding category."""
    return gettext(rule_strings.CATEGORIES.get(category, category))


def message_type_label(key: str) -> str:
    """Return a message type's name in the interface language."""
    try:
        return gettext(guidelines.get_message_type(key).label)
    except (KeyError, ValueError):
        return key
