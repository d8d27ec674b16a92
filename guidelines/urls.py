"""Find the links a buyer would see or click, and tell Amazon's pages apart from other sites."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

from .message import Message

# Top-level domains a bare domain ("example-shop.com") is recognised by; file names such as
# "manual.pdf" and numbers such as "1.5" stay out.
_TLDS = (
    "com|net|org|info|biz|shop|store|online|site|website|app|io|co|me|ly|to|gl|at|gd|cc|tv|ai|eu|uk|de|fr|es|it|nl|"
    "be|ch|pl|se|dk|no|fi|pt|br|mx|ca|us|au|nz|jp|cn|hk|tw|in|ae|sa|tr|ru|ie|za|sg|xyz|link|club|page|"
    "top|blog|email|life|world|company|global|bio|id|is"
)
URL = re.compile(
    r"(?<![\w@./-])(?:"
    r"(?:https?|ftp)://[^\s<>\"'`{}|\\^]+"
    r"|www\.[^\s<>\"'`{}|\\^]+"
    rf"|(?:[a-z0-9](?:[a-z0-9-]{{0,62}}[a-z0-9])?\.){{1,5}}(?:{_TLDS})(?:/[^\s<>\"'`{{}}|\\^]*)?(?![\w@-])"
    r")",
    re.IGNORECASE,
)
_MAYBE_URL = re.compile(rf"https?://|ftp://|www\.|\.(?:{_TLDS})(?![a-z0-9-])", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\"»」』”’"
_AMAZON_HOST = re.compile(
    r"(?:^|\.)amazon\.(?:com|co\.uk|de|fr|es|it|co\.jp|ca|com\.mx|com\.br|nl|se|pl|com\.tr|ae|sa|in|"
    r"com\.au|sg|eg|com\.be|ie|co\.za|cn)$"
)
_AMAZON_SHORT = frozenset({"amzn.to", "a.co", "amzn.eu", "amzn.asia"})
SHORTENERS = frozenset(
    [
        "bit.ly",
        "tinyurl.com",
        "goo.gl",
        "t.co",
        "ow.ly",
        "is.gd",
        "buff.ly",
        "rebrand.ly",
        "cutt.ly",
        "shorturl.at",
        "tiny.cc",
        "rb.gy",
        "t.ly",
        "s.id",
        "bl.ink",
        "short.io",
        "lnkd.in",
        "shorte.st",
        "adf.ly",
        "v.gd",
        "qr.net",
        "tr.im",
        "x.co",
        "su.pr",
    ]
)
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

    @property
    def host(self) -> str:
        try:
            return (self.parts.hostname or "").lower().removeprefix("www.")
        except ValueError:
            return ""

    @property
    def path_and_query(self) -> str:
        query = f"?{self.parts.query}" if self.parts.query else ""
        return (self.parts.path or "/") + query

    @property
    def kind(self) -> str:
        """Return amazon-needed, amazon-product, amazon-store, amazon-short, amazon-other,
        shortener or external."""
        host = self.host
        if host in _AMAZON_SHORT:
            return "amazon-short"
        if _AMAZON_HOST.search(host):
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
        if host in SHORTENERS:
            return "shortener"
        return "external"


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in _TRAILING:
        # Keep a closing bracket that belongs to the URL ("…/Foo_(bar)").
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return start, end


def find_links(message: Message) -> list[Link]:
    """Return the links of a message: URLs in the visible text and, in HTML, ``href`` targets.

    A URL shown as the text of a link to the same address is reported once. The result is
    kept on the message, because several rules read it.
    """
    cached = message.__dict__.get("_links")
    if cached is not None:
        return cached
    links: list[Link] = []
    seen: set[str] = set()
    text = message.visible
    if message.html:
        for element in message.html_document.find("a", "area"):
            href = element.attrs.get("href", "").strip()
            if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "{{")):
                continue
            start, end = element.attr_span("href")
            links.append(Link(start, end, href, in_attribute=True))
            seen.add(_key(href))
    # Most messages hold no link at all: a cheap test spares them the full pattern.
    if not _MAYBE_URL.search(text):
        message.__dict__["_links"] = links
        return links
    for match in URL.finditer(text):
        start, end = _clean(text, *match.span())
        if end - start < 4:
            continue
        url = text[start:end]
        if "@" in url.split("/")[0]:
            continue
        if not re.match(r"(?:https?|ftp)://|www\.", url, re.IGNORECASE) and not _bare_domain_ok(url):
            continue
        if _key(url) in seen:
            continue
        seen.add(_key(url))
        links.append(Link(start, end, url))
    result = sorted(links, key=lambda link: link.start)
    message.__dict__["_links"] = result
    return result


def _bare_domain_ok(url: str) -> bool:
    """Tell whether a scheme-less match is a domain, not two sentences missing a space ("today.It")."""
    host = url.split("/")[0]
    tld = host.rsplit(".", 1)[-1]
    return tld.islower()


def _key(url: str) -> str:
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url.strip().lower()).rstrip("/")
