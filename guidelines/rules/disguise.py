"""S409, S410: text written so that a filter does not see it: invisible characters, look-alike letters."""

from __future__ import annotations

from collections.abc import Iterator

from ..message import Message
from ..normalise import invisible_runs, mixed_script_words
from ..registry import Docs, Hit, rule


@rule(
    id="S409",
    name="invisible-characters",
    category="formatting",
    severity="error",
    source="hidden-text",
    message="This text holds invisible characters (zero-width spaces, joiners or direction controls).",
    suggestion="Remove the invisible characters.",
    docs=Docs(
        what="Finds zero-width spaces and joiners (outside emoji), soft hyphens, word joiners, "
        "byte-order marks and bidirectional controls such as right-to-left overrides.",
        why="They split or reverse words on screen without showing; Amazon reads through them, and "
        "a message that hides words this way looks like an attempt to get past its filters.",
        example="Please leave a 5-st\u200bar review.",
        instead="Your order has shipped.",
    ),
    flags=["Your order has\u200b shipped.", "Thanks\u202e for your order.", "Sure\u00adly done."],
    passes=["Your order has shipped.", "Our team 👨\u200d👩\u200d👧 thanks you."],
)
def invisible_characters(message: Message) -> Iterator[Hit]:
    text = message.visible
    group: list[tuple[int, int]] = []
    for run in [*invisible_runs(text), None]:
        # Runs close together are one finding whose fix keeps the text between them, so a word
        # split by a hundred zero-width spaces is one mark, not a hundred.
        if group and (run is None or run[0] - group[0][0] > _GROUP_SPAN):
            start, end = group[0][0], group[-1][1]
            kept, position = [], start
            for run_start, run_end in group:
                kept.append(text[position:run_start])
                position = run_end
            yield Hit(start, end, fix="".join(kept))
            group = []
        if run is not None:
            group.append(run)


# Invisible characters within this many characters of the first one share a finding.
_GROUP_SPAN = 80


@rule(
    id="S410",
    name="mixed-script-word",
    category="formatting",
    severity="error",
    source="hidden-text",
    message="This word mixes Latin letters with look-alike letters of another alphabet.",
    suggestion="Type the word again with the letters of one alphabet.",
    docs=Docs(
        what="Finds words in which Latin letters stand next to Cyrillic or Greek letters that look "
        "the same (a Cyrillic а in 'stаrs').",
        why="Look-alike letters only serve to hide words from filters; Amazon treats the message as "
        "an attempt to get around its rules.",
        example="Leave us a fіve-star review.",
        instead="Your order has shipped.",
    ),
    flags=["Leave us a f\u0456ve-star review.", "Visit \u0430mazon-deals now."],
    passes=["A 10 kΩ resistor, 5 μm thin.", "Поздравляем! Your order has shipped."],
)
def mixed_script_word(message: Message) -> Iterator[Hit]:
    for start, end in mixed_script_words(message.visible):
        word = message.visible[start:end]
        fixed = message.normalised.text[slice(*_reading_span(message, start, end))]
        # An exact fix exists when only the case-folded letters changed in the word.
        yield Hit(start, end, fix=_restore_case(word, fixed))


def _reading_span(message: Message, start: int, end: int) -> tuple[int, int]:
    """Return the span of the normalised text that stands for the raw span ``start``…``end``."""
    reading = message.normalised
    if reading.starts is None:
        return start, end
    from bisect import bisect_left

    return bisect_left(reading.starts, start), bisect_left(reading.starts, end)


def _restore_case(raw: str, folded: str) -> str | None:
    if len(raw) != len(folded):
        return None
    return "".join(f.upper() if r.isupper() else f for r, f in zip(raw, folded, strict=True))
