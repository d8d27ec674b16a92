"""Layer 1, html: the HTML a seller edits, parsed once, with every element tied to its offsets.

Three readings of the text come from one tokeniser (``_MARKUP``) and one list of block tags, so
the check and the export agree on what a buyer reads: :func:`visible_text` (markup blanked in
place, for offsets), :func:`visible_reading` (markup gone, entities decoded, mapped back to the
source) and :func:`plain_text` (the text the seller pastes into Seller Central).

The element tree (:func:`parse_html`) comes from the same tokeniser: each start tag with its
attributes, the spans of attribute values and inline-style declarations (so findings point at
the exact characters to change), its parent and its children, in one pass that is linear in
the length of the source. Broken markup never raises: a closing tag closes the nearest open
element of its name, or nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from html import unescape

from .normalise import Reading

# One start tag, honouring quoted attribute values that may contain ">".
_START_TAG = re.compile(
    r"<[A-Za-z][^\s/>]*(?:\s*(?:[^\s=/>\"']+(?:\s*=\s*(?:\"[^\"]*\"?|'[^']*'?|[^\s>]*))?|/))*\s*>?"
)
_ATTRIBUTE = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(?:\"([^\"]*)\"?|'([^']*)'?|([^\s>]*)))?")


# Tags after which a reader sees a new line; they become "\n" in the visible text.
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)"  # comments, unterminated ones run to the end
    r"|<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)"  # invisible content
    r"|</?([A-Za-z][A-Za-z0-9]*)\b[^>]*>?"  # ordinary tags, possibly unterminated
    r"|&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});",  # entities
    re.DOTALL | re.IGNORECASE,
)
_ENTITY_TEXT = {"&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"'}


def visible_text(html: str) -> str:
    """Return what a reader sees of ``html``, with every character at its source offset.

    Markup is blanked with spaces (block tags start a new line), so a span found in the
    result is also the span of the same words in the HTML source the seller edits.
    """

    def blank(match: re.Match[str]) -> str:
        token = match.group(0)
        if token.startswith("&"):
            shown = _ENTITY_TEXT.get(token.lower(), " ")
            return shown + " " * (len(token) - 1)
        tag = (match.group(2) or "").lower()
        if tag in BLOCK_TAGS:
            return "\n" + " " * (len(token) - 1)
        return " " * len(token)

    return _MARKUP.sub(blank, html)


def visible_reading(html: str) -> Reading:
    """Return what a reader sees of ``html`` as a reading: markup gone, entities decoded.

    Unlike :func:`visible_text` nothing keeps its place: "&#104;ttp://" reads "http://" and
    "st<b>a</b>rs" reads "stars", and every character maps back to its source span.
    """
    edits = []
    for match in _MARKUP.finditer(html):
        token = match.group(0)
        if token.startswith("&"):
            edits.append((match.start(), match.end(), unescape(token)))
        elif (match.group(2) or "").lower() in BLOCK_TAGS:
            edits.append((match.start(), match.end(), "\n"))
        else:
            edits.append((match.start(), match.end(), ""))
    return Reading(html, None, None, len(html)).replace(edits)


# Where a link's address is shown after its words in plain text, and how a list item starts.
_LIST_ITEM = "\n- "
_SPACES = re.compile(r"\s+")


def plain_text(html: str) -> str:
    """Return the text a buyer reads in ``html`` as plain text to paste into Seller Central.

    Blocks are paragraphs apart, list items start with "- ", a line break is a new line, and a
    link's address follows its words in brackets unless the words are the address. Give it
    sanitised HTML (the export does): scripts and styles are skipped, not rendered.
    """
    parts: list[str] = []
    links: list[tuple[str, int]] = []  # open <a>: its address and where its words start in parts
    run_start = 0
    for match in _MARKUP.finditer(html):
        token = match.group(0)
        if token.startswith("&"):
            continue  # entities are decoded with the text around them
        parts.append(_SPACES.sub(" ", unescape(html[run_start : match.start()])))
        run_start = match.end()
        tag = (match.group(2) or "").lower()
        closing = token.startswith("</")
        if tag == "br":
            parts.append("\n")
        elif tag == "li":
            if not closing:
                parts.append(_LIST_ITEM)
        elif tag in BLOCK_TAGS:
            parts.append("\n\n")
        elif tag == "a" and not closing:
            links.append((_parse_start_tag(html, match.start())[1].get("href", ""), len(parts)))
        elif tag == "a" and links:
            href, first = links.pop()
            if href and href not in "".join(parts[first:]):
                parts.append(f" ({href})")
    parts.append(_SPACES.sub(" ", unescape(html[run_start:])))
    text = re.sub(r"[ \t]+\n", "\n", "".join(parts))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


@dataclass
class Declaration:
    """One CSS declaration such as ``font-family: Arial``, from a style attribute or a <style> block."""

    name: str
    value: str
    start: int
    end: int
    # The images it loads: url(…) values as (address, start, end) in the source.
    urls: tuple[tuple[str, int, int], ...] = ()


@dataclass(slots=True)
class Element:
    """A start tag in the source: its name, attributes and where each part sits."""

    tag: str
    start: int
    end: int
    attrs: dict[str, str]
    attr_spans: dict[str, tuple[int, int]]
    # The element it sits in (None at the top), and its children: elements and decoded text.
    parent: Element | None = field(default=None, repr=False, compare=False)
    style: list[Declaration] = field(default_factory=list)
    # False for an image set by an attribute: deleting its span would break the tag around it.
    removable: bool = True
    children: list[Element | str] = field(default_factory=list, repr=False, compare=False)
    # The span of the closing tag that closed it, if one did.
    closed: tuple[int, int] | None = None

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
    """All elements of a message in source order, and the text a reader sees, by element."""

    elements: list[Element]
    # Each run of text outside script and style, entities decoded, with the element it is in.
    texts: list[tuple[str, Element | None]] = field(default_factory=list)
    # Declarations of <style> blocks, with the <style> element that holds them.
    stylesheet: list[tuple[Element, Declaration]] = field(default_factory=list)
    _by_attribute: dict[str, dict[tuple[int, int], Element]] = field(default_factory=dict, repr=False)

    def with_attribute_at(self, name: str, span: tuple[int, int]) -> Element | None:
        """Return the element whose attribute ``name`` has its value at ``span``."""
        index = self._by_attribute.get(name)
        if index is None:
            index = {e.attr_spans[name]: e for e in self.elements if name in e.attr_spans}
            self._by_attribute[name] = index
        return index.get(span)

    @cached_property
    def _by_content(self) -> dict[tuple[int, int], Element]:
        return {(e.end, e.closed[0]): e for e in self.elements if e.closed}

    def wrapping(self, start: int, end: int) -> Element | None:
        """Return the element whose start tag ends at ``start`` and closing tag begins at ``end``."""
        return self._by_content.get((start, end))

    def find(self, *tags: str) -> list[Element]:
        """Return the elements with one of the given tag names."""
        return [e for e in self.elements if e.tag in tags]

    def hidden_content(self) -> list[tuple[int, int]]:
        """Return the source spans of what elements hide from the reader by their own style or the
        ``hidden`` attribute: display:none, visibility:hidden, font-size:0, opacity:0."""
        spans = []
        for element in self.elements:
            if element.closed is not None and _hides(element):
                spans.append((element.end, element.closed[0]))
        return spans

    def images(self) -> list[Element]:
        """Return every image the message loads, each as an ``img``-like element.

        Besides <img>: <input type=image>, SVG <image>, <object> and <embed> of an image, the
        ``background`` attribute (tables, cells, body), and CSS url() in style attributes and
        <style> blocks (background, background-image, list-style-image, content, border-image).
        An image set by an attribute or a <style> block is not ``removable`` as a whole element.
        """
        found: list[Element] = []
        for element in self.elements:
            tag, attrs = element.tag, element.attrs
            if tag == "img" or (tag == "input" and attrs.get("type", "").strip().lower() == "image"):
                found.append(element)
            elif tag == "image" and (attrs.get("href") or attrs.get("xlink:href")):
                found.append(
                    _as_image(element, attrs.get("href") or attrs["xlink:href"], element.start, element.end)
                )
            elif tag in ("object", "embed") and _looks_like_image(
                attrs.get("data") or attrs.get("src", ""), attrs
            ):
                src = attrs.get("data") or attrs.get("src", "")
                found.append(_as_image(element, src, element.start, element.end, removable=False))
            if attrs.get("background", "").strip():
                span = element.attr_span("background")
                found.append(_as_image(element, attrs["background"], *span, removable=False))
            for declaration in element.style:
                for url, start, end in declaration.urls:
                    found.append(_as_image(element, url, declaration.start, declaration.end, at=(start, end)))
        for holder, declaration in self.stylesheet:
            for url, start, end in declaration.urls:
                if declaration.name != "@import":
                    found.append(
                        _as_image(
                            holder, url, declaration.start, declaration.end, at=(start, end), sized=False
                        )
                    )
        found.sort(key=lambda e: e.start)
        return found


_TAG_NAME = re.compile(r"<[^\s/>]*")


def _parse_start_tag(source: str, start: int) -> tuple[int, dict[str, str], dict[str, tuple[int, int]]]:
    match = _START_TAG.match(source, start)
    end = match.end() if match else min(len(source), start + 1)
    attrs: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    name = _TAG_NAME.match(source, start, end)
    pos = name.end() if name else start + 1
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
    """Parse a declaration list (a style attribute) with tinycss2; offsets point into the source."""
    import tinycss2

    nodes = tinycss2.parse_blocks_contents(value, skip_comments=True, skip_whitespace=True)
    return _from_nodes(nodes, value, offset)


def _from_nodes(nodes: list, css: str, offset: int) -> list[Declaration]:
    import tinycss2

    line_starts = _line_starts(css)
    found: list[Declaration] = []
    for node in nodes:
        if node.type != "declaration":
            continue
        start = _position(line_starts, node.source_line, node.source_column)
        urls = tuple((url, offset + s, offset + e) for url, s, e in _urls(node.value, css, line_starts))
        found.append(
            Declaration(node.lower_name, tinycss2.serialize(node.value).strip().lower(), start, start, urls)
        )
    # A declaration runs to the next one (or the end), without the separating ";" and spaces.
    for index, declaration in enumerate(found):
        limit = found[index + 1].start if index + 1 < len(found) else len(css)
        stops = [
            i
            for i in (css.find(";", declaration.start, limit), css.find("}", declaration.start, limit))
            if i >= 0
        ]
        end = min(stops, default=limit)
        while end > declaration.start and css[end - 1].isspace():
            end -= 1
        declaration.start, declaration.end = offset + declaration.start, offset + end
    return found


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def _position(line_starts: list[int], line: int, column: int) -> int:
    return line_starts[min(line, len(line_starts)) - 1] + column - 1


def _urls(tokens: list, css: str, line_starts: list[int]) -> list[tuple[str, int, int]]:
    """Return the url(…) values among CSS tokens, with their offsets in the parsed text."""
    found = []
    for token in tokens:
        is_url = token.type == "url"
        is_function = token.type == "function" and token.lower_name in ("url", "image", "image-set")
        if not (is_url or is_function):
            continue
        start = _position(line_starts, token.source_line, token.source_column)
        close = css.find(")", start)
        end = len(css) if close < 0 else close + 1
        if is_url:
            found.append((token.value, start, end))
        elif token.lower_name == "url":
            found.extend((t.value, start, end) for t in token.arguments[:3] if t.type == "string")
        else:  # image("a.png"), image-set("a.png" 1x, url(b.png) 2x)
            found.extend((t.value, start, end) for t in token.arguments if t.type == "string")
            found.extend(_urls(token.arguments, css, line_starts))
    return found


def stylesheet_declarations(css: str, offset: int) -> list[Declaration]:
    """Parse a <style> block: the declarations of every rule, and @import addresses, with offsets."""
    import tinycss2

    line_starts = _line_starts(css)
    found: list[Declaration] = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule":
            nodes = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
            found.extend(_from_nodes(nodes, css, offset))
        elif rule.type == "at-rule" and rule.lower_at_keyword == "import":
            start = _position(line_starts, rule.source_line, rule.source_column)
            urls = tuple((u, offset + s, offset + e) for u, s, e in _urls(rule.prelude, css, line_starts))
            found.append(
                Declaration(
                    "@import",
                    tinycss2.serialize(rule.prelude).strip(),
                    offset + start,
                    offset + start + 7,
                    urls,
                )
            )
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword == "media":
            found.extend(stylesheet_declarations_of_block(rule.content, css, offset))
    return found


def stylesheet_declarations_of_block(content: list, css: str, offset: int) -> list[Declaration]:
    """Return the declarations of the rules nested in an @media block."""
    import tinycss2

    found: list[Declaration] = []
    for rule in tinycss2.parse_rule_list(content, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule":
            nodes = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
            found.extend(_from_nodes(nodes, css, offset))
    return found


_HIDING = {
    "display": re.compile(r"none\b"),
    "visibility": re.compile(r"(?:hidden|collapse)\b"),
    "font-size": re.compile(r"0*(?:\.0*)?(?:px|pt|em|rem|%)?\s*(?:!important)?$"),
    "opacity": re.compile(r"0*(?:\.0*)?\s*(?:!important)?$"),
}


def _hides(element: Element) -> bool:
    """Tell whether an element's own style or attributes keep its content from being seen."""
    if "hidden" in element.attrs:
        return True
    for name, value in _HIDING.items():
        declaration = element.css(name)
        if declaration is not None and value.match(declaration.value.strip().lower()):
            return True
    return False


# Elements that never hold anything: no closing tag is waited for.
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
# A doctype or processing instruction between the tags is no text a reader sees.
_DECLARATION = re.compile(r"<[!?][^>]*>?")


# How many levels any reading of the tree looks up or down: deeper nesting is broken markup, and
# a bounded look keeps a flood of tags linear. A closing tag looks this far down the open elements
# for its own (a deeper one stays open); ancestors and inherited styles are read this far up.
MAX_DEPTH = 64


def _nearest_open(open_elements: list[Element], tag: str) -> int | None:
    """Return the index of the innermost open element named ``tag``, looking a bounded way."""
    for depth in range(len(open_elements) - 1, max(-1, len(open_elements) - 1 - MAX_DEPTH), -1):
        if open_elements[depth].tag == tag:
            return depth
    return None


def parse_html(source: str) -> HtmlDocument:
    """Parse ``source`` into its elements (source order, with offsets) and texts; never raise.

    The tokens are those of :func:`visible_text`; a start tag ends where its quoted attribute
    values allow (``_START_TAG``), a closing tag closes the nearest open element of its name,
    a link starts after the one before has ended (as browsers read ``<a>`` in ``<a>``), and a
    tag left open at the end closes there. Script and style content is not parsed.
    """
    elements: list[Element] = []
    texts: list[tuple[str, Element | None]] = []
    top: list[Element | str] = []
    open_elements: list[Element] = []
    position = 0

    def add_text(start: int, end: int) -> None:
        if start >= end:
            return
        text = unescape(_DECLARATION.sub("", source[start:end]))
        if text:
            parent = open_elements[-1] if open_elements else None
            (parent.children if parent else top).append(text)
            texts.append((text, parent))

    for match in _MARKUP.finditer(source):
        if match.start() < position or match.group(0).startswith("&"):
            continue  # inside a start tag already read, or an entity of the text around it
        add_text(position, match.start())
        position = match.end()
        tag = (match.group(1) or match.group(2) or "").lower()
        if not tag:
            continue  # a comment
        if match.group(0).startswith("</"):
            depth = _nearest_open(open_elements, tag)
            if depth is not None:
                open_elements[depth].closed = match.span()
                del open_elements[depth:]
            continue
        if match.end() - match.start() == len(tag) + 2:  # "<p>": nothing more to read
            end, attrs, spans = match.end(), {}, {}
        else:
            end, attrs, spans = _parse_start_tag(source, match.start())
        if not source.endswith(">", 0, end):
            continue  # cut off by the end of the text: browsers drop it
        if tag == "a":
            # A link never holds a link: browsers end the open one where the next begins.
            depth = _nearest_open(open_elements, "a")
            if depth is not None:
                del open_elements[depth:]
        parent = open_elements[-1] if open_elements else None
        element = Element(tag, match.start(), end, attrs, spans, parent)
        if "style" in attrs:
            element.style = _declarations(attrs["style"], spans["style"][0])
        elements.append(element)
        (parent.children if parent else top).append(element)
        if match.group(1):  # script or style: its content was read with the tag
            continue
        position = max(position, end)
        if tag not in _VOID and not source.endswith("/>", 0, end):
            open_elements.append(element)
    add_text(position, len(source))
    stylesheet = []
    lowered = source.lower() if any(e.tag == "style" for e in elements) else ""
    for element in elements:
        if element.tag == "style":
            close = lowered.find("</style", element.end)
            css = source[element.end : close if close >= 0 else len(source)]
            stylesheet.extend((element, d) for d in stylesheet_declarations(css, element.end))
    return HtmlDocument(elements, texts, stylesheet)


_IMAGE_TYPES = re.compile(r"\.(?:png|jpe?g|gif|webp|bmp|svg|avif|ico)(?:[?#]|$)|^data:image/", re.IGNORECASE)


def _looks_like_image(src: str, attrs: dict[str, str]) -> bool:
    return attrs.get("type", "").strip().lower().startswith("image/") or bool(
        _IMAGE_TYPES.search(src.strip())
    )


def _as_image(
    element: Element,
    src: str,
    start: int,
    end: int,
    *,
    at: tuple[int, int] | None = None,
    removable: bool = True,
    sized: bool = True,
) -> Element:
    """Return an ``img``-like element for an image another element loads (its size and links kept)."""
    attrs = {"src": src.strip(), "alt": element.attrs.get("alt", "")}
    if sized:
        for name in ("width", "height"):
            if name in element.attrs:
                attrs[name] = element.attrs[name]
    spans = {"src": at} if at else {}
    style = element.style if sized else []
    return Element("img", start, end, attrs, spans, element.parent, style, removable)


def ancestors(element: Element) -> list[Element]:
    """Return the parsed ancestors of an element, nearest first."""
    found: list[Element] = []
    parent = element.parent
    while parent is not None and len(found) < MAX_DEPTH:
        found.append(parent)
        parent = parent.parent
    return found


def text_span(element: Element) -> tuple[int, int]:
    """Return the span from an element's start tag to the end of its closing tag, if it has one."""
    return (element.start, element.closed[1] if element.closed else element.end)
