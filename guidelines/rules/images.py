"""R22, R25, R26, R33, R35: images in HTML messages: no GIFs, tracking pixels, linked logos,
product images or images wider than 80 %."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..html_doc import Element, ancestors
from ..i18n import _
from ..languages import plain_words_pattern
from ..message import Message
from ..registry import Docs, Example, Hit, rule
from ..urls import Link

_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px|%)?\s*$", re.IGNORECASE)


def _size(value: str | None) -> tuple[float, str] | None:
    """Return a width or height as (number, unit); unit is "px" or "%"."""
    match = _NUMBER.match(value or "")
    if not match:
        return None
    return float(match.group(1)), (match.group(2) or "px").lower()


def _dimension(element: Element, name: str) -> tuple[float, str] | None:
    declaration = element.css(name)
    if declaration is not None:
        return _size(declaration.value)
    return _size(element.attrs.get(name))


def _src(element: Element) -> str:
    return element.attrs.get("src", "").strip()


def _is_gif(element: Element) -> bool:
    src = _src(element).lower()
    return src.startswith("data:image/gif") or re.split(r"[?#]", src)[0].endswith(".gif")


def _is_tracking_pixel(element: Element) -> bool:
    for name in ("width", "height"):
        size = _dimension(element, name)
        if size is not None and size[1] == "px" and size[0] <= 2:
            return True
    display = element.css("display")
    visibility = element.css("visibility")
    if (display and display.value.startswith("none")) or (
        visibility and visibility.value.startswith("hidden")
    ):
        return True
    src = _src(element)
    return not src.startswith("data:") and "?" in src


def _linking_anchor(element: Element) -> Element | None:
    """Return the <a href> around an image when it leads to a site other than Amazon."""
    for parent in ancestors(element):
        if parent.tag == "a" and parent.attrs.get("href", "").strip():
            href = parent.attrs["href"].strip()
            if href.startswith(("#", "{{")):
                return None
            kind = Link(0, 0, href).kind
            return parent if kind in ("external", "shortener", "amazon-store") else None
    return None


def _images(message: Message) -> list[Element]:
    """Return every image the message loads: <img> and images set by attributes or CSS."""
    if not message.html:
        return []
    cached = message.__dict__.get("_images")
    if cached is None:
        cached = message.__dict__["_images"] = message.html_document.images()
    return cached


def _removal(element: Element) -> str | None:
    """Return the fix that deletes an image, when deleting its span leaves valid markup."""
    return "" if element.removable else None


@rule(
    id="I801",
    name="gif-image",
    category="image",
    severity="error",
    source="gifs",
    message="GIF images are not allowed in buyer–seller messages.",
    suggestion="Remove the GIF.",
    docs=Docs(
        what="Finds <img> elements whose source is a .gif file or a GIF data URI.",
        why="Amazon's styling rules forbid GIFs; messages with them are blocked.",
        example='<img src="https://example.com/thanks.gif">',
        instead="(No image.)",
    ),
    flags=[
        Example('<p>Hi</p><img src="https://cdn.example.com/wave.GIF" alt="wave">', {"html": True}),
        Example('<p style="background-image: url(https://cdn.example.com/wave.gif)">Hi</p>', {"html": True}),
        Example(
            '<style>p { background: url("https://cdn.example.com/w.gif") }</style><p>Hi</p>', {"html": True}
        ),
        Example(
            '<table background="https://cdn.example.com/bg.gif"><tr><td>Hi</td></tr></table>', {"html": True}
        ),
    ],
    passes=[Example('<p>Hi</p><img src="https://cdn.example.com/logo.png" alt="Acme">', {"html": True})],
    mode="html",
)
def gif_image(message: Message) -> Iterator[Hit]:
    for element in _images(message):
        if _is_gif(element):
            yield Hit(element.start, element.end, fix=_removal(element))


@rule(
    id="I802",
    name="tracking-pixel",
    category="image",
    severity="error",
    source="tracking-pixels",
    message="This image looks like a tracking pixel; Amazon forbids tracking images.",
    suggestion="Remove the image.",
    docs=Docs(
        what="Finds images of at most 2 px, hidden images (display:none, visibility:hidden) and "
        "images whose address carries a query string, as open-tracking services use.",
        why="Amazon forbids tracking pixels and tracking images in buyer–seller messages.",
        example='<img src="https://mail.example.com/open.gif?m=8f3a" width="1" height="1">',
        instead="(No tracking image.)",
    ),
    flags=[
        Example(
            '<p>Hi</p><img src="https://t.example.com/o.png?id=1" width="1" height="1" alt="">',
            {"html": True},
        ),
        Example('<img src="https://t.example.com/o.png" style="display:none" alt="">', {"html": True}),
        Example(
            '<svg><image href="https://t.example.com/o.png" width="1" height="1"/></svg>', {"html": True}
        ),
        Example('<object data="https://t.example.com/o.png" width="1" height="1"></object>', {"html": True}),
        Example(
            '<input type="image" src="https://t.example.com/o.png" width="1" height="1">', {"html": True}
        ),
        Example(
            '<div style="width:1px;height:1px;background:url(https://t.example.com/o.png)"></div>',
            {"html": True},
        ),
    ],
    passes=[Example('<img src="https://cdn.example.com/logo.png" height="40" alt="Acme">', {"html": True})],
    mode="html",
)
def tracking_pixel(message: Message) -> Iterator[Hit]:
    for element in _images(message):
        if _is_tracking_pixel(element):
            yield Hit(element.start, element.end, fix=_removal(element))


@rule(
    id="I803",
    name="linked-logo",
    category="image",
    severity="error",
    source="logos",
    message="This image links to your website; logos may not display or link to your site.",
    suggestion="Remove the link around the image (or the image).",
    docs=Docs(
        what="Finds images wrapped in a link to a site other than Amazon.",
        why="Amazon allows logos only when they do not display or link to the seller's website.",
        example='<a href="https://example-shop.com"><img src="https://example-shop.com/logo.png"></a>',
        instead='<img src="https://cdn.example.com/logo.png" alt="Acme">',
    ),
    flags=[
        Example(
            '<a href="https://www.example-shop.es">'
            '<img src="https://www.example-shop.es/logo.png" alt="X"></a>',
            {"html": True},
        )
    ],
    passes=[Example('<p><img src="https://cdn.example.com/logo.png" alt="Acme"></p>', {"html": True})],
    mode="html",
)
def linked_logo(message: Message) -> Iterator[Hit]:
    for element in _images(message):
        if _linking_anchor(element) is not None:
            yield Hit(element.start, element.end)


@rule(
    id="I804",
    name="wide-image",
    category="image",
    severity="error",
    source="image-width",
    message="Images may be at most 80 % of the message width.",
    suggestion="Set the image width to 80 % or less.",
    docs=Docs(
        what="Finds images wider than 80 % (width attribute or CSS width). Widths in pixels over "
        "480 get a warning, because the reader's window width is unknown.",
        why="Amazon's styling rules limit images to 80 % of the maximum width.",
        example='<img src="https://cdn.example.com/banner.png" width="100%">',
        instead='<img src="https://cdn.example.com/banner.png" width="60%">',
    ),
    flags=[Example('<img src="https://cdn.example.com/b.png" width="100%" alt="b">', {"html": True})],
    passes=[Example('<img src="https://cdn.example.com/b.png" width="60%" alt="b">', {"html": True})],
    mode="html",
)
def wide_image(message: Message) -> Iterator[Hit]:
    for element in _images(message):
        for name in ("width", "max-width", "min-width"):
            size = _dimension(element, name)
            if size is None:
                continue
            span = element.css(name) or None
            start, end = (span.start, span.end) if span else element.attr_span(name)
            if size[1] == "%" and size[0] > 80:
                yield Hit(start, end)
                break
            if size[1] == "px" and size[0] > 480:
                yield Hit(
                    start,
                    end,
                    severity="warning",
                    message=_(
                        # xgettext:no-python-format
                        "This image is wider than 480 px and may exceed 80 % of the buyer's window."
                    ),
                )
                break


@rule(
    id="I805",
    name="product-image",
    category="image",
    severity="warning",
    source="product-images",
    message="Amazon shows product images itself; images other than a plain logo are not allowed.",
    suggestion="Remove the image unless it is your logo (without a link).",
    docs=Docs(
        what="Warns about images that are not recognisably a logo (no 'logo' in the address or "
        "alt text) and not already reported as GIF, tracking pixel or linked logo.",
        why="Amazon's guidelines forbid product images in buyer–seller messages.",
        example='<img src="https://cdn.example.com/kettle-front.jpg" alt="Kettle">',
        instead="(No image; describe the product in words if needed.)",
    ),
    flags=[Example('<img src="https://cdn.example.com/kettle.jpg" alt="Kettle">', {"html": True})],
    passes=[Example('<img src="https://cdn.example.com/acme-logo.png" alt="Acme logo">', {"html": True})],
    mode="html",
)
def product_image(message: Message) -> Iterator[Hit]:
    for element in _images(message):
        if _is_gif(element) or _is_tracking_pixel(element) or _linking_anchor(element):
            continue
        logo = plain_words_pattern("logo_image")  # in any language: file names are often English
        if logo.search(_src(element)) or logo.search(element.attrs.get("alt", "")):
            continue
        yield Hit(element.start, element.end)
