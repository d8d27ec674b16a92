"""What a spelling or grammar backend reports, before it becomes a Finding."""

from __future__ import annotations

from dataclasses import dataclass, field

# The spelling and grammar issues kept per text, in text order: no one reads more, and a flood
# of one word ("review review …", "you. you. …") stays within the worst-case budget.
MAX_ISSUES = 256


@dataclass(frozen=True)
class Issue:
    """One spelling or grammar problem at a span of the checked text."""

    start: int
    end: int
    kind: str  # "spelling" or "grammar"
    message: str
    replacements: tuple[str, ...] = ()
    # The backend's own rule id, e.g. LanguageTool's "MORFOLOGIK_RULE_EN_US" or "EN_REPLY_ME_BACK".
    rule_id: str | None = None
    # Which text the span points into: "body" or "subject".
    field: str = "body"
    # A severity other than the rule's ("info" for a likely product term), or None.
    severity: str | None = None
    # The one replacement that is clearly right (offered as "Fix"), or None: then the
    # replacements are choices ("Use …"). Set by the service (see ``suggestions.choose``).
    fix: str | None = None


@dataclass
class Notice:
    """Something the seller should know about the check itself (a backend is missing or down)."""

    message: str
    backend: str


@dataclass
class WritingResult:
    """Everything the spelling and grammar check found in one text."""

    issues: list[Issue] = field(default_factory=list)
    checked_by: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


class BackendUnavailable(Exception):
    """The backend cannot check this text (library, dictionary or server missing).

    Its argument is the notice for the seller, a message id (``guidelines.i18n._``).
    """

    @property
    def notice(self) -> str:
        """Return the notice as given (a translatable text), not a copy flattened to English."""
        return self.args[0] if self.args else str(self)
