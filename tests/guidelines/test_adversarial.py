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


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=30, max_value=3_000))
def test_a_spelled_address_after_a_run_of_spelled_separators_is_still_read(count: int) -> None:
    # A run of "a at a at …" is too long to be an address and is skipped as a whole, without
    # hiding the real address written after it.
    text = "a at " * count + "\n\nWrite to j.miller at gmail dot com please."
    message = Message(text=text, message_type=get_message_type("reply"), buyer_locale="en-US")
    assert [d.value for d in message.detections.emails] == ["j.miller@gmail.com"]


_PARAGRAPHS = [
    "Thank you for your order 113-8907231-7881124.",
    "If you are happy with it, please leave us a 5-star review and get a $10 gift card!",
    "We are sorry, the parcel will arrive three days late. We will refund you in full.",
    "Please delete your negative review, we will send you a replacement.",
    "i hope you enjoy it. Thanks for you order, we looks forward to hear from you.",
    "Write to j.miller at gmail dot com or call 617-555-0162.",
    "Gracias por su pedido. Leave us a review please, it helps a small shop.",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PARAGRAPHS), min_size=1, max_size=6), st.sampled_from(["\n\n", "\n", " "]))
def test_what_is_kept_per_sentence_and_paragraph_never_changes_a_finding(
    paragraphs: list[str], joint: str
) -> None:
    # Lingua verdicts, tokens, phrase matches, Harper and our grammar patterns are kept per
    # sentence or paragraph; a text read warm, with repeated paragraphs at other offsets, must
    # get exactly the findings it gets read cold.
    from guidelines.language_detection import forget_verdicts
    from guidelines.spelling.checkers import forget_sentences
    from guidelines.spelling.grammar import forget_paragraphs

    text = joint.join(paragraphs)

    def findings() -> list[tuple]:
        report = guidelines.check(text, message_type="reply", buyer_locale="en-US")
        # Hunspell's suggestions have a time budget, so W501 may differ under load; not a cache.
        return [(f.rule, f.start, f.end, f.message, f.fix) for f in report.findings if f.rule != "W501"]

    warm = findings()
    forget_verdicts()
    forget_sentences()
    forget_paragraphs()
    assert findings() == warm


@settings(max_examples=10, deadline=None)
@given(
    st.sampled_from(["coupon ", "review ", "Bewertung ", "coupon. ", "gift card "]), st.integers(300, 1_500)
)
def test_a_violation_after_a_flood_of_trigger_words_is_still_found(flood: str, count: int) -> None:
    # A flood of one phrase is read only in part (each rule reads the first matches of a
    # sentence), so what the seller writes after it is still read.
    text = flood * count + "\n\nLeave us a 5-star review and get a $10 gift card!"
    report = guidelines.check(text, message_type="reply", buyer_locale="en-US")
    incentives = [f for f in report.findings if f.category == "incentive" and f.severity == "error"]
    assert incentives and all(f.start > len(flood) * count for f in incentives)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8), st.booleans()), max_size=40))
def test_overlapping_issues_are_dropped_as_by_a_scan_of_every_kept_one(spans) -> None:
    from guidelines.spelling.issues import Issue
    from guidelines.spelling.service import _without_overlaps

    issues = [
        Issue(start, start + length, "grammar" if grammar else "spelling", "m", (), f"R{i}")
        for i, (start, length, grammar) in enumerate(spans)
    ]
    kept: list = []
    for issue in sorted(issues, key=lambda i: i.kind != "grammar"):
        if not any(k.start < issue.end and issue.start < k.end for k in kept):
            kept.append(issue)
    assert _without_overlaps(issues) == sorted(kept, key=lambda i: (i.start, i.end))
