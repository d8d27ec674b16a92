"""R32: no emoji of any kind."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..message import Message
from ..registry import Docs, Example, Hit, rule
from ..removal import removal_hit

# One pass over Unicode properties: keycaps, flags (regional-indicator pairs), tag sequences,
# and pictographs with their skin-tone modifiers, VS16 and ZWJ joins. ©, ® and ™ are emoji only
# when followed by VS16; a bare ❤ (Extended_Pictographic, text presentation) still counts,
# because Amazon's scanner cannot tell presentation apart.
EMOJI = regex.compile(
    r"[0-9#*]\uFE0F?\u20E3"
    r"|\p{Regional_Indicator}{1,2}"
    r"|(?:(?![©®™‼⁉])\p{Extended_Pictographic}|[©®™‼⁉]\uFE0F)"
    r"[\p{Emoji_Modifier}\uFE0F\U000E0020-\U000E007F]*"
    r"(?:\u200D(?:\p{Extended_Pictographic}|\p{Regional_Indicator})"
    r"[\p{Emoji_Modifier}\uFE0F]*)*"
    r"|\p{Emoji_Modifier}"
    r"|\uFE0F"
)


@rule(
    id="S401",
    name="emoji",
    category="emoji",
    severity="error",
    source="emoji",
    message="Emoji are not allowed in buyer–seller messages.",
    suggestion="Remove the emoji.",
    docs=Docs(
        what="Finds emoji: pictographs, skin-tone variants, flags, keycaps and ZWJ sequences.",
        why="Amazon's communication guidelines forbid emoji; a message with one is blocked.",
        example="Your order 114-4909505-8661897 ships today 🎉",
        instead="Your order 114-4909505-8661897 ships today.",
    ),
    flags=[
        "Thanks 👍🏽 for order 114-4909505-8661897",
        "Pick 1️⃣ or 🇪🇸.",
        "Team 👨‍👩‍👧 ❤️",
        Example("<p>Thanks &#x1F600; for your order 114-4909505-8661897</p>", {"html": True}),
    ],
    passes=["© 2025 Acme™ order 114-4909505-8661897", "Price: 5 € → 4 €, 10 × 20 cm, 1-2"],
)
def emoji(message: Message) -> Iterator[Hit]:
    # The normalised reading decodes HTML entities (&#x1F600;) and maps them back to the source.
    reading = message.normalised
    if reading.text.isascii():
        return  # every emoji holds a character beyond ASCII (a keycap its U+20E3)
    run: tuple[int, int] | None = None
    for match in EMOJI.finditer(reading.text):
        start, end = reading.raw_span(*match.span())
        if run is not None and not message.visible[run[1] : start].strip():
            run = (run[0], end)  # emoji side by side are one finding, with one fix
            continue
        if run is not None:
            yield removal_hit(message, *run, introduced=False)
        run = (start, end)
    if run is not None:
        yield removal_hit(message, *run, introduced=False)
