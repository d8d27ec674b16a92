"""A floor on the labelled development set (shared/eval/dev.jsonl) for spelling and language.

The held-out set judges the work; this only keeps what already works from slipping.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import guidelines

_CANDIDATES = [
    Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev.jsonl",
    Path("/work/shared/eval/dev.jsonl"),
]
DEV = next((p for p in _CANDIDATES if p.exists()), None)
pytestmark = pytest.mark.skipif(DEV is None, reason="shared/eval/dev.jsonl is not beside the repository")
_TYPES = {"return": "return_question", "other": "reply"}


@pytest.fixture(scope="module")
def results() -> list[tuple[dict, guidelines.Report]]:
    cases = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        (
            case,
            guidelines.check(
                case["text"],
                message_type=_TYPES.get(case["message_type"], case["message_type"]),
                buyer_locale=case["buyer_locale"],
                order_id=case["order_id"],
                html=case["format"] == "html",
                context={"subject": case["subject"]},
            ),
        )
        for case in cases
    ]


def _writing(report: guidelines.Report) -> list[guidelines.Finding]:
    return [
        f
        for f in report.findings
        if f.category in ("spelling", "grammar") and f.severity in ("error", "warning")
    ]


def test_most_spelling_labelled_messages_get_a_spelling_or_grammar_finding(results) -> None:
    labelled = [(c, r) for c, r in results if "spelling" in c["labels"]]
    found = [c["id"] for c, r in labelled if _writing(r)]
    assert len(found) / len(labelled) >= 0.85, f"found only {found}"


def test_compliant_messages_get_no_spelling_error_and_few_warnings(results) -> None:
    compliant = [(c, r) for c, r in results if "spelling" not in c["labels"]]
    assert not [f for _, r in compliant for f in _writing(r) if f.severity == "error"]
    words = sum(len(c["text"].split()) for c, _ in compliant)
    warnings = sum(len(_writing(r)) for _, r in compliant)
    assert warnings <= words / 300, f"{warnings} warnings in {words} words"


def test_every_language_mismatch_is_an_error_and_no_other_message_gets_one(results) -> None:
    for case, report in results:
        language = [f for f in report.findings if f.category == "language" and f.severity == "error"]
        assert bool(language) == ("language_mismatch" in case["labels"]), case["id"]
