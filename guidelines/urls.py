"""Find the links a buyer would see or click, and tell Amazon's pages apart from other sites."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import unquote, urlsplit

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
            if not href or href.lower().startswith(("#", "mailto:", "tel:", "{{")):
                continue
            start, end = element.attr_span("href")
            if href.lower().startswith("javascript:"):
                # A script that opens an address is a link to it.
                links.extend(Link(start, end, url, in_attribute=True) for url in _embedded(href))
                continue
            links.append(Link(start, end, href, in_attribute=True))
            seen.add(_key(href))
        links.extend(_navigating_attributes(message))
        links.extend(_generated_content(message))
    for found in message.detections.urls:
        if _key(found.value) in seen:
            continue
        seen.add(_key(found.value))
        links.append(Link(found.start, found.end, found.value))
    # A redirect through another site, Amazon's own included, leads where its query says:
    # ".../redirect?location=https://example-shop.com" is a link to example-shop.com.
    for link in list(links):
        if "?" in link.url or "#" in link.url or "%2f" in link.url.lower():
            for url in _embedded(link.url.split("?", 1)[-1] if "?" in link.url else link.url[8:]):
                if not is_amazon_host(Link(0, 0, url).host):
                    links.append(Link(link.start, link.end, url, in_attribute=link.in_attribute))
    result = sorted(links, key=lambda link: link.start)
    message.__dict__["_links"] = result
    return result


# An address inside another one or inside a script: with its scheme, or after "//".
_EMBEDDED = re.compile(r"(?:https?:)?//[a-z0-9][a-z0-9\-._~]*\.[a-z]{2,}[^\s&\"'<>;)]*", re.IGNORECASE)
# Attributes that send the reader elsewhere as a link does: forms, frames, a page refresh.
_NAVIGATING = {
    "form": "action",
    "button": "formaction",
    "input": "formaction",
    "iframe": "src",
    "frame": "src",
}
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"\s>]+)", re.IGNORECASE)


def _embedded(value: str) -> list[str]:
    """Return the web addresses written inside ``value`` (percent-encoded ones decoded)."""
    decoded = unquote(value)
    return [match.group(0) for match in _EMBEDDED.finditer(decoded)]


def _navigating_attributes(message: Message) -> list[Link]:
    """Return the addresses a form, a frame or a refresh sends the reader to."""
    found = []
    for element in message.html_document.elements:
        name = _NAVIGATING.get(element.tag)
        value = element.attrs.get(name, "").strip() if name else ""
        if element.tag == "meta" and element.attrs.get("http-equiv", "").strip().lower() == "refresh":
            name = "content"
            refresh = _REFRESH_URL.search(element.attrs.get("content", ""))
            value = refresh.group(1) if refresh else ""
        if value and not value.startswith(("#", "{{")):
            found.append(Link(*element.attr_span(name), value, in_attribute=True))
    return found


_CSS_HOST = re.compile(r"(?:https?://)?[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)+(?:/[^\s\"']*)?", re.IGNORECASE)


def _generated_content(message: Message) -> list[Link]:
    """Return the web addresses CSS writes into the page (``content: "example-shop.com"``)."""
    document = message.html_document
    declarations = [d for _holder, d in document.stylesheet]
    declarations += [d for element in document.elements for d in element.style]
    found = []
    for declaration in declarations:
        if declaration.name != "content":
            continue
        for match in _CSS_HOST.finditer(declaration.value):
            host = Link(0, 0, match.group(0)).host
            if registrable_domain(host) is not None:
                found.append(Link(declaration.start, declaration.end, match.group(0), in_attribute=True))
    return found


def _key(url: str) -> str:
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url.strip().lower()).rstrip("/")
