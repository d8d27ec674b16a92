"""``python -m guidelines check`` and ``rules``."""

import json
import subprocess
import sys

ORDER = "114-4909505-8661897"


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "guidelines", *args], input=stdin.encode(), capture_output=True
    )


def test_check_exits_0_for_a_clean_message() -> None:
    out = _run("check", "--type", "delivery", "--order-id", ORDER, "-", stdin=f"Order {ORDER} ships Monday.")
    assert out.returncode == 0, out.stdout


def test_check_prints_json_and_exits_1_on_errors() -> None:
    out = _run("check", "--format", "json", "--order-id", ORDER, stdin=f"Order {ORDER} 🎉")
    assert out.returncode == 1
    data = json.loads(out.stdout)
    assert data["ok"] is False
    assert [f["rule"] for f in data["findings"]] == ["S401"]
    assert set(data["findings"][0]) >= {
        "rule",
        "category",
        "severity",
        "start",
        "end",
        "message",
        "suggestion",
        "source",
    }


def test_check_exits_2_on_bad_usage_and_unreadable_input(tmp_path) -> None:
    assert _run("check", "--type", "newsletter").returncode == 2
    missing = _run("check", str(tmp_path / "missing.txt"))
    assert missing.returncode == 2 and b"cannot read" in missing.stderr
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\xff\xfe\x00\x81")
    binary = _run("check", str(junk))
    assert binary.returncode == 2 and b"not UTF-8" in binary.stderr


def test_rules_lists_every_rule_with_docs() -> None:
    out = _run("rules")
    assert out.returncode == 0
    assert b"S401 emoji" in out.stdout and b"Use instead" in out.stdout
    assert "Guideline: No emoji (Communication guidelines: styling" in out.stdout.decode()


def test_evaluate_prints_recall_false_errors_and_precision(tmp_path) -> None:
    case = {
        "id": "c999",
        "language": "en",
        "buyer_locale": "en-US",
        "message_type": "other",
        "format": "text",
        "subject": None,
        "text": "Use code SAVE10 for 10% off your next order!",
        "order_id": None,
        "labels": ["promotion", "missing_order_id"],
        "alt_labels": [],
        "ambiguous": False,
    }
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps(case) + "\n", encoding="utf-8")
    out = _run("evaluate", "--no-spelling", str(path))
    assert out.returncode == 0, out.stderr
    assert b"promotion" in out.stdout and b"False errors on compliant messages: 0" in out.stdout
    assert b"Category precision" in out.stdout


def test_bench_prints_median_and_p95_per_size() -> None:
    out = _run("bench", "--sizes", "500", "--no-spelling")
    assert out.returncode == 0, out.stderr
    assert b"500 chars: median" in out.stdout and b"p95" in out.stdout
