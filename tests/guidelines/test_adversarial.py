"""Pathological inputs (long runs, alternating separators, deep brackets, floods of emoji) are read
correctly: findings stay inside the text and the detectors find nothing that is not there."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import guidelines
from guidelines.bench import WORST_CASES, worst_case_text
from guidelines.message import Message
from guidelines.message_types import get_message_type

_RUN_PIECES = [
    "a",
    "1",
    "1-",
    "1o",
    "a.",
    " at ",
    "\n",
    "😀",
    "\u200b",
    "{{ ",
    "(",
    ")",
    "[",
    "<p>",
    "&#x1F600;",
]


def _check(text: str, html: bool = False) -> guidelines.Report:
    return guidelines.check(
        text, message_type="reply", buyer_locale="en-US", html=html, context={"spelling": False}
    )


def _assert_inside(report: guidelines.Report, text: str) -> None:
    for finding in report.findings:
        if finding.field == "body":
            assert 0 <= finding.start <= finding.end <= len(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_RUN_PIECES), st.integers(min_value=1, max_value=3_000), st.booleans())
def test_a_long_run_of_one_piece_gives_findings_inside_the_text(piece: str, count: int, html: bool) -> None:
    text = piece * count
    _assert_inside(_check(text, html), text)


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=8, max_value=4_000))
def test_alternating_separators_are_no_phone_number(count: int) -> None:
    message = Message(text="1-" * count, message_type=get_message_type("reply"), buyer_locale="en-US")
    assert message.detections.phones == []


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=1, max_value=10_000))
def test_a_flood_of_emoji_is_one_finding(count: int) -> None:
    text = "Thanks " + "😀" * count
    emoji = [f for f in _check(text).findings if f.rule == "S401"]
    assert [(f.start, f.end) for f in emoji] == [(7, 7 + count)]


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=1, max_value=5_000))
def test_deep_brackets_hold_no_contact_detail(depth: int) -> None:
    text = "(" * depth + "call 0151 2345678" + ")" * depth
    message = Message(text=text, message_type=get_message_type("reply"), buyer_locale="de-DE")
    assert [text[d.start : d.end] for d in message.detections.phones] == ["0151 2345678"]


def test_every_worst_case_input_of_the_benchmark_is_checked_without_error() -> None:
    for piece, html in WORST_CASES.values():
        text = worst_case_text(piece)
        assert len(text) == 20_000
        _assert_inside(_check(text, html), text)
