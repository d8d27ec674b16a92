"""Findings and reports: what the engine tells the seller about a draft."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

from .i18n import Text, _

SEVERITIES = ("error", "warning", "info")

# The fixed, public vocabulary of finding categories (shared/reference/categories.md), named
# for sellers.
CATEGORY_NAMES: dict[str, Text] = {
    "order_id": _("Order ID"),
    "language": _("Language"),
    "timing": _("Timing"),
    "repeated_request": _("Repeated request"),
    "message_type": _("Message type"),
    "order_confirmation": _("Order confirmation"),
    "thank_you_only": _("Thank-you-only message"),
    "promotion": _("Promotion"),
    "incentive": _("Incentive"),
    "review_manipulation": _("Review manipulation"),
    "review_removal": _("Review removal"),
    "review_instructions": _("Review instructions"),
    "cancellation_request": _("Cancellation request"),
    "link": _("Link"),
    "insecure_url": _("Insecure link"),
    "opt_out": _("Unsubscribe link"),
    "contact_info": _("Contact details"),
    "attachment": _("Attachment"),
    "image": _("Image"),
    "emoji": _("Emoji"),
    "line_breaks": _("Line breaks"),
    "formatting": _("Formatting"),
    "sensitive": _("Sensitive"),
    "spelling": _("Spelling"),
    "grammar": _("Grammar"),
    "accessibility": _("Accessibility"),
    "length": _("Length"),
    "html_in_text": _("HTML in plain text"),
    "subject": _("Subject"),
}
CATEGORIES = frozenset(CATEGORY_NAMES)


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in a draft, marked at a span of the exact text the seller edits.

    ``start``/``end`` are character offsets (Python ``str`` indices) into the text.
    ``field`` says which text the span points into: ``"body"`` or ``"subject"``.
    ``message`` and ``suggestion`` read as English; when they are :class:`~guidelines.i18n.Text`
    (every rule's are) they also carry the message id and parameters the site translates.
    """

    start: int
    end: int
    rule: str
    category: str
    severity: str
    message: str
    suggestion: str | None = None
    source: str = ""
    # The exact replacement for the span when the fix is unambiguous ("" deletes it).
    fix: str | None = None
    # More replacement candidates (spelling suggestions), at most five.
    replacements: tuple[str, ...] = ()
    field: str = "body"
    # Backend-specific detail, e.g. the LanguageTool rule id.
    detail: str | None = None
    # The characters ``fix`` replaces when they reach beyond the span (None: the span itself):
    # removing "care@example.com" from "or email me at care@example.com" takes all of it.
    fix_start: int | None = None
    fix_end: int | None = None
    # What the fix does, in words, when the replacement alone does not say it ("Remove link").
    fix_label: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form used by the CLI and the site."""
        # Built field by field: dataclasses.asdict deep-copies and is slow on the live-check path.
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["replacements"] = list(self.replacements)
        for name in ("message", "suggestion", "fix_label"):
            value = data[name]
            data[name] = None if value is None else str(value)
            data[f"{name}_text"] = value.to_dict() if isinstance(value, Text) else None
        return data


def in_order(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Return findings in reading order: the body's by position, then the subject's."""
    return tuple(sorted(findings, key=lambda f: (f.field != "body", f.start, f.end, f.rule)))


@dataclass(frozen=True)
class Report:
    """The findings for one draft, ordered by position, plus notices about the check itself."""

    findings: tuple[Finding, ...] = ()
    # Which spelling/grammar backend checked the text, e.g. "hunspell" or "languagetool".
    checked_by: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """Tell whether the draft may be exported: no error finding remains."""
        return not any(f.severity == "error" for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form: ``{"ok": ..., "findings": [...]}``."""
        return {
            "ok": self.ok,
            "findings": [f.to_dict() for f in self.findings],
            "checked_by": list(self.checked_by),
        }
