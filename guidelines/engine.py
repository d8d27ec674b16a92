"""The public check: run every rule that applies and collect findings in text order."""

from __future__ import annotations

import gc
from itertools import islice

from .findings import Finding, Report, in_order
from .message import Context, Message
from .message_types import get_message_type
from .registry import Hit, Rule, all_rules

# Bodies longer than this are refused by the callers; the engine still copes with them.
MAX_TEXT_LENGTH = 100_000
# No seller reads more findings of one rule; the rest are not even worked out (each may cost a
# fix), so a flood of 2,857 e-mail addresses is checked in milliseconds, not seconds.
MAX_FINDINGS_PER_RULE = 256


def check(
    text: str,
    *,
    message_type: str,
    buyer_locale: str | None = None,
    order_id: str | None = None,
    html: bool = False,
    context: Context | dict | None = None,
) -> Report:
    """Check a draft against every applicable guideline and return the findings by position.

    Raises ``ValueError`` for an unknown message type or a malformed buyer locale.
    """
    message = Message(
        text=text,
        message_type=get_message_type(message_type),
        buyer_locale=buyer_locale,
        order_id=order_id,
        html=html,
        context=Context.from_value(context),
    )
    findings: list[Finding] = []
    for rule in all_rules():
        if rule.applies_to(message):
            hits = islice(rule.check(message), MAX_FINDINGS_PER_RULE)
            findings.extend(_finding(rule, hit, message) for hit in hits)
    return Report(findings=in_order(findings), checked_by=tuple(dict.fromkeys(message.checked_by)))


def _finding(rule: Rule, hit: Hit, message: Message) -> Finding:
    limit = len(message.context.subject or "") if hit.field == "subject" else len(message.text)
    start = min(max(hit.start, 0), limit)
    end = min(max(hit.end, start), limit)
    fix_start = fix_end = None
    if hit.fix is not None and hit.fix_start is not None and hit.fix_end is not None:
        fix_start = min(max(hit.fix_start, 0), start)
        fix_end = min(max(hit.fix_end, end), limit)
        if (fix_start, fix_end) == (start, end):
            fix_start = fix_end = None
    return Finding(
        start=start,
        end=end,
        rule=rule.id,
        category=rule.category,
        severity=hit.severity or rule.severity,
        message=hit.message or rule.message,
        suggestion=hit.suggestion if hit.suggestion is not None else rule.suggestion,
        source=rule.source,
        fix=hit.fix,
        replacements=hit.replacements[:5],
        field=hit.field,
        detail=hit.detail,
        fix_start=fix_start,
        fix_end=fix_end,
        fix_label=hit.fix_label,
    )


def freeze_loaded() -> None:
    """Keep what is loaded so far (packs, dictionaries, models) out of the garbage collector.

    The packs are millions of objects that live as long as the process. Without this, each full
    collection walks all of them: tens of milliseconds in the middle of a check of a long text.
    A server calls it once after warming the engine, before it forks its workers, which also
    keeps those pages shared between the workers (``gc.freeze``).
    """
    gc.freeze()
