"""The public contract of ``guidelines.check``."""

import subprocess
import sys

import pytest

import guidelines

ORDER = "114-4909505-8661897"


def test_importing_guidelines_does_not_import_django() -> None:
    code = (
        "import sys, guidelines; guidelines.check('x', message_type='reply'); print('django' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_findings_are_ordered_by_start_and_report_is_ok_without_errors() -> None:
    report = guidelines.check(
        f"Hi 👍 order {ORDER}\n\n\n\nThanks 🎉", message_type="delivery", order_id=ORDER
    )
    starts = [f.start for f in report.findings]
    assert starts == sorted(starts)
    assert not report.ok
    clean = guidelines.check(f"Your order {ORDER} ships on Monday.", message_type="delivery", order_id=ORDER)
    assert clean.ok


def test_finding_carries_the_contract_fields() -> None:
    text = f"Order {ORDER} 🎉"
    (finding,) = guidelines.check(text, message_type="delivery", order_id=ORDER).findings
    assert (finding.rule, finding.category, finding.severity, finding.source) == (
        "S401",
        "emoji",
        "error",
        "emoji",
    )
    assert text[finding.start : finding.end] == "🎉"
    assert finding.message


def test_unknown_message_type_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown message type"):
        guidelines.check("x", message_type="newsletter")


def test_malformed_locale_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="language tag"):
        guidelines.check("x", message_type="reply", buyer_locale="klingon!!")


def test_html_mode_offsets_point_into_the_source() -> None:
    html = f"<p>Order <b>{ORDER}</b> 🎉</p>"
    report = guidelines.check(html, message_type="delivery", order_id=ORDER, html=True)
    (emoji,) = [f for f in report.findings if f.category == "emoji"]
    assert html[emoji.start : emoji.end] == "🎉"


def test_underscore_and_hyphen_locales_are_the_same() -> None:
    assert guidelines.normalize_locale("en_us") == guidelines.normalize_locale("en-US") == "en-US"
