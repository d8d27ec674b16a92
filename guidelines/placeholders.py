"""Template placeholders (``{{order_id}}``): their one syntax, and filling them in.

A template names order data in double braces; spaces inside are allowed (``{{ order_id }}``).
The template preview, a new draft and the unfilled-placeholder rule (T901) all use this module,
so a placeholder the preview fills is filled in the draft too, and one left over is reported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# Anything in double braces on one line is a placeholder, so a misspelled one is reported too.
# Bounded, so a text full of braces is read in linear time.
PLACEHOLDER = re.compile(r"\{\{([^{}\n]{0,60})\}\}")
# An empty value takes the space (or ideographic space) before its placeholder along.
_WITH_SPACE = re.compile(r"[ \u3000]?\{\{([^{}\n]{0,60})\}\}")


def name_of(match: re.Match[str]) -> str:
    """Return the placeholder name of a match: ``{{ order_id }}`` → ``order_id``."""
    return match.group(1).strip()


def names_in(text: str) -> list[str]:
    """Return the placeholder names in ``text``, in order, each once."""
    return list(dict.fromkeys(name_of(match) for match in PLACEHOLDER.finditer(text)))


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace each placeholder named in ``values``; the others stay, so the check reports them.

    An empty value removes its placeholder with the space before it: "Hello {{buyer_name}},"
    reads "Hello," when Amazon gave no name.
    """

    def replace(match: re.Match[str]) -> str:
        name = name_of(match)
        if name not in values:
            return match.group(0)
        value = values[name]
        if value:
            # The space before the placeholder belongs to the text.
            return match.group(0)[: match.start(1) - 2 - match.start()] + value
        return ""

    return _WITH_SPACE.sub(replace, text)
