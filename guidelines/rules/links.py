"""R20, R21, R40: links only where needed, never to opt out, and never over plain http."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ..i18n import _
from ..message import Message
from ..registry import Docs, Example, Hit, rule
from ..removal import removal_hit, unlink_hit
from ..urls import Link, find_links

HTTP_URL = re.compile(r"\bhttp://[^\s<>\"')\]]+", re.IGNORECASE)
# XML namespaces and doctypes name http:// URLs that nobody loads or clicks.
_NOT_FETCHED = re.compile(r"http://www\.w3\.org/|http://schemas\.|http://purl\.org/", re.IGNORECASE)
_ORDER = "114-4909505-8661897"


@rule(
    id="L201",
    name="insecure-url",
    category="insecure_url",
    severity="error",
    source="secure-images",
    message="This link uses http://; Amazon accepts only secure https:// links and images.",
    suggestion="Use https:// instead of http://.",
    docs=Docs(
        what="Finds URLs that start with http:// in the text or in HTML attributes.",
        why="The styling guidelines require secure (https) images and links; insecure ones are blocked.",
        example="See http://www.amazon.com/gp/css/order-history",
        instead="See https://www.amazon.com/gp/css/order-history",
    ),
    flags=[
        "Go to http://www.amazon.com/gp/css/order-history",
        '<img src="http://x.com/a.png">',
        Example("<p>Go to &#104;ttp://example.com/x</p>", {"html": True}),
        Example('<p><a href="&#104;ttp://example.com/x">here</a></p>', {"html": True}),
        Example("<style>@import url(http://example.com/a.css);</style><p>Hi</p>", {"html": True}),
    ],
    passes=["Go to https://www.amazon.com/gp/css/order-history", "We use the HTTP protocol."],
)
def insecure_url(message: Message) -> Iterator[Hit]:
    # The text as read (entities decoded: "&#104;ttp://"), and in HTML every attribute value.
    reading = message.normalised
    seen: set[int] = set()
    for match in HTTP_URL.finditer(reading.text):
        start, end = reading.raw_span(*match.span())
        if _NOT_FETCHED.match(match.group(0)) or message.is_protected(start, end):
            continue
        seen.add(start)
        yield _http_hit(message, start, end)
    for element in message.html_document.elements:
        for name, value in element.attrs.items():
            match = HTTP_URL.search(value)
            if match is None or _NOT_FETCHED.match(match.group(0)):
                continue
            start, end = element.attr_span(name)
            if start not in seen and not message.is_protected(start, end):
                seen.add(start)
                yield _http_hit(message, start, end)
    for _holder, declaration in message.html_document.stylesheet:  # url() and @import in <style>
        for url, start, end in declaration.urls:
            if HTTP_URL.match(url) and start not in seen:
                seen.add(start)
                yield Hit(start, end)


def _http_hit(message: Message, start: int, end: int) -> Hit:
    # Only the scheme changes, so the fix replaces "http" with "https" where it is written plainly.
    if message.text[start : start + 7].lower() == "http://":
        return Hit(start, start + 4, fix="https")
    return Hit(start, end)


def _links(message: Message, *kinds: str) -> list[Link]:
    # Several rules ask; the links whose host is a placeholder are set aside once per message.
    links = message.__dict__.get("_real_links")
    if links is None:
        links = [link for link in find_links(message) if not _host_is_placeholder(message, link)]
        message.__dict__["_real_links"] = links
    return [link for link in links if link.kind in kinds]


def _link_hit(message: Message, link: Link, *, text: str | None = None) -> Hit:
    """Return the hit of a link with its "Remove link" fix.

    A web address in the text goes with the words that introduced it ("Visit example.com.").
    A link target in HTML goes with its tags: the words the buyer clicked stay, unlinked.
    """
    if not link.in_attribute:
        return replace(removal_hit(message, link.start, link.end, label=_("Remove link")), message=text)
    element = message.html_document.with_attribute_at("href", (link.start, link.end))
    if element is None:
        return Hit(link.start, link.end, message=text)
    hit = unlink_hit(message, element, link.start, link.end, label=_("Remove link, keep its words"))
    return replace(hit, message=text)


def _host_is_placeholder(message: Message, link: Link) -> bool:
    """Tell whether the link's host is a template placeholder ("https://{{shop_domain}}/faq")."""
    url = link.url
    begin = url.find("://")
    begin = begin + 3 if begin >= 0 else 0
    host_end = begin + len(re.match(r"[^/?#]*", url[begin:]).group(0))
    if "{{" in url[begin:host_end] or "}}" in url[begin:host_end]:
        return True
    return message.is_protected(link.start + begin, link.start + max(host_end, begin + 1))


@rule(
    id="L202",
    name="external-link",
    category="link",
    severity="error",
    source="links",
    message="Links to sites other than Amazon are not needed to complete the order.",
    suggestion="Remove the link; put what the buyer needs in the message itself.",
    docs=Docs(
        what="Finds links to non-Amazon sites: full URLs, www. addresses and bare domains such as "
        "example-shop.com, in the text and in HTML href attributes.",
        why="Amazon allows only links needed to complete the order; links to your own or "
        "third-party sites get messages blocked.",
        example="Head over to example-petshop.com.",
        instead="Reply to this message and we will send the details here.",
    ),
    flags=[
        "Head over to example-petshop.com.",
        "See www.example-shop.de/help",
        "Details: https://example-shop.com/faq",
        Example('<p><a href="https://example.es">Tienda</a></p>', {"html": True}),
        "Visit www . deals-example . net today.",
        "See deals-example[dot]net for more.",
        "Visit EXAMPLE-SHOP.COM.",
        "Our deals: amazon.com.deals-x.shop",
        "Shop at amaz0n.com/deals or arnazon.com.",
    ],
    passes=[
        f"Print the label from https://www.amazon.com/gp/your-account/order-details?orderID={_ORDER}",
        "The manual.pdf is attached; it weighs 1.5 kg.",
        "We shipped today.It arrives Monday.",
        Example("Visit {{store_url}} for details.", {"context": {"template": True}}),
        Example("Amazon.co.jpにて販売しております。", {"buyer_locale": "ja-JP"}),
        "The invoice.zip and notes.md files are attached.",
    ],
)
def external_link(message: Message) -> Iterator[Hit]:
    for link in _links(message, "external"):
        yield _link_hit(
            message,
            link,
            text=_(
                "Link to {host}: links to sites other than Amazon are not needed to complete the order.",
                host=link.host,
            ),
        )


@rule(
    id="L203",
    name="short-link",
    category="link",
    severity="error",
    source="links",
    message="Short links hide where they lead; Amazon treats them as links not needed for the order.",
    suggestion="Remove the link; if an Amazon page is needed, give its full https://www.amazon… address.",
    docs=Docs(
        what="Finds links through URL shorteners such as bit.ly or tinyurl.com.",
        why="The buyer (and Amazon's scanner) cannot see the destination; such links are blocked.",
        example="Review us: https://bit.ly/3xYz",
        instead="Review the item from Your Orders on Amazon.",
    ),
    flags=["Review us: https://bit.ly/3xYz", "Go to tinyurl.com/abc123", "Go to BIT.LY/3xYz"],
    passes=["Your Orders on https://www.amazon.de/gp/css/order-history"],
)
def short_link(message: Message) -> Iterator[Hit]:
    for link in _links(message, "shortener"):
        yield _link_hit(message, link)


@rule(
    id="L204",
    name="amazon-product-link",
    category="link",
    severity="warning",
    source="links",
    message="Links to Amazon product pages are rarely needed to complete an order.",
    suggestion="Remove the link unless the buyer needs that page to answer your question.",
    docs=Docs(
        what="Finds links to Amazon product-detail pages (/dp/, /gp/product/).",
        why="Amazon's guidelines list product-detail links among the links not needed; a team "
        "lead should confirm the buyer really needs it.",
        example="Our other lamp: https://www.amazon.com/dp/B08KTZ4M1Q",
        instead="(No link, or the buyer's order page.)",
    ),
    flags=["Our other lamp: https://www.amazon.com/dp/B08KTZ4M1Q"],
    passes=["Write a review at https://www.amazon.com/review/create-review?asin=B08KTZ4M1Q"],
)
def amazon_product_link(message: Message) -> Iterator[Hit]:
    for link in _links(message, "amazon-product"):
        yield _link_hit(message, link)


@rule(
    id="L205",
    name="storefront-link",
    category="link",
    severity="error",
    source="links",
    message="Links to your storefront are marketing, not needed to complete the order.",
    suggestion="Remove the storefront link.",
    docs=Docs(
        what="Finds links to Amazon storefronts and seller pages (/stores/, ?me=, /shops/).",
        why="Amazon's guidelines forbid storefront links in buyer–seller messages.",
        example="Browse https://www.amazon.com/stores/Acme/page/123",
        instead="(No link.)",
    ),
    flags=["Browse https://www.amazon.com/stores/Acme/page/123", "See https://www.amazon.de/s?me=A1B2C3"],
    passes=["Your Orders: https://www.amazon.com/your-orders"],
)
def storefront_link(message: Message) -> Iterator[Hit]:
    for link in _links(message, "amazon-store"):
        yield _link_hit(message, link)


@rule(
    id="L206",
    name="unexplained-amazon-link",
    category="link",
    severity="warning",
    source="links",
    message="Make sure this Amazon link is needed to complete the order.",
    suggestion="Keep only links to the buyer's order, return or review pages.",
    docs=Docs(
        what="Warns about Amazon links that are not order, return, review or help pages, and "
        "about Amazon short links (amzn.to) whose destination the buyer cannot see.",
        why="Amazon allows only links needed to complete the order.",
        example="https://www.amazon.com/s?k=kettle",
        instead="https://www.amazon.com/gp/your-account/order-history",
    ),
    flags=["See https://www.amazon.com/s?k=kettle", "See https://amzn.to/3abc"],
    passes=[
        "Leave feedback: https://www.amazon.com.br/hz/feedback/?orderID=702-3234112-7525061",
        "Sold on Amazon.de.",
    ],
)
def unexplained_amazon_link(message: Message) -> Iterator[Hit]:
    for link in _links(message, "amazon-other", "amazon-short"):
        yield _link_hit(message, link)


@rule(
    id="L207",
    name="opt-out",
    category="opt_out",
    severity="error",
    source="opt-out-links",
    message="Opt-out and unsubscribe offers are not allowed; buyers set message preferences on Amazon.",
    suggestion="Remove the unsubscribe link or instruction.",
    docs=Docs(
        what='Finds unsubscribe and opt-out links or instructions ("reply UNSUBSCRIBE"), in '
        "the text and in HTML link targets.",
        why="Amazon forbids opt-out links: buyer–seller messages are not a mailing list.",
        example="To unsubscribe, reply UNSUBSCRIBE.",
        instead="(Nothing: Amazon handles buyers' message preferences.)",
    ),
    flags=[
        "To unsubscribe, reply UNSUBSCRIBE.",
        Example('<a href="https://x.example/u?id=1&unsubscribe=1">here</a>', {"html": True}),
        Example("Pour vous désabonner, répondez STOP.", {"buyer_locale": "fr-FR"}),
    ],
    passes=["Reply to this message with your preferred colour."],
)
def opt_out(message: Message) -> Iterator[Hit]:
    # The instruction is what its sentence is for: the fix takes the sentence.
    for span in message.spans("opt_out"):
        yield removal_hit(message, *span, introduced=False, sentence=True)
    if message.html:
        for element in message.html_document.find("a"):
            href = element.attrs.get("href", "").lower()
            if any(word in href for word in ("unsubscribe", "opt-out", "optout", "opt_out", "abmelden")):
                yield Hit(*element.attr_span("href"))
