"""Fresh wordings of each content concept in every language, written for this test (not taken from
the labelled sets): a violation is found in its category, and a compliant text gets no content error.

Each line of data/recall_probes.txt is ``language|message type|category or -|text``.
"""

from pathlib import Path

import pytest

import guidelines
from guidelines.message import Context

LOCALES = {
    "en": "en-US",
    "de": "de-DE",
    "fr": "fr-FR",
    "es": "es-ES",
    "it": "it-IT",
    "pt": "pt-BR",
    "nl": "nl-NL",
    "sv": "sv-SE",
    "pl": "pl-PL",
    "tr": "tr-TR",
    "ja": "ja-JP",
    "zh": "zh-CN",
}
CONTENT = {
    "incentive",
    "review_manipulation",
    "review_removal",
    "review_instructions",
    "repeated_request",
    "promotion",
    "attachment",
    "thank_you_only",
    "order_confirmation",
    "cancellation_request",
    "sensitive",
}
PROBES = [
    line.split("|", 3)
    for line in (Path(__file__).parent / "data" / "recall_probes.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip()
]


@pytest.mark.parametrize(("language", "message_type", "expected", "text"), PROBES)
def test_probe(language: str, message_type: str, expected: str, text: str) -> None:
    report = guidelines.check(
        text, message_type=message_type, buyer_locale=LOCALES[language], context=Context(spelling=False)
    )
    if expected == "-":
        errors = {f.category for f in report.findings if f.severity == "error"}
        assert not errors & CONTENT, [(f.rule, text[f.start : f.end]) for f in report.findings]
    else:
        found = {f.category for f in report.findings if f.severity in ("error", "warning")}
        assert expected in found, [(f.rule, f.severity, text[f.start : f.end]) for f in report.findings]


def test_every_language_has_probes() -> None:
    assert {p[0] for p in PROBES} == set(LOCALES)
