"""LanguageTool integration against a small fake server speaking LanguageTool's JSON (v2 API)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

import guidelines
from guidelines import spelling

ORDER = "114-4909505-8661897"
LANGUAGES = [
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
    {"name": "Japanese", "code": "ja", "longCode": "ja-JP"},
]


def _utf16_offset(text: str, index: int) -> int:
    """LanguageTool (Java) counts UTF-16 code units, so an emoji before a match shifts it."""
    return len(text[:index].encode("utf-16-le")) // 2


def _match(text: str, word: str, rule_id: str, issue_type: str, replacements: list[str]) -> dict:
    index = text.index(word)
    return {
        "message": f"Possible problem: {word}",
        "shortMessage": "",
        "replacements": [{"value": r} for r in replacements],
        "offset": _utf16_offset(text, index),
        "length": len(word),
        "context": {"text": text, "offset": index, "length": len(word)},
        "sentence": text,
        "type": {"typeName": "Other"},
        "rule": {
            "id": rule_id,
            "description": "test rule",
            "issueType": issue_type,
            "category": {"id": "TYPOS" if issue_type == "misspelling" else "GRAMMAR", "name": "x"},
        },
    }


class FakeLanguageTool(BaseHTTPRequestHandler):
    delay = 0.0
    requests: list[dict] = []

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _answer(self, payload: object) -> None:
        body = json.dumps(payload).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting, as intended
            pass

    def do_GET(self) -> None:
        if self.path.startswith("/v2/languages"):
            self._answer(LANGUAGES)
        else:
            self.send_error(404)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        type(self).requests.append(form)
        time.sleep(type(self).delay)
        text = form["text"]
        matches = []
        for word, rule_id, issue_type, replacements in [
            (
                "thta",
                "MORFOLOGIK_RULE_EN_US",
                "misspelling",
                ["that", "theta", "thud", "Thad", "than", "tat", "Thea"],
            ),
            ("BrightNest", "MORFOLOGIK_RULE_EN_US", "misspelling", ["Bright Nest"]),
            ("he go", "HE_VERB_AGR", "grammar", ["he goes"]),
            ("  ", "WHITESPACE_RULE", "whitespace", [" "]),
            (ORDER, "NUMBER_THING", "grammar", []),
        ]:
            if word in text:
                matches.append(_match(text, word, rule_id, issue_type, replacements))
        self._answer({"software": {"name": "LanguageTool"}, "matches": matches})


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a deliberately slow answer must not hold up the test


@pytest.fixture
def server() -> Iterator[str]:
    FakeLanguageTool.delay = 0.0
    FakeLanguageTool.requests = []
    httpd = _Server(("127.0.0.1", 0), FakeLanguageTool)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _restore(monkeypatch) -> Iterator[None]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    yield
    spelling.configure(languagetool_url=None, languagetool_timeout=3.0, languagetool_retry_after=30.0)


def _check(text: str, locale: str = "en-US") -> guidelines.Report:
    return guidelines.check(text, message_type="order_question", buyer_locale=locale)


def test_matches_become_findings_with_offsets_replacements_and_rule_id(server: str) -> None:
    spelling.configure(languagetool_url=server)
    text = f"Order {ORDER} 🙂 is packed, so thta he go to the post office today."
    report = _check(text)
    assert report.checked_by == ("languagetool",)
    typo = next(f for f in report.findings if f.category == "spelling")
    assert text[typo.start : typo.end] == "thta"
    # LanguageTool's five suggestions become the three most frequent, the clear fix first.
    assert typo.replacements == ("that", "than", "theta")
    assert typo.fix == "that" and typo.detail == "MORFOLOGIK_RULE_EN_US" and typo.severity == "warning"
    grammar = next(f for f in report.findings if f.category == "grammar")
    assert text[grammar.start : grammar.end] == "he go"
    assert grammar.detail == "HE_VERB_AGR" and grammar.fix == "he goes"
    assert FakeLanguageTool.requests[0]["language"] == "en-US"


def test_brand_names_order_ids_and_whitespace_matches_are_dropped(server: str) -> None:
    spelling.configure(languagetool_url=server)
    report = _check(f"Thanks from  BrightNest for order {ORDER}, it ships today.")
    assert [f for f in report.findings if f.category in ("spelling", "grammar")] == []
    assert report.checked_by == ("languagetool",)


def test_languagetool_checks_japanese_when_configured(server: str) -> None:
    spelling.configure(languagetool_url=server)
    report = _check(f"ご注文({ORDER})の商品は明日発送いたします。よろしくお願いいたします。", "ja-JP")
    assert report.checked_by == ("languagetool",)
    assert FakeLanguageTool.requests[0]["language"] == "ja-JP"


def test_a_server_that_is_down_falls_back_to_the_offline_check(server: str) -> None:
    spelling.configure(languagetool_url="http://127.0.0.1:9", languagetool_timeout=1.0)
    started = time.perf_counter()
    report = _check(f"Your order {ORDER} is packed, so thta it ships today.")
    assert time.perf_counter() - started < 3
    assert report.checked_by == ("hunspell", "offline-grammar", "harper")
    notice = next(f for f in report.findings if f.severity == "info" and f.category == "spelling")
    assert "LanguageTool" in notice.message and notice.detail == "languagetool"
    assert any(f.category == "spelling" and f.severity == "warning" for f in report.findings)


def test_a_slow_server_times_out_and_falls_back(server: str) -> None:
    spelling.configure(languagetool_url=server, languagetool_timeout=0.5)
    _check(f"Order {ORDER} ships today, thank you.")  # connects and learns the languages
    FakeLanguageTool.delay = 2.0
    started = time.perf_counter()
    report = _check(f"Your order {ORDER} is packed, so thta it ships today.")
    assert time.perf_counter() - started < 1.5
    assert report.checked_by == ("hunspell", "offline-grammar", "harper")
    assert any(f.severity == "info" and "LanguageTool" in f.message for f in report.findings)


def test_after_a_failure_the_server_is_left_alone_for_a_while(server: str) -> None:
    spelling.configure(languagetool_url=server, languagetool_timeout=0.5, languagetool_retry_after=60)
    _check(f"Order {ORDER} ships today, thank you.")
    FakeLanguageTool.delay = 2.0
    _check(f"Order {ORDER} ships today, thank you.")
    asked = len(FakeLanguageTool.requests)
    started = time.perf_counter()
    report = _check(f"Order {ORDER} ships today, thank you again.")
    assert time.perf_counter() - started < 0.5
    assert len(FakeLanguageTool.requests) == asked
    assert report.checked_by == ("hunspell", "offline-grammar", "harper")


def test_configure_switches_back_to_the_offline_check(server: str) -> None:
    spelling.configure(languagetool_url=server)
    assert _check(f"Order {ORDER} ships today.").checked_by == ("languagetool",)
    spelling.configure(languagetool_url="")
    assert _check(f"Order {ORDER} ships today.").checked_by == ("hunspell", "offline-grammar", "harper")


def test_the_command_line_reads_languagetool_url_from_the_environment(
    server: str, monkeypatch, tmp_path, capsys
) -> None:
    from guidelines.cli import main

    draft = tmp_path / "draft.txt"
    draft.write_text(f"Your order {ORDER} is packed, so thta it ships today.", encoding="utf-8")
    monkeypatch.setenv("LANGUAGETOOL_URL", server)
    main(["check", "--locale", "en-US", "--format", "json", str(draft)])
    report = json.loads(capsys.readouterr().out)
    assert report["checked_by"] == ["languagetool"]
    assert [f["detail"] for f in report["findings"] if f["category"] == "spelling"] == [
        "MORFOLOGIK_RULE_EN_US"
    ]
