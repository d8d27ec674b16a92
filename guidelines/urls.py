"""Find the links a buyer would see or click, and tell Amazon's pages apart from other sites."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

from .detect import AMAZON_SHORT, SHORTENERS, is_amazon_host, registrable_domain
from .message import Message

# Amazon pages a buyer needs to complete an order, a return or a review.
_NEEDED_PATHS = re.compile(
    r"^/(?:gp/(?:your-account|css|orc|help|feedback|digital|message|returns?)|your-orders|"
    r"returns?|review|reviews|hz/(?:feedback|reviews|contact-us|mycd)|spr/returns|ap/|"
    r"progress-tracker|ss/help|messages?|help|ca/|gp/aw/ya|orders?|cs/|hz/your-orders)",
    re.IGNORECASE,
)
_PRODUCT_PATHS = re.compile(r"(?:^|/)(?:dp|gp/product|gp/aw/d|exec/obidos/asin|o/asin)/", re.IGNORECASE)
_STORE_PATHS = re.compile(r"^/(?:stores|shops|sp\b|s\b.*\bme=|.*[?&](?:me|seller)=)", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    """One link: where it is in the text, the URL as written, and its host."""

    start: int
    end: int
    url: str
    in_attribute: bool = False

    @cached_property
    def parts(self):
        raw = self.url if "://" in self.url else "https://" + self.url
        try:
            return urlsplit(raw)
        except ValueError:
            return urlsplit("https://invalid.invalid/")

    @cached_property
    def host(self) -> str:
        try:
            return (self.parts.hostname or "").lower().removeprefix("www.")
        except ValueError:
            return ""

    @property
    def path_and_query(self) -> str:
        query = f"?{self.parts.query}" if self.parts.query else ""
        return (self.parts.path or "/") + query

    @cached_property
    def kind(self) -> str:
        """Return amazon-needed, amazon-product, amazon-store, amazon-short, amazon-other,
        shortener or external."""
        host = self.host
        domain = registrable_domain(host) or host
        if domain in AMAZON_SHORT:
            return "amazon-short"
        # Amazon's own only when the registrable domain is Amazon's: amazon.com.deals-x.shop is not.
        if is_amazon_host(host):
            path = self.path_and_query
            if _STORE_PATHS.search(path):
                return "amazon-store"
            if _PRODUCT_PATHS.search(path) and not _NEEDED_PATHS.search(path):
                return "amazon-product"
            if _NEEDED_PATHS.search(path):
                return "amazon-needed"
            if path in ("/", ""):
                return "amazon-home"
            return "amazon-other"
        if host in SHORTENERS or domain in SHORTENERS:
            return "shortener"
        return "external"


def find_links(message: Message) -> list[Link]:
    """Return the links of a message: web addresses in the text and, in HTML, ``href`` targets.

    Addresses come from the detectors (``Message.detections``): with or without a scheme, in any
    case, spelled out or not. A URL shown as the text of a link to the same address is reported
    once. The result is kept on the message, because several rules read it.
    """
    cached = message.__dict__.get("_links")
    if cached is not None:
        return cached
    links: list[Link] = []
    seen: set[str] = set()
    if message.html:
        for element in message.html_document.find("a", "area"):
            href = element.attrs.get("href", "").strip()
            if not href or href.lower().startswith(("#", "mailto:", "tel:", "javascript:", "{{")):
                continue
            start, end = element.attr_span("href")
            links.append(Link(start, end, href, in_attribute=True))
            seen.add(_key(href))
    for found in message.detections.urls:
        if _key(found.value) in seen:
            continue
        seen.add(_key(found.value))
        links.append(Link(found.start, found.end, found.value))
    result = sorted(links, key=lambda link: link.start)
    message.__dict__["_links"] = result
    return result


def _key(url: str) -> str:
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url.strip().lower()).rstrip("/")
