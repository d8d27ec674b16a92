"""Accessibility basics for HTML messages: alt text, meaningful link text, a document language."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..html_doc import Element, text_span
from ..lexicon import load_lexicon
from ..message import Message
from ..registry import Docs, Example, Hit, rule


@rule(
    id="X901",
    name="image-without-alt",
    category="accessibility",
    severity="warning",
    source="alt-text",
    message="This image has no alt text; screen readers cannot describe it.",
    suggestion='Add alt text (alt="Acme logo"), or alt="" for a purely decorative image.',
    docs=Docs(
        what="Finds <img> elements without an alt attribute.",
        why="Buyers using screen readers hear nothing (or the file name) for such images.",
        example='<img src="https://cdn.example.com/logo.png">',
        instead='<img src="https://cdn.example.com/logo.png" alt="Acme logo">',
    ),
    flags=[Example('<p>Hi</p><img src="https://cdn.example.com/logo.png">', {"html": True})],
    passes=[Example('<img src="https://cdn.example.com/logo.png" alt="Acme logo">', {"html": True})],
    mode="html",
)
def image_without_alt(message: Message) -> Iterator[Hit]:
    for element in message.html_document.find("img"):
        if "alt" not in element.attrs:
            yield Hit(element.start, element.end)


def _link_text(element: Element, limit: int = 200) -> str:
    """Return the first words of a link, images by their alt text; bounded for broken nesting."""
    parts: list[str] = []
    size = 0
    stack = list(reversed(element.children))
    visited = 0
    while stack and visited <= 50 and size <= limit:
        child = stack.pop()
        visited += 1
        if isinstance(child, str):
            parts.append(child)
            size += len(child)
            continue
        if child.tag == "img":
            alt = child.attrs.get("alt", "")
            parts.append(alt)
            size += len(alt)
        elif child.tag not in ("script", "style"):
            stack.extend(reversed(child.children))
    return " ".join(" ".join(parts).split())


def _is_vague(message: Message, text: str) -> bool:
    words = text.strip().strip(".:!>»→").strip()
    if not words:
        return True
    for language in message.content_languages:
        lexicon = load_lexicon(language)
        if lexicon is None:
            continue
        spans = lexicon.scan(words).get("vague_link_text", [])
        if any(start == 0 and end == len(words) for start, end in spans):
            return True
    return False


@rule(
    id="X902",
    name="vague-link-text",
    category="accessibility",
    severity="warning",
    source="link-text",
    message="The link text does not say where the link goes.",
    suggestion="Name the destination: “your order page on Amazon” instead of “click here”.",
    docs=Docs(
        what='Finds links whose text is empty or only "click here", "here", "link" and the '
        "like in the buyer's language (an image with alt text counts as link text).",
        why='Screen-reader users often list links out of context; "click here" tells them nothing.',
        example='<a href="https://www.amazon.com/your-orders">click here</a>',
        instead='<a href="https://www.amazon.com/your-orders">your orders on Amazon</a>',
    ),
    flags=[
        Example('<p><a href="https://www.amazon.com/your-orders">click here</a></p>', {"html": True}),
        Example('<p><a href="https://www.amazon.com/your-orders"></a></p>', {"html": True}),
    ],
    passes=[
        Example(
            '<p><a href="https://www.amazon.com/your-orders">your orders on Amazon</a></p>', {"html": True}
        )
    ],
    mode="html",
)
def vague_link_text(message: Message) -> Iterator[Hit]:
    for element in message.html_document.find("a"):
        if "href" not in element.attrs:
            continue
        text = _link_text(element)
        if _is_vague(message, text):
            yield Hit(*text_span(element))


@rule(
    id="X903",
    name="missing-document-language",
    category="accessibility",
    severity="warning",
    source="document-language",
    message="The HTML document does not declare its language.",
    suggestion='Add the buyer\'s language: <html lang="de">.',
    docs=Docs(
        what="Finds a full HTML document (<html> element) without a lang attribute. Body "
        "fragments take the language of the page Amazon puts them in.",
        why="Screen readers pick pronunciation from the declared language.",
        example="<html><body><p>Hallo</p></body></html>",
        instead='<html lang="de"><body><p>Hallo</p></body></html>',
    ),
    flags=[Example("<html><body><p>Hi</p></body></html>", {"html": True})],
    passes=[
        Example('<html lang="en"><body><p>Hi</p></body></html>', {"html": True}),
        Example("<p>Hi</p>", {"html": True}),
    ],
    mode="html",
)
def missing_document_language(message: Message) -> Iterator[Hit]:
    for element in message.html_document.find("html"):
        if not re.match(
            r"^[A-Za-z]{2,3}", element.attrs.get("lang", "") or element.attrs.get("xml:lang", "")
        ):
            yield Hit(element.start, element.end)
        return
