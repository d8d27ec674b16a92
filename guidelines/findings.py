"""Findings and reports: what the engine tells the seller about a draft."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

SEVERITIES = ("error", "warning", "info")

# The fixed, public vocabulary of finding categories (shared/reference/categories.md).
CATEGORIES = frozenset(
    {
        "order_id",
        "language",
        "timing",
        "repeated_request",
        "message_type",
        "order_confirmation",
        "thank_you_only",
        "promotion",
        "incentive",
        "review_manipulation",
        "review_removal",
        "review_instructions",
        "cancellation_request",
        "link",
        "insecure_url",
        "opt_out",
        "contact_info",
        "attachment",
        "image",
        "emoji",
        "line_breaks",
        "formatting",
        "sensitive",
        "spelling",
        "grammar",
        "accessibility",
        "length",
        "html_in_text",
        "subject",
    }
)


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in a draft, marked at a span of the exact text the seller edits.

    ``start``/``end`` are character offsets (Python ``str`` indices) into the text.
    ``field`` says which text the span points into: ``"body"`` or ``"subject"``.
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

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form used by the CLI and the site."""
        # Built field by field: dataclasses.asdict deep-copies and is slow on the live-check path.
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["replacements"] = list(self.replacements)
        return data


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
