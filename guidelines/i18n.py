"""Texts a seller reads, as message ids with parameters: translated where they are shown.

The engine never imports Django, so it marks its texts with its own two functions:

- ``_("Link to {host}: …", host=link.host)``: the English text is the message id, and each
  ``{name}`` slot takes a parameter;
- ``ngettext("{count} attachment", "{count} attachments", n, …)``: a text with a plural.

Both are xgettext's default keywords for Python, so ``manage.py makemessages`` extracts every id
with its plural and its ``python-brace-format`` flag (``msgfmt --check`` then refuses a
translation that loses a slot). A rule declaration's literal ``message=``, ``suggestion=`` and
docs strings are read from the registry by the site's ``makemessages`` (see
``composer/management/commands/makemessages.py``), and so are the ``message``/``suggestion``/
``title``/``summary`` strings of the engine's TOML data files.

Each call returns a :class:`Text`: a ``str`` that reads as the English message, so the command
line, JSON and tests see plain English, and that keeps its id and parameters, so the site renders
it again through its own catalogue (:meth:`Text.render`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]


def _english(msgid: str) -> str:
    return msgid


def _english_plural(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


class Text(str):
    """The English text of a message id, carrying the id, its plural and its parameters."""

    msgid: str
    plural: str | None
    count: int | None
    params: dict[str, Any]

    def __new__(
        cls,
        msgid: str,
        plural: str | None = None,
        count: int | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> Text:
        values = dict(params or {})
        self = super().__new__(cls, _render(msgid, plural, count, values, _english, _english_plural))
        self.msgid = str(msgid)
        self.plural = plural
        self.count = count
        self.params = values
        return self

    def __reduce__(self) -> tuple:
        return (Text, (self.msgid, self.plural, self.count, self.params))

    def render(self, gettext: Gettext = _english, ngettext: Ngettext = _english_plural) -> str:
        """Return the text in the language of the given gettext functions (English by default)."""
        translated = _render(self.msgid, self.plural, self.count, self.params, gettext, ngettext)
        return translated

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form the site stores with a finding and renders later."""
        data: dict[str, Any] = {"id": self.msgid}
        if self.plural is not None:
            data["plural"] = self.plural
            data["count"] = self.count
        if self.params:
            data["params"] = {k: v.to_dict() if isinstance(v, Text) else v for k, v in self.params.items()}
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Text:
        """Rebuild a text stored with :meth:`to_dict`."""
        params = {
            k: cls.from_dict(v) if isinstance(v, Mapping) else v
            for k, v in (data.get("params") or {}).items()
        }
        return cls(data["id"], data.get("plural"), data.get("count"), params)


def _render(
    msgid: str,
    plural: str | None,
    count: int | None,
    params: Mapping[str, Any],
    gettext: Gettext,
    ngettext: Ngettext,
) -> str:
    template = ngettext(msgid, plural, count or 0) if plural is not None else gettext(msgid)
    if not params and plural is None:
        return template
    values = {k: v.render(gettext, ngettext) if isinstance(v, Text) else v for k, v in params.items()}
    if count is not None:
        values.setdefault("count", count)
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        # A translation that lost or mangled a slot (msgfmt --check refuses these) falls back.
        english = _english_plural(msgid, plural, count or 0) if plural is not None else msgid
        return english.format(**values)


def _(msgid: str, /, **params: Any) -> Text:
    """Mark a text for translation; ``{name}`` slots are filled from ``params``."""
    return Text(msgid, params=params)


def ngettext(singular: str, plural: str, count: int, /, **params: Any) -> Text:
    """Mark a text with a plural; ``{count}`` and the ``{name}`` slots are filled when shown."""
    return Text(singular, plural, count, params)


def as_text(value: str | None) -> Text | None:
    """Return a declared literal (a rule's message or suggestion) as a text without parameters."""
    if value is None or isinstance(value, Text):
        return value
    return Text(value)
