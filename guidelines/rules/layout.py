"""R39: at most two line breaks in a row."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..i18n import _
from ..message import Message
from ..registry import Docs, Hit, rule

# A line break, then two or more lines that hold nothing but spaces: three breaks in a row.
_EXCESS_BREAKS = re.compile(r"\n(?:[ \t\r\u00a0\u3000]*\n){2,}")


@rule(
    id="S402",
    name="excess-line-breaks",
    category="line_breaks",
    severity="error",
    source="line-breaks",
    message="More than two line breaks in a row; Amazon allows at most one empty line.",
    suggestion="Keep a single empty line between paragraphs.",
    docs=Docs(
        what="Finds three or more consecutive line breaks (blank lines may hold spaces).",
        why="The styling guidelines allow no more than two line breaks in a row.",
        example="Thanks,\n\n\nAcme",
        instead="Thanks,\n\nAcme",
    ),
    flags=["Thanks,\n\n\nAcme", "Thanks,\n  \n \nAcme", "Thanks,\r\n\r\n\r\nAcme"],
    passes=["Thanks,\n\nAcme", "Line one\nLine two\n\nLine three"],
    mode="text",
)
def excess_line_breaks(message: Message) -> Iterator[Hit]:
    for match in _EXCESS_BREAKS.finditer(message.text):
        yield Hit(*match.span(), fix="\n\n", fix_label=_("Keep one empty line here"))
