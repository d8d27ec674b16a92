"""R20, R40: links only where needed, and never over plain http."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..message import Message
from ..registry import Docs, Hit, rule

HTTP_URL = re.compile(r"\bhttp://[^\s<>\"')\]]+", re.IGNORECASE)


@rule(
    id="L201",
    name="insecure-url",
    category="insecure_url",
    severity="error",
    source="R40",
    message="This link uses http://; Amazon accepts only secure https:// links and images.",
    suggestion="Use https:// instead of http://.",
    docs=Docs(
        what="Finds URLs that start with http:// in the text or in HTML attributes.",
        why="The styling guidelines require secure (https) images and links; insecure ones "
        "are blocked.",
        example="See http://www.amazon.com/gp/css/order-history",
        instead="See https://www.amazon.com/gp/css/order-history",
    ),
    flags=["Go to http://www.amazon.com/gp/css/order-history", '<img src="http://x.com/a.png">'],
    passes=["Go to https://www.amazon.com/gp/css/order-history", "We use the HTTP protocol."],
)
def insecure_url(message: Message) -> Iterator[Hit]:
    for match in HTTP_URL.finditer(message.text):
        start = match.start()
        # Only the scheme changes, so the fix replaces "http" with "https".
        yield Hit(start, start + 4, fix="https")
