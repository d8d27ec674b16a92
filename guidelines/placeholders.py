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


class Filled(str):
    """A filled template that knows where each of its characters came from in the template.

    The text between placeholders is the template's own, offset by what the values before it
    added; a value (with the space it may take along) stands for its whole placeholder.
    """

    # (filled start, filled end, template start, template end) of each replaced placeholder.
    values: tuple[tuple[int, int, int, int], ...]

    def __new__(cls, text: str, values: tuple[tuple[int, int, int, int], ...]) -> Filled:
        self = super().__new__(cls, text)
        self.values = values
        return self

    def _to_template(self, position: int, *, end: bool) -> tuple[int, bool]:
        shift = 0
        for start, stop, template_start, template_stop in self.values:
            if position <= start:
                break
            if position < stop or (position == stop and not end and start == stop):
                return (template_stop if end else template_start), False
            shift = template_stop - stop
        return position + shift, True

    def template_span(self, start: int, end: int) -> tuple[int, int, bool]:
        """Return the template span of ``start``–``end`` and whether it maps character for character.

        A span that begins or ends inside a value grows to the whole placeholder (not exact).
        """
        first, exact_start = self._to_template(start, end=False)
        last, exact_end = self._to_template(end, end=True)
        return first, max(first, last), exact_start and exact_end

    def covers_value(self, start: int, end: int) -> bool:
        """Tell whether ``start``–``end`` overlaps a filled-in value."""
        return any(s < end and start < e for s, e, _ts, _te in self.values)


def fill_mapped(text: str, values: Mapping[str, str]) -> Filled:
    """Fill ``text`` as :func:`fill` does, keeping the map back to the template's offsets."""
    pieces: list[str] = []
    spans: list[tuple[int, int, int, int]] = []
    length = last = 0
    for match in _WITH_SPACE.finditer(text):
        name = name_of(match)
        if name not in values:
            continue
        literal = text[last : match.start()]
        pieces.append(literal)
        length += len(literal)
        value = values[name]
        replacement = match.group(0)[: match.start(1) - 2 - match.start()] + value if value else ""
        pieces.append(replacement)
        spans.append((length, length + len(replacement), match.start(), match.end()))
        length += len(replacement)
        last = match.end()
    pieces.append(text[last:])
    return Filled("".join(pieces), tuple(spans))
