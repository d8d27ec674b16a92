"""Measure each offline grammar checker's rule groups on labelled messages (``python -m guidelines checkers``).

A group may be switched on in a grammar file only if it does not cry wolf: every report on a
message without a spelling label is a false alarm (those messages were written correctly).
Reports on messages labelled ``spelling`` show what the group would find.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .checkers import _import_grammalecte

_CHECKED = {"en": "harper", "fr": "grammalecte"}


def _harper_reports(texts: Iterable[str]) -> Iterable[list[tuple[str, str]]]:
    import harper

    linter = harper.Linter(harper.Dialect.AMERICAN)
    for text in texts:
        found = linter.organized_lints(text, language="plaintext")
        yield [(lint.lint_kind, rule) for rule, lints in found.items() for lint in lints]


def _grammalecte_reports(texts: Iterable[str]) -> Iterable[list[tuple[str, str]]]:
    engine = _import_grammalecte().GrammarChecker("fr").getGCEngine()
    for text in texts:
        found = []
        for paragraph in text.split("\n"):
            found += [(e["sType"], e["sRuleId"]) for e in engine.parse(paragraph, "FR", bDebug=False)]
        yield found


def measure(cases: list[dict]) -> dict[str, tuple[Counter, Counter, int, int]]:
    """Return, per checker: reports per (group, rule) on correct and on labelled messages, and counts."""
    results = {}
    for language, checker in _CHECKED.items():
        mine = [c for c in cases if c["language"] == language and c["buyer_locale"].startswith(language)]
        texts = [c["text"] + ("\n" + c["subject"] if c.get("subject") else "") for c in mine]
        reports = _harper_reports(texts) if checker == "harper" else _grammalecte_reports(texts)
        false, true = Counter(), Counter()
        correct = labelled = 0
        for case, found in zip(mine, reports, strict=True):
            if "spelling" in case.get("labels", []):
                labelled += 1
                true.update(found)
            else:
                correct += 1
                false.update(found)
        results[checker] = (false, true, correct, labelled)
    return results


def format_measure(results: dict[str, tuple[Counter, Counter, int, int]]) -> str:
    """Return the report: per group, false alarms on correct messages and reports on labelled ones."""
    lines = []
    for checker, (false, true, correct, labelled) in results.items():
        lines.append(f"{checker}: {correct} correct messages, {labelled} with spelling/grammar mistakes")
        groups = sorted({g for g, _ in false} | {g for g, _ in true})
        for group in groups:
            f = sum(n for (g, _), n in false.items() if g == group)
            t = sum(n for (g, _), n in true.items() if g == group)
            rules = ", ".join(f"{r} {n}" for (g, r), n in false.most_common() if g == group)
            lines.append(f"  {group:16} false alarms {f:3}   on labelled {t:3}   {rules}")
    return "\n".join(lines)
