"""HTML is read fully before rules run: entities everywhere, CSS through a parser, every image."""

import guidelines
from guidelines.html_doc import ancestors, parse_html, plain_text, text_span, visible_text


def _rules(html: str) -> dict[str, list[str]]:
    report = guidelines.check(html, message_type="reply", html=True, context={"spelling": False})
    found: dict[str, list[str]] = {}
    for finding in report.findings:
        found.setdefault(finding.rule, []).append(html[finding.start : finding.end])
    return found


def test_an_emoji_written_as_an_entity_is_an_emoji() -> None:
    html = "<p>Thanks &#x1F600;&#128077; for order 114-4909505-8661897</p>"
    assert _rules(html)["S401"] == ["&#x1F600;&#128077;"]


def test_http_spelled_with_entities_is_an_insecure_link_in_text_and_attributes() -> None:
    html = '<p>See &#104;ttp://example.com/a and <a href="&#x68;ttp://example.com/b">this</a></p>'
    assert len(_rules(html)["L201"]) == 2


def test_an_external_link_spelled_with_entities_is_found() -> None:
    html = "<p>Visit example&#46;com today.</p>"
    assert _rules(html)["L202"] == ["example&#46;com"]


def test_css_images_are_images_wherever_they_are_set() -> None:
    html = (
        "<style>.x { list-style-image: url('https://cdn.example.com/dot.gif') }</style>"
        '<ul class="x"><li style="content: url(https://cdn.example.com/star.gif)">a</li></ul>'
    )
    assert len(_rules(html)["I801"]) == 2


def test_a_one_pixel_image_in_any_form_is_a_tracking_pixel() -> None:
    forms = [
        '<svg><image xlink:href="https://t.example.com/p.png" width="1" height="1"/></svg>',
        '<object type="image/png" data="https://t.example.com/p" width="1" height="1"></object>',
        '<input type="image" src="https://t.example.com/p.png" width="1" height="1">',
        '<div style="width:1px; height:1px; background-image:url(https://t.example.com/p.png)"></div>',
        '<table background="https://t.example.com/p.png?open=1"><tr><td>Hi</td></tr></table>',
    ]
    for html in forms:
        assert "I802" in _rules(html), html


def test_an_image_set_by_an_attribute_gets_no_fix_that_would_break_the_tag() -> None:
    html = '<table background="https://cdn.example.com/bg.gif"><tr><td>Hi</td></tr></table>'
    report = guidelines.check(html, message_type="reply", html=True, context={"spelling": False})
    gif = [f for f in report.findings if f.rule == "I801"]
    assert gif and gif[0].fix is None


def test_css_declarations_keep_their_source_offsets() -> None:
    html = '<p style="color: red; text-align: center">Hi</p>'
    report = guidelines.check(html, message_type="reply", html=True, context={"spelling": False})
    spans = {html[f.start : f.end] for f in report.findings if f.rule in ("S404", "S405", "S406")}
    assert "text-align: center" in spans


def test_plain_text_is_what_a_buyer_reads_with_paragraphs_lists_and_link_addresses() -> None:
    html = (
        "<h1>Your order</h1><p>Hello&nbsp;&nbsp;Laura,\n  thanks!</p><ol><li>one</li><li>two</li></ol>"
        '<p><a href="https://a.example/x">https://a.example/x</a> or <a href="https://b.example">'
        "<b>the guide</b></a><br>Bye &amp; thanks</p>"
    )
    assert plain_text(html) == (
        "Your order\n\nHello Laura, thanks!\n\n- one\n- two\n\n"
        "https://a.example/x or the guide (https://b.example)\nBye & thanks"
    )


def test_plain_text_and_the_checked_text_agree_on_line_breaks() -> None:
    html = "<p>First</p><div>Second<br>Third</div>"
    assert [line.strip() for line in visible_text(html).split("\n") if line.strip()] == [
        line for line in plain_text(html).split("\n") if line.strip()
    ]


def test_the_element_tree_has_offsets_parents_and_texts() -> None:
    source = '<!DOCTYPE html><div title="a > b"><p>Hello <b>you</b></p><script>if (a<b) x()</script></div>'
    document = parse_html(source)
    div, p, b, script = document.elements
    assert [e.tag for e in document.elements] == ["div", "p", "b", "script"]
    assert source[div.start : div.end] == '<div title="a > b">' and div.attrs == {"title": "a > b"}
    assert p.parent is div and b.parent is p and script.parent is div
    assert source[slice(*p.closed)] == "</p>" and source[slice(*text_span(b))] == "<b>you</b>"
    # The doctype and the script are no text a reader sees.
    assert [(text, parent.tag) for text, parent in document.texts] == [("Hello ", "p"), ("you", "b")]


def test_a_link_inside_a_link_starts_after_it_as_in_a_browser() -> None:
    document = parse_html('<a href="/x">one <a href="/y">two</a> after')
    first, second = document.elements
    assert second.parent is None and first.closed is None
    assert source_of(second, '<a href="/x">one <a href="/y">two</a> after') == '<a href="/y">two</a>'
    assert ancestors(second) == []


def test_a_closing_tag_closes_its_own_element_and_stray_ones_close_nothing() -> None:
    document = parse_html("<div><span>a</i></div>b")
    div, span = document.elements
    assert span.parent is div and div.closed is not None and span.closed is None
    assert document.texts[-1] == ("b", None)


def source_of(element, source: str) -> str:
    return source[slice(*text_span(element))]


def test_a_redirect_through_amazon_to_another_site_is_an_external_link() -> None:
    target = "https://www.amazon.de/gp/redirect.html?location=https%3A%2F%2Fexample-shop.com"
    assert _rules(f'<p>See <a href="{target}">here</a></p>')["L202"] == [target]
    plain = "See https://www.amazon.de/gp/redirect.html?location=https://example-shop.com today"
    report = guidelines.check(plain, message_type="reply", context={"spelling": False})
    assert "L202" in {finding.rule for finding in report.findings}


def test_a_script_a_form_a_frame_or_a_refresh_that_opens_a_site_is_an_external_link() -> None:
    for html in [
        "<p>Visit <a href=\"javascript:location='https://example-shop.com'\">here</a></p>",
        '<form action="https://example-shop.com/s"><p>Hi</p></form>',
        '<p>Hi</p><iframe src="https://example-shop.com/w"></iframe>',
        '<meta http-equiv="refresh" content="0;url=https://example-shop.com"><p>Hi</p>',
    ]:
        assert "L202" in _rules(html), html


def test_an_address_written_by_css_is_an_external_link() -> None:
    assert "L202" in _rules('<style>p::after { content: "example-shop.com" }</style><p>Hello</p>')


def test_amazon_sign_in_returning_to_amazon_and_a_void_script_are_no_external_link() -> None:
    for html in [
        '<p><a href="https://www.amazon.com/ap/signin?openid.return_to=https%3A%2F%2Fwww.amazon.com%2Fyour-orders">sign in</a></p>',
        '<p><a href="javascript:void(0)">here</a></p>',
        '<style>p::before { content: "No. 1." }</style><p>Hi</p>',
    ]:
        assert "L202" not in _rules(html), html


def _assert_read_past(head: str, hide: str) -> None:
    """The hidden ``hide`` splitting a phone number and two trigger words after ``head`` is read past."""
    assert "C302" in _rules(f"{head}<p>Call 07911 {hide}123456</p>"), (head, hide)
    report = guidelines.check(
        f"{head}<p>Leave a rev{hide}iew and we send you a gi{hide}ft card.</p>",
        message_type="reply",
        html=True,
        context={"spelling": False},
    )
    assert "incentive" in {finding.category for finding in report.findings}, (head, hide)


def test_a_few_hidden_characters_splitting_a_word_or_number_are_read_past() -> None:
    for hide in [
        '<span style="display:none">x</span>',
        '<span style="font-size:0">x</span>',
        '<span style="visibility:hidden">x</span>',
        '<span style="opacity: 0">x</span>',
        "<span hidden>x</span>",
    ]:
        _assert_read_past("", hide)


def test_hidden_text_that_says_something_is_still_read() -> None:
    html = '<p>Thanks!<span style="display:none"> Call 07911 123456 for a gift card.</span></p>'
    assert "C302" in _rules(html)


def test_a_few_characters_hidden_by_a_style_rule_splitting_a_word_are_read_past() -> None:
    for rule, attribute in [
        ("<style>.x{display:none}</style>", 'class="x"'),
        ("<style>span.x { visibility: hidden }</style>", 'class="x y"'),
        ("<style>#h{font-size:0}</style>", 'id="h"'),
        ("<style>.a.b{opacity:0}</style>", 'class="b a"'),
        ("<style>.x{color:#ffffff}</style>", 'class="x"'),
        ("<style>.x{position:absolute;left:-9999px}</style>", 'class="x"'),
        ("<style>@media screen{.x{display:none}}</style>", 'class="x"'),
    ]:
        _assert_read_past(rule, f"<span {attribute}>x</span>")


def test_a_style_rule_that_hides_nothing_leaves_the_text_as_it_is() -> None:
    for rule in [
        "<style>.x{color:#fff;background:#000}</style>",  # white on black is seen
        "<style>.x{left:-9999px}</style>",  # a box in the flow is not moved
        "<style>.y{display:none}</style>",  # another class
        "<style>div .x{display:none}</style>",  # a descendant selector is not read
    ]:
        html = f'{rule}<p>Call 07911 <span class="x">9</span>123456</p>'
        hidden = parse_html(html).hidden_content()
        assert hidden == [], rule
