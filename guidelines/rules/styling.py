"""R34, R36–R39, R41: Amazon's default layout in HTML messages, and no markup in plain text."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator

from ..html_doc import MAX_DEPTH, Element
from ..i18n import _
from ..message import Message
from ..registry import Docs, Example, Hit, rule

_ORDER = "114-4909505-8661897"
_RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur"})
_INHERITED = frozenset({"inherit", "initial", "unset", "revert", "currentcolor", "none", "transparent"})
_FONT_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "small", "big"}


@rule(
    id="S403",
    name="html-line-breaks",
    category="line_breaks",
    severity="error",
    source="line-breaks",
    message="More than two line breaks in a row; Amazon allows at most one empty line.",
    suggestion="Use one paragraph break between paragraphs.",
    docs=Docs(
        what="Finds three or more <br> in a row and empty paragraphs (<p></p>, <p>&nbsp;</p>, "
        "<div><br></div>) used as spacers.",
        why="The styling guidelines allow no more than two line breaks in a row.",
        example="<p>Thanks,<br><br><br>Acme</p>",
        instead="<p>Thanks,</p><p>Acme</p>",
    ),
    flags=[
        Example("<p>Thanks,<br><br/><br />Acme</p>", {"html": True}),
        Example("<p>Hello</p><p>&nbsp;</p><p>Bye</p>", {"html": True}),
    ],
    passes=[Example("<p>Thanks,<br><br>Acme</p><p>Bye</p>", {"html": True})],
    mode="html",
)
def html_line_breaks(message: Message) -> Iterator[Hit]:
    for match in _BR_RUN.finditer(message.text):
        yield Hit(*match.span(), fix="<br><br>", fix_label=_("Keep two line breaks here"))
    for match in _EMPTY_BLOCK.finditer(message.text):
        yield Hit(*match.span(), fix="")


_BR = r"<br\s*/?>"
_BR_RUN = re.compile(rf"{_BR}(?:(?:\s|&nbsp;|&#160;)*{_BR}){{2,}}", re.IGNORECASE)
_EMPTY_BLOCK = re.compile(
    rf"<(p|div)\b[^<>]*>(?:\s|&nbsp;|&#160;|\u00a0|{_BR})*</\1\s*>",
    re.IGNORECASE,
)


def _declarations(message: Message, *names: str) -> Iterator[tuple[Element, object]]:
    for element in message.html_document.elements:
        for declaration in element.style:
            if declaration.name in names:
                yield element, declaration


@rule(
    id="S404",
    name="font-override",
    category="formatting",
    severity="error",
    source="fonts",
    message="This overrides Amazon's default font, colour, background or line height.",
    suggestion="Remove the style; Amazon's default typography applies.",
    docs=Docs(
        what="Finds inline CSS font-family, font, line-height, color and background, <font face> "
        "and <font color>, bgcolor attributes and buttons.",
        why="Amazon's styling rules forbid overriding line height, font family or font colour; "
        "coloured blocks and buttons are marketing styling.",
        example='<p style="font-family: Comic Sans MS">Hello</p>',
        instead="<p>Hello</p>",
    ),
    flags=[
        Example("<p style=\"font-family: 'Comic Sans MS', cursive;\">Bonjour</p>", {"html": True}),
        Example('<p><font color="red">Hi</font></p>', {"html": True}),
        Example('<p style="line-height: 2">Hi</p>', {"html": True}),
    ],
    passes=[Example("<p><b>Order</b> ships today.</p>", {"html": True})],
    mode="html",
)
def font_override(message: Message) -> Iterator[Hit]:
    names = ("font-family", "font", "line-height", "color", "background", "background-color")
    for _element, declaration in _declarations(message, *names):
        if declaration.value.split("!")[0].strip() in _INHERITED:
            continue
        yield Hit(declaration.start, declaration.end, fix="")
    for element in message.html_document.elements:
        if element.tag == "font":
            for attr in ("face", "color"):
                if attr in element.attrs:
                    yield Hit(*element.attr_span(attr))
        if "bgcolor" in element.attrs:
            yield Hit(*element.attr_span("bgcolor"))
        if element.tag == "button":
            yield Hit(
                element.start, element.end, message=_("Buttons are not part of Amazon's message styling.")
            )


def _size_of(element: Element) -> str | None:
    declaration = element.css("font-size")
    if declaration is not None and declaration.value:
        return declaration.value.replace(" ", "")
    if element.tag in _FONT_TAGS:
        return element.tag
    if element.tag == "font" and element.attrs.get("size"):
        return "font-size-" + element.attrs["size"].strip()
    return None


@rule(
    id="S405",
    name="too-many-font-sizes",
    category="formatting",
    severity="error",
    source="font-sizes",
    message="The message uses more than three font sizes.",
    suggestion="Use at most three font sizes, counting the default size.",
    docs=Docs(
        what="Counts distinct font sizes in the text a reader sees: CSS font-size, <font size>, "
        "headings, <small> and <big>, plus the default size when some text has none.",
        why="Amazon's styling rules allow fonts in no more than three sizes.",
        example='<h2 style="font-size:24px">…</h2><p style="font-size:18px">…</p>'
        '<p style="font-size:14px">…</p><p style="font-size:11px">…</p>',
        instead="Headings and body text in two or three sizes.",
    ),
    flags=[
        Example(
            '<h2 style="font-size:24px">A</h2><p style="font-size:18px">B</p>'
            '<p style="font-size:14px">C</p><p style="font-size:11px">D</p>',
            {"html": True},
        )
    ],
    passes=[Example("<h2>Title</h2><p>Body</p><p><small>Note</small></p>", {"html": True})],
    mode="html",
)
def too_many_font_sizes(message: Message) -> Iterator[Hit]:
    seen: dict[str, Element | None] = {}
    for text, parent in message.html_document.texts:
        if not text.strip():
            continue
        size, owner = "default", None
        depth = 0
        while parent is not None and depth < MAX_DEPTH:
            depth += 1
            if parent.tag in ("title", "head"):
                size = ""
                break
            found = _size_of(parent)
            if found:
                size, owner = found, parent
                break
            parent = parent.parent
        if size and size not in seen:
            seen[size] = owner
    if len(seen) <= 3:
        return
    for owner in list(seen.values())[3:]:
        if owner is None:
            yield Hit(0, 0)
        else:
            declaration = owner.css("font-size")
            span = (declaration.start, declaration.end) if declaration else (owner.start, owner.end)
            yield Hit(
                *span, message=_("The message uses {count} font sizes; Amazon allows three.", count=len(seen))
            )


@rule(
    id="S406",
    name="text-alignment",
    category="formatting",
    severity="error",
    source="alignment",
    message="Centred or re-aligned text overrides Amazon's default alignment.",
    suggestion="Remove the alignment; body text stays aligned to the start of the line.",
    docs=Docs(
        what="Finds text-align other than left/start (right/end for right-to-left languages), "
        "align= attributes and <center>.",
        why="Amazon's styling rules forbid centred body text and other alignment overrides.",
        example='<p style="text-align:center">Thank you!</p>',
        instead="<p>Thank you!</p>",
    ),
    flags=[
        Example('<p style="text-align: center">Hi</p>', {"html": True}),
        Example("<center>Hi</center>", {"html": True}),
        Example('<div align="right">Hi</div>', {"html": True}),
    ],
    passes=[Example('<p style="text-align:left">Hi</p>', {"html": True})],
    mode="html",
)
def text_alignment(message: Message) -> Iterator[Hit]:
    allowed = {"left", "start", "inherit", "initial", "unset"}
    if message.language in _RTL_LANGUAGES:
        allowed |= {"right", "end"}
    for _element, declaration in _declarations(message, "text-align"):
        if declaration.value.split("!")[0].strip() not in allowed:
            yield Hit(declaration.start, declaration.end, fix="")
    for element in message.html_document.elements:
        if element.tag == "center":
            yield Hit(element.start, element.end)
        elif element.tag != "img" and element.attrs.get("align", "left").strip().lower() not in allowed:
            yield Hit(*element.attr_span("align"))


_LENGTH = re.compile(r"(-?\d+(?:\.\d+)?)\s*(%|px|em|rem|pt|cm|mm|in|vw|ch|ex)?", re.IGNORECASE)


@rule(
    id="S407",
    name="wide-margins",
    category="formatting",
    severity="error",
    source="margins",
    message="Margins over 20 % of the message width are not allowed.",
    suggestion="Remove the margin or padding.",
    docs=Docs(
        what="Finds CSS margins, paddings and indents over 20 % (error); fixed margins in px, em "
        "or pt get a warning, because their share of the width depends on the window.",
        why="Amazon's styling rules forbid message margins over 20 % of the maximum width.",
        example='<div style="margin-left: 30%">…</div>',
        instead="<div>…</div>",
    ),
    flags=[
        Example('<div style="margin-left: 30%">Hi</div>', {"html": True}),
        Example('<p style="padding: 0 25%">Hi</p>', {"html": True}),
    ],
    passes=[
        Example('<p style="margin: 0">Hi</p>', {"html": True}),
        Example('<p style="margin:0 auto">Hi</p>', {"html": True}),
    ],
    mode="html",
)
def wide_margins(message: Message) -> Iterator[Hit]:
    for _element, declaration in _declarations(message, *_MARGIN_PROPERTIES):
        worst: str | None = None
        for match in _LENGTH.finditer(declaration.value):
            number, unit = float(match.group(1)), (match.group(2) or "").lower()
            if unit == "%" and abs(number) > 20:
                worst = "error"
                break
            if unit and unit != "%" and abs(number) > 0:
                worst = "warning"
        if worst == "error":
            yield Hit(declaration.start, declaration.end)
        elif worst == "warning":
            yield Hit(
                declaration.start,
                declaration.end,
                severity="warning",
                # xgettext:no-python-format
                message=_("A fixed margin or indent may exceed 20 % of a narrow window."),
            )


_MARGIN_SIDES = ("", "-left", "-right", "-inline", "-inline-start", "-inline-end")
_MARGIN_PROPERTIES = (
    *(f"{kind}{side}" for kind in ("margin", "padding") for side in _MARGIN_SIDES),
    "text-indent",
)

_HTML_TAG = re.compile(
    r"</?(?:a|abbr|b|big|blockquote|body|br|center|code|div|em|font|h[1-6]|head|hr|html|i|img|li|ol|"
    r"p|pre|s|small|span|strike|strong|style|sub|sup|table|tbody|td|th|thead|tr|u|ul|script|meta|"
    r"link|title|section|article|header|footer|nav|label|input|button|form|iframe|dl|dt|dd)"
    r"(?:\s[^<>]{0,500})?/?>",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,7}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")


@rule(
    id="S408",
    name="html-in-plain-text",
    category="html_in_text",
    severity="error",
    source="plain-text",
    message="HTML markup in a plain-text message; the Messaging API shows it literally.",
    suggestion="Write plain text: line breaks instead of <br>, no tags or entities.",
    docs=Docs(
        what="Finds HTML tags (<br>, <b>, <ul>…) and entities (&amp;, &nbsp;) in plain-text messages.",
        why='The Messaging API takes plain text only ("Do not include HTML"); the buyer would '
        "see the markup as text.",
        example="Hi Logan,<br><br>your order <b>111-6966022-1384172</b> ships Monday.",
        instead="Hi Logan,\n\nyour order 111-6966022-1384172 ships Monday.",
    ),
    flags=["Hi,<br><br>your order ships.", f"Order <b>{_ORDER}</b>", "Tom &amp; Jerry"],
    passes=["I <3 this lamp; 3 < 5 and 5 > 3.", "Tom & Jerry", "Reply with <your size>."],
    mode="text",
)
def html_in_plain_text(message: Message) -> Iterator[Hit]:
    for match in _HTML_TAG.finditer(message.text):
        tag = match.group(0).lower()
        if tag.startswith("<br"):
            yield Hit(*match.span(), fix="\n", fix_label=_("Replace with a line break"))
        else:
            yield Hit(*match.span(), fix="")
    for match in _ENTITY.finditer(message.text):
        decoded = html_lib.unescape(match.group(0))
        if decoded != match.group(0):
            fixed = decoded.replace("\u00a0", " ")
            # A space would read 'change to " "': say it in words.
            label = _("Replace with a space") if fixed == " " else None
            yield Hit(*match.span(), fix=fixed, fix_label=label)
