"""Property tests: any text or HTML, however broken, gives findings inside the text and never raises."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import guidelines
from guidelines.message import Context, Message
from guidelines.message_types import get_message_type

_CONTEXT = Context(spelling=False, subject="[Important] Bestellung 114-4909505-8661897 ✓")
_TYPES = ["review_request", "unexpected_problem", "custom_design", "reply", "digital_access_key"]
_LOCALES = [None, "en-US", "de-DE", "ja-JP", "zh-CN", "fr-FR", "ar-AE", "pt-BR"]

# Pieces that exercise the rules: markup (also broken), entities, URLs, RTL and combining marks,
# control characters, emoji, CJK and order IDs.
_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<br>",
        "<br/>",
        "<a href='https://bit.ly/x'>",
        "</a>",
        "<img src=x.gif",
        '<img src="http://t.example/p.png?id=1" width=1>',
        "<p style='text-align:center;color:red'>",
        "<!--",
        "-->",
        "<![CDATA[",
        "<script>",
        "&nbsp;",
        "&amp",
        "&#x1F600;",
        "<",
        ">",
        '"',
        "'",
        "https://www.amazon.com/dp/B0",
        "example-shop.com",
        "www.",
        "mailto:a@b.co",
        "{{order_id}}",
        "114-4909505-8661897",
        "+44 20 7946 0321",
        "\u202e",
        "\u200f",
        "\u0301",
        "e\u0301",
        "\x00",
        "\x0b",
        "\r\n",
        "\n\n\n",
        "👍🏽",
        "🇪🇸",
        "1️⃣",
        "レビュー",
        "ご満足いただけましたら",
        "好评返现",
        "If you are happy, leave 5 stars",
        "gift card",
        "Bewertung entfernen",
        "UNSUBSCRIBE",
        "YOU MUST",
        "مرحبا",
        "שלום",
        " ",
        "\t",
        "İ",
        "ß",
        "ﬃ",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=40).map("".join),
)


def _assert_spans_inside(text: str, report: guidelines.Report) -> None:
    subject = _CONTEXT.subject or ""
    for finding in report.findings:
        limit = len(subject) if finding.field == "subject" else len(text)
        assert 0 <= finding.start <= finding.end <= limit, finding
        assert finding.category in guidelines.CATEGORIES


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, html=st.booleans(), message_type=st.sampled_from(_TYPES), locale=st.sampled_from(_LOCALES))
def test_any_input_gives_findings_inside_the_text(text: str, html: bool, message_type: str, locale) -> None:
    report = guidelines.check(
        text, message_type=message_type, buyer_locale=locale, html=html, context=_CONTEXT
    )
    _assert_spans_inside(text, report)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(piece=st.lists(_PIECES, min_size=1, max_size=8).map("".join), html=st.booleans())
def test_100000_characters_are_checked_without_error(piece: str, html: bool) -> None:
    text = (piece * (100_000 // max(1, len(piece)) + 1))[:100_000]
    report = guidelines.check(text, message_type="reply", html=html, context=_CONTEXT)
    _assert_spans_inside(text, report)


def test_deeply_nested_and_unclosed_markup_does_not_raise() -> None:
    html = "<div>" * 3000 + "<p style='font-size:1px" + "<a href=" * 200
    report = guidelines.check(html, message_type="reply", html=True, context=_CONTEXT)
    _assert_spans_inside(html, report)


def test_pathological_markup_takes_linear_time() -> None:
    # Before the parser copy defused unterminated tags, 100,000 characters of these took minutes.
    import time

    for shape in ['<p style="', "<a ", '<a href="https://x.com">', "<!--", "<div>x", "Produktbewertung "]:
        text = (shape * (100_000 // len(shape) + 1))[:100_000]
        start = time.process_time()
        report = guidelines.check(
            text, message_type="reply", buyer_locale="de-DE", html=True, context=_CONTEXT
        )
        assert time.process_time() - start < 15, shape
        _assert_spans_inside(text, report)


_PROTECTED_PIECES = st.sampled_from(
    [
        "your order ",
        "114-4909505-8661897",
        " ",
        "{{order_id}}",
        "Coupon Wallet",
        "coupon wallet",
        "has shipped",
        "\n",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PROTECTED_PIECES, max_size=14), st.data())
def test_is_protected_agrees_with_a_scan_of_every_protected_span(pieces, data) -> None:
    """The bisecting lookup gives what looking at every span gives (order IDs enclosed or not)."""
    text = "".join(pieces)
    message = Message(
        text=text,
        message_type=get_message_type("delivery"),
        context=Context(spelling=False, product_name="Coupon Wallet"),
    )
    ids = {m.span() for m in message.order_ids}
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    expected = any(
        s < end and start < e and not ((s, e) in ids and start < s and e < end)
        for s, e in message._protected_spans
    )
    assert message.is_protected(start, end) == expected
