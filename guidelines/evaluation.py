"""Measure the engine on a labelled set (shared/eval/README.md): recall, false errors, precision."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .engine import check
from .findings import Finding

# Which finding categories count as finding a labelled violation.
LABEL_CATEGORIES: dict[str, frozenset[str]] = {
    "missing_order_id": frozenset({"order_id"}),
    "spelling": frozenset({"spelling", "grammar"}),
    "conditional_review": frozenset({"review_manipulation"}),
    "biased_review": frozenset({"review_manipulation"}),
    "review_instructions": frozenset({"review_instructions", "review_manipulation"}),
    "external_link": frozenset({"link"}),
    "http_link": frozenset({"insecure_url", "link"}),
    "opt_out_link": frozenset({"opt_out"}),
    "language_mismatch": frozenset({"language"}),
}
for _same in [
    "incentive",
    "review_removal",
    "repeated_request",
    "promotion",
    "order_confirmation",
    "thank_you_only",
    "cancellation_request",
    "attachment",
    "image",
    "emoji",
    "line_breaks",
    "formatting",
    "sensitive",
    "length",
    "html_in_text",
    "contact_info",
]:
    LABEL_CATEGORIES[_same] = frozenset({_same})

# Labels another part of the engine owns (spelling and language detection).
COLLEAGUE_LABELS = frozenset({"spelling", "language_mismatch"})
_TYPES = {"return": "return_question", "other": "reply"}


def categories_for(labels: Iterable[str]) -> set[str]:
    """Return the finding categories that the given labels support."""
    supported: set[str] = set()
    for label in labels:
        supported |= LABEL_CATEGORIES.get(label, {label})
    return supported


@dataclass
class CaseResult:
    case: dict
    findings: tuple[Finding, ...]


@dataclass
class Evaluation:
    """The figures of one run over a labelled set."""

    results: list[CaseResult]
    found: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    missed: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    false_errors: list[tuple[str, Finding]] = field(default_factory=list)
    errors: int = 0
    supported_errors: int = 0
    unsupported: list[tuple[str, Finding]] = field(default_factory=list)

    def recall(self, labels: Iterable[str] | None = None) -> float:
        """Return the share of labelled violations found, over ``labels`` (default: all)."""
        keys = list(labels) if labels is not None else list(self.total)
        total = sum(self.total[k] for k in keys)
        return sum(self.found[k] for k in keys) / total if total else 1.0

    @property
    def precision(self) -> float:
        return self.supported_errors / self.errors if self.errors else 1.0

    def owned_labels(self) -> list[str]:
        return sorted(label for label in self.total if label not in COLLEAGUE_LABELS)


def run_case(case: dict, *, spelling: bool = True) -> tuple[Finding, ...]:
    """Check one labelled case the way the README describes and return its findings."""
    context = {"subject": case.get("subject"), "spelling": spelling}
    report = check(
        case["text"],
        message_type=_TYPES.get(case["message_type"], case["message_type"]),
        buyer_locale=case.get("buyer_locale"),
        order_id=case.get("order_id"),
        html=case.get("format") == "html",
        context=context,
    )
    return report.findings


def evaluate(cases: Iterable[dict], *, spelling: bool = True) -> Evaluation:
    """Run every case and compute recall per label, false errors and category precision."""
    evaluation = Evaluation(results=[])
    for case in cases:
        findings = run_case(case, spelling=spelling)
        evaluation.results.append(CaseResult(case, findings))
        flagged = {f.category for f in findings if f.severity in ("error", "warning")}
        for label in case.get("labels", []):
            evaluation.total[label] += 1
            if flagged & categories_for([label]):
                evaluation.found[label] += 1
            else:
                evaluation.missed[label].append(case["id"])
        errors = [f for f in findings if f.severity == "error"]
        if not case.get("labels") and not case.get("ambiguous"):
            evaluation.false_errors.extend((case["id"], f) for f in errors)
        supported = categories_for(case.get("labels", []) + case.get("alt_labels", []))
        for finding in errors:
            evaluation.errors += 1
            if finding.category in supported:
                evaluation.supported_errors += 1
            else:
                evaluation.unsupported.append((case["id"], finding))
    return evaluation


def load_cases(path: str | Path) -> list[dict]:
    """Read a JSON-lines file of labelled cases."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def format_evaluation(evaluation: Evaluation) -> str:
    """Return the human-readable report that ``python -m guidelines evaluate`` prints."""
    lines = ["Recall per label (warning or error in a mapped category):"]
    for label in sorted(evaluation.total):
        owner = "  (spelling/language colleague)" if label in COLLEAGUE_LABELS else ""
        missed = evaluation.missed.get(label)
        lines.append(
            f"  {label:22} {evaluation.found[label]:3}/{evaluation.total[label]:<3}"
            f"{owner}{'  missed: ' + ', '.join(missed) if missed else ''}"
        )
    owned = evaluation.owned_labels()
    lines.append(f"Recall, rule-engine labels: {evaluation.recall(owned):.1%}")
    lines.append(f"Recall, all labels: {evaluation.recall():.1%}")
    lines.append(f"False errors on compliant messages: {len(evaluation.false_errors)}")
    for case_id, f in evaluation.false_errors:
        lines.append(f"  {case_id} {f.rule} {f.category} [{f.start}-{f.end}] {f.message}")
    lines.append(
        f"Category precision of error findings: {evaluation.precision:.1%} "
        f"({evaluation.supported_errors}/{evaluation.errors})"
    )
    for case_id, f in evaluation.unsupported:
        lines.append(f"  unsupported: {case_id} {f.rule} {f.category} [{f.start}-{f.end}]")
    return "\n".join(lines)
