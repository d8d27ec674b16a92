"""The one adapter between the site and the guideline engine (``guidelines``).

Views never call ``guidelines`` directly: they call ``check_draft`` or ``check_text`` here, so
settings, order context and the shape the templates need are decided in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy

import guidelines
import guidelines.placeholders
import guidelines.spelling

from . import bounds, check_cache
from .models import Draft, Order


def configure_backends() -> None:
    """Pass the site's settings to the engine's spelling backends (LanguageTool URL, timeout)."""
    guidelines.spelling.configure(
        languagetool_url=settings.LANGUAGETOOL_URL or None, languagetool_timeout=settings.LANGUAGETOOL_TIMEOUT
    )


# Findings shown compactly, one line each, below the guideline findings.
WRITING_CATEGORIES = frozenset({"spelling", "grammar"})

# The spelling backends as the editor names them (guidelines.Report.checked_by).
BACKEND_NAMES = {
    "hunspell": gettext_lazy("Hunspell dictionaries"),
    "languagetool": gettext_lazy("LanguageTool"),
    "offline-grammar": gettext_lazy("offline grammar rules"),
    "harper": gettext_lazy("Harper (English grammar)"),
    "grammalecte": gettext_lazy("Grammalecte (French grammar)"),
}


def fix_excerpt(text: str, fix: str | None, start: int | None, end: int | None) -> str:
    """Return the words a fix removes beyond its finding's span ("or email me at …"), or ""."""
    if fix is None or start is None or end is None:
        return ""
    removed = text[start:end]
    # A removal that starts a sentence writes the next word's first letter in capitals.
    if fix and fix.isupper() and removed.endswith(fix.lower()):
        removed = removed[: -len(fix)]
    return removed.strip()


@dataclass(frozen=True)
class CheckResult:
    report: guidelines.Report
    text: str

    @property
    def ok(self) -> bool:
        return self.report.ok

    @property
    def checked_by(self) -> list[str]:
        """Return the names of the spelling backends that read the text, for the editor."""
        return [str(BACKEND_NAMES.get(name, name)) for name in self.report.checked_by]

    @cached_property
    def findings(self) -> list[dict]:
        """Return findings as dicts with the offending text, for templates and JSON storage.

        Cached: a findings fragment reads the list several times, on every live check.
        """
        result = []
        for f in self.report.findings:
            data = f.to_dict()
            data["excerpt"] = self.text[f.start : f.end] if f.field == "body" else ""
            data["fix_excerpt"] = (
                fix_excerpt(self.text, f.fix, f.fix_start, f.fix_end) if f.field == "body" else ""
            )
            result.append(data)
        return result

    def grouped(self) -> list[tuple[str, list[dict]]]:
        """Return the guideline findings grouped by severity, errors first, omitting empty groups.

        Spelling and grammar findings are listed apart (``writing``), below the guidelines.
        """
        findings = [f for f in self.findings if f["category"] not in WRITING_CATEGORIES]
        return [
            (severity, [f for f in findings if f["severity"] == severity])
            for severity in guidelines.findings.SEVERITIES
            if any(f["severity"] == severity for f in findings)
        ]

    @cached_property
    def writing(self) -> list[dict]:
        """Return the spelling and grammar findings, warnings before notes, in text order."""
        found = [f for f in self.findings if f["category"] in WRITING_CATEGORIES]
        order = {severity: i for i, severity in enumerate(guidelines.findings.SEVERITIES)}
        return sorted(found, key=lambda f: (order[f["severity"]], f["field"] != "subject", f["start"]))


def check_text(
    text: str,
    *,
    message_type: str,
    order: Order,
    buyer_locale: str,
    html: bool = False,
    subject: str = "",
    extra_words: frozenset[str] = frozenset(),
    review_requests_sent: int | None = None,
) -> CheckResult:
    """Check a text against the guidelines in the context of its order."""
    order_context = order.check_context(review_requests_sent=review_requests_sent)
    context = {**order_context, "subject": subject or None, "known_words": extra_words}
    # The same text in the same context gives the same findings: a save right after a live check,
    # or re-opening the editor, reuses them (windows count whole days, so the hour is enough).
    inputs = {
        **context,
        "now": context["now"].strftime("%Y-%m-%dT%H"),
        "known_words": sorted(extra_words),
        "text": text,
        "message_type": message_type,
        "buyer_locale": buyer_locale,
        "order_id": order.amazon_order_id,
        "html": html,
    }
    report = check_cache.cached_report(
        inputs,
        lambda: guidelines.check(
            text,
            message_type=message_type,
            buyer_locale=buyer_locale,
            order_id=order.amazon_order_id,
            html=html,
            context=context,
        ),
    )
    return CheckResult(report=report, text=text)


def check_sample(
    text: str,
    *,
    subject: str,
    message_type: str,
    buyer_locale: str,
    sample: dict[str, str],
    shipped: bool,
) -> CheckResult:
    """Check a template rendered with sample data for a recent order, shipped and delivered or not."""
    now = timezone.now()
    context = {
        "now": now,
        "purchase_date": (now - timedelta(days=10 if shipped else 1)).date(),
        "delivery_date": (now - timedelta(days=7)).date() if shipped else None,
        "order_status": Order.Status.SHIPPED if shipped else Order.Status.UNSHIPPED,
        "product_name": sample["product_name"],
        "buyer_name": sample["buyer_name"],
        "store_name": sample["store_name"],
        "subject": subject or None,
    }
    report = guidelines.check(
        text,
        message_type=message_type,
        buyer_locale=buyer_locale,
        order_id=sample["order_id"],
        context=context,
    )
    return CheckResult(report=report, text=text)


# Placeholders a template may use, with what they stand for. The order fills the first five when
# a draft starts; the seller types the others in (Amazon's order data has no access key).
PLACEHOLDERS: dict[str, str] = {
    "order_id": gettext_lazy("The Amazon order ID, e.g. 123-1234567-1234567"),
    "buyer_name": gettext_lazy("The buyer's first name, when Amazon gives one"),
    "product_name": gettext_lazy("The product as named in the order"),
    "store_name": gettext_lazy("Your store name as set for the team"),
    "delivery_date": gettext_lazy("The delivery date, e.g. 2026-11-20"),
    "access_key": gettext_lazy("The digital access key: the seller types it in before sending"),
    "answer": gettext_lazy("The answer to the buyer's question: the seller writes it in the draft"),
}


def check_draft(
    draft: Draft,
    *,
    body: str | None = None,
    subject: str | None = None,
    message_format: str | None = None,
    facts: tuple[int, frozenset[str]] | None = None,
) -> CheckResult:
    """Check a draft's text (or the text being typed into it) in its order's context.

    ``message_format`` is the format chosen in the editor when it differs from the stored one;
    ``facts`` are the order's review-request count and the words the team and the author
    accepted (``check_cache.draft_facts``), when already read.
    """
    review_requests_sent, dictionary_words = facts or check_cache.draft_facts(draft)
    # The team's words, the author's own dictionary and the words ignored in this draft.
    accepted = dictionary_words | frozenset(draft.ignored_words)
    return check_text(
        draft.body if body is None else body,
        message_type=draft.message_type,
        order=draft.order,
        buyer_locale=draft.buyer_locale,
        html=(message_format or draft.format) == Draft.Format.HTML,
        subject=draft.subject if subject is None else subject,
        extra_words=accepted,
        review_requests_sent=review_requests_sent,
    )


def fill_template(body: str, order: Order) -> str:
    """Replace the template placeholders with the order's values (the same filling as the preview)."""
    return guidelines.placeholders.fill(body, placeholder_values(order))


def placeholder_values(order: Order) -> dict[str, str]:
    """Return the documented placeholders and their values for an order."""
    delivery = order.delivery_date.date().isoformat() if order.delivery_date else ""
    values = {
        "order_id": order.amazon_order_id,
        "buyer_name": order.buyer_name,
        "product_name": order.product_name,
        "store_name": order.team.store_name or order.team.name,
        "delivery_date": delivery,
    }
    # An order stored before imports removed control characters must not put one in a draft,
    # which could then be neither checked nor saved.
    return {name: bounds.strip_control_characters(value) for name, value in values.items()}
