"""The HTML a seller edits, parsed once, with every element tied to its offsets in the source.

BeautifulSoup's ``html.parser`` tree records where each start tag begins (``sourceline`` and
``sourcepos``); from there we find the end of the start tag and the spans of attribute values
and inline-style declarations, so findings point at the exact characters to change.
Broken markup never raises: the parser recovers, and if it gives up the document is empty.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from html import unescape

# One start tag, honouring quoted attribute values that may contain ">".
_START_TAG = re.compile(
    r"<[A-Za-z][^\s/>]*(?:\s*(?:[^\s=/>\"']+(?:\s*=\s*(?:\"[^\"]*\"?|'[^']*'?|[^\s>]*))?|/))*\s*>?"
)
_ATTRIBUTE = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(?:\"([^\"]*)\"?|'([^']*)'?|([^\s>]*)))?")
_DECLARATION = re.compile(r"([A-Za-z-]+)\s*:\s*([^;]*)")


@dataclass
class Declaration:
    """One inline-style declaration such as ``font-family: Arial``."""

    name: str
    value: str
    start: int
    end: int


@dataclass
class Element:
    """A start tag in the source: its name, attributes and where each part sits."""

    tag: str
    start: int
    end: int
    attrs: dict[str, str]
    attr_spans: dict[str, tuple[int, int]]
    node: object = field(repr=False)
    style: list[Declaration] = field(default_factory=list)

    def attr_span(self, name: str) -> tuple[int, int]:
        """Return the span of an attribute's value, or of the whole start tag."""
        return self.attr_spans.get(name, (self.start, self.end))

    def css(self, name: str) -> Declaration | None:
        """Return the last inline declaration of a CSS property, as browsers apply it."""
        found = None
        for declaration in self.style:
            if declaration.name == name:
                found = declaration
        return found


@dataclass
class HtmlDocument:
    """All elements of a message in source order; ``by_node`` maps bs4 tags back to them."""

    elements: list[Element]
    by_node: dict[int, Element]
    soup: object | None

    def find(self, *tags: str) -> list[Element]:
        """Return the elements with one of the given tag names."""
        return [e for e in self.elements if e.tag in tags]

    def element_of(self, node: object) -> Element | None:
        return self.by_node.get(id(node))


def _parse_start_tag(source: str, start: int) -> tuple[int, dict[str, str], dict[str, tuple[int, int]]]:
    match = _START_TAG.match(source, start)
    end = match.end() if match else min(len(source), start + 1)
    attrs: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    name = re.match(r"<[^\s/>]*", source[start:end])
    pos = start + (name.end() if name else 1)
    for attr in _ATTRIBUTE.finditer(source, pos, end):
        key = attr.group(1).lower()
        if key in attrs:
            continue
        for group in (2, 3, 4):
            if attr.group(group) is not None:
                # Browsers decode entities in attribute values: "&#104;ttp://" is "http://".
                attrs[key] = unescape(attr.group(group))
                spans[key] = attr.span(group)
                break
        else:
            attrs[key] = ""
            spans[key] = attr.span(1)
    return end, attrs, spans


def _declarations(value: str, offset: int) -> list[Declaration]:
    return [
        Declaration(m.group(1).lower(), m.group(2).strip().lower(), offset + m.start(), offset + m.end())
        for m in _DECLARATION.finditer(value)
    ]


# A tag that never closes before the next "<": html.parser rescans the rest of the document for
# each one, which makes pasted, broken markup take seconds. Browsers show such text as text.
_UNTERMINATED_TAG = re.compile(r"<[A-Za-z/][^<>]*(?=<|\Z)")


def _parser_copy(source: str) -> str:
    """Return ``source`` with unterminated tags and comments defused, keeping every offset."""
    chars = None
    for match in _UNTERMINATED_TAG.finditer(source):
        chars = chars or list(source)
        chars[match.start()] = " "
    last_close = source.rfind("-->")
    start = source.find("<!--", last_close + 1 if last_close >= 0 else 0)
    while start >= 0:
        chars = chars or list(source)
        chars[start] = " "
        start = source.find("<!--", start + 4)
    return "".join(chars) if chars else source


def parse_html(source: str) -> HtmlDocument:
    """Parse ``source`` and return its elements with source offsets; never raise."""
    try:
        from bs4 import BeautifulSoup
        from bs4 import Tag as _Tag

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            soup = BeautifulSoup(_parser_copy(source), "html.parser")
    except Exception:  # the parser gave up on hopeless markup: treat it as having no tags
        return HtmlDocument([], {}, None)
    line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
    elements: list[Element] = []
    by_node: dict[int, Element] = {}
    for node in soup.descendants:
        if not isinstance(node, _Tag) or node.sourceline is None:
            continue
        line = node.sourceline - 1
        if line >= len(line_starts):
            continue
        start = line_starts[line] + (node.sourcepos or 0)
        if start >= len(source) or source[start] != "<":
            continue
        end, attrs, spans = _parse_start_tag(source, start)
        element = Element(node.name.lower(), start, end, attrs, spans, node)
        if "style" in attrs:
            element.style = _declarations(attrs["style"], spans["style"][0])
        elements.append(element)
        by_node[id(node)] = element
    elements.sort(key=lambda e: e.start)
    return HtmlDocument(elements, by_node, soup)


def ancestors(document: HtmlDocument, element: Element) -> list[Element]:
    """Return the parsed ancestors of an element, nearest first."""
    found: list[Element] = []
    parent = getattr(element.node, "parent", None)
    while parent is not None and len(found) < 64:
        known = document.element_of(parent)
        if known is not None:
            found.append(known)
        parent = getattr(parent, "parent", None)
    return found


def text_span(document: HtmlDocument, element: Element, source: str) -> tuple[int, int]:
    """Return the span from an element's start tag to the end of its closing tag (best effort)."""
    # Look a bounded way ahead: unclosed tags in broken markup must not make this quadratic.
    window_end = min(len(source), element.end + 2000)
    closing = re.compile(rf"</{re.escape(element.tag)}\s*>", re.IGNORECASE).search(
        source, element.end, window_end
    )
    return (element.start, closing.end() if closing else element.end)
