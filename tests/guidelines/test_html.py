"""HTML mode: findings point at the exact characters of the HTML source the seller edits."""

import guidelines
from guidelines.message import Context

ORDER = "114-4909505-8661897"
OFF = Context(spelling=False)


def _check(html: str, **options) -> guidelines.Report:
    return guidelines.check(
        html, message_type="order_question", order_id=ORDER, html=True, context=OFF, **options
    )


def test_link_finding_points_at_the_href_value() -> None:
    html = f'<p>Order {ORDER}: see <a href="https://example-shop.com/faq">our FAQ</a>.</p>'
    (link,) = [f for f in _check(html).findings if f.category == "link"]
    assert html[link.start : link.end] == "https://example-shop.com/faq"


def test_font_family_finding_points_at_the_declaration() -> None:
    html = f"<p style=\"margin:0; font-family: 'Comic Sans MS', cursive;\">Order {ORDER}</p>"
    (font,) = [f for f in _check(html).findings if f.rule == "S404"]
    assert html[font.start : font.end] == "font-family: 'Comic Sans MS', cursive"


def test_tracking_pixel_and_linked_logo_are_image_errors() -> None:
    html = (
        '<a href="https://www.example-ofertas.es">'
        '<img src="https://www.example-ofertas.es/logo.png" alt="X"></a>'
        f"<p>Pedido {ORDER}</p>"
        '<img src="https://mail.example.com/open.gif?m=1" width="1" height="1" alt="">'
    )
    report = _check(html, buyer_locale="es-ES")
    rules = {f.rule for f in report.errors if f.category == "image"}
    assert {"I801", "I802", "I803"} <= rules
    for f in report.findings:
        if f.category == "image":
            assert html[f.start : f.end].startswith("<img")


def test_four_font_sizes_are_one_too_many_but_three_are_fine() -> None:
    sizes = ["24px", "18px", "14px", "11px"]
    four = "".join(f'<p style="font-size:{s}">Order {ORDER}</p>' for s in sizes)
    three = "".join(f'<p style="font-size:{s}">Order {ORDER}</p>' for s in sizes[:3])
    assert any(f.rule == "S405" for f in _check(four).errors)
    assert not any(f.rule == "S405" for f in _check(three).findings)


def test_emoji_offsets_skip_markup_and_entities() -> None:
    html = f"<p>Order&nbsp;<b>{ORDER}</b> &amp; 🎉</p>"
    (emoji,) = [f for f in _check(html).findings if f.category == "emoji"]
    assert html[emoji.start : emoji.end] == "🎉"


def test_broken_markup_never_raises() -> None:
    for html in [
        "<p",
        "<a href='",
        "<img src=x.gif",
        "</div></p><p>",
        "<![CDATA[x",
        "<!DOCTYPE",
        "<<<>>>",
        "<p style='",
    ]:
        report = _check(html + f" {ORDER}")
        for f in report.findings:
            assert 0 <= f.start <= f.end <= len(html) + len(ORDER) + 1


def test_plain_text_with_tags_is_html_in_text_but_html_mode_is_not() -> None:
    text = f"Hi,<br><br>order <b>{ORDER}</b> ships Monday."
    plain = guidelines.check(text, message_type="delivery", order_id=ORDER, context=OFF)
    assert {f.category for f in plain.errors} == {"html_in_text"}
    assert not any(f.category == "html_in_text" for f in _check(text).findings)


def test_subject_findings_point_into_the_subject() -> None:
    subject = f"[Important] Order {ORDER}"
    report = guidelines.check(
        "Your parcel is late.",
        message_type="unexpected_problem",
        context=Context(subject=subject, spelling=False),
    )
    (finding,) = [f for f in report.findings if f.category == "subject"]
    assert finding.field == "subject" and subject[finding.start : finding.end] == "[Important] "
