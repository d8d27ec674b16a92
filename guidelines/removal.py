"""Removals that leave clean text: the span a "remove it" fix really takes out.

Removing an e-mail address, a phone number or a link alone leaves the words that introduced it
("or email me at  ", "Visit ."). A removal here takes those words along, as each language pack
names them (``[removal]``: ``intro`` before the details, ``after`` behind them in verb-final
languages, ``joiner`` for the "or"/"and" that tied them to the rest of the sentence), then the
space on one side, and the whole sentence when nothing of it would be left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .html_doc import BLOCK_TAGS, Element
from .languages import find_pack
from .lexicon import Lexicon, compile_lexicon
from .message import Message
from .registry import Hit

# Where a sentence ends: its final punctuation (followed by a space or the end) or a line break.
_SENTENCE_END = re.compile(r"[.!?](?=[\s\x00]|$)|[。！？]|\n")
# What markup reads as in the text the removal looks at: nothing to extend over or into.
_MARKUP = "\x00"
# What may stand between introducing words and the details: spaces, a colon, a dash, a bracket.
_INTRO_GAP = re.compile(r"[ \t\u00a0\u3000:：\-–—(（「\"']*\Z")
_AFTER_GAP = re.compile(r"[ \t\u00a0\u3000)）」\"']*")
_SPACE = " \t\u00a0"
_CLOSING = ".,;:!?。，、；：！？)）"
_COMMA = ",，、;；"
_BRACKETS = {"(": ")", "（": "）", "[": "]", "「": "」"}
_WORDS = re.compile(r"\w")


@dataclass(frozen=True)
class Removal:
    """The characters ``start``–``end`` of the text a removal deletes."""

    start: int
    end: int
    # What takes their place: nothing, or the next word's first letter in capitals.
    fix: str = ""


@cache
def _lexicon(language: str) -> Lexicon | None:
    pack = find_pack(language)
    if pack is None:
        return None
    return compile_lexicon(f"{pack.code}-removal", {"cjk": not pack.word_separated, "phrases": pack.removal})


def preload(languages: tuple[str, ...]) -> None:
    """Compile the removal words of these languages now (the site does it before forking workers)."""
    for language in languages:
        _lexicon(language)


def _found(message: Message, key: str, text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for language in message.content_languages:
        lexicon = _lexicon(language)
        if lexicon is not None:
            spans += lexicon.scan(text).get(key, ())
    return spans


def _sentence_start(text: str, position: int) -> tuple[int, bool]:
    """Return where the sentence holding ``position`` starts (after the previous one's end).

    It is looked for at most ``_SENTENCE_REACH`` characters back; a longer run without a sentence
    end starts at the first space there (and the second value says it was cut), so each removal
    reads a bounded stretch of text.
    """
    window = max(0, position - _SENTENCE_REACH)
    start, cut = (0, False) if not window else (text.find(" ", window, position) + 1 or window, True)
    for match in _SENTENCE_END.finditer(text, window, position):
        start, cut = match.end(), False
    while start < position and text[start] in " \t\u00a0\u3000\n":
        start += 1
    return start, cut


_SENTENCE_REACH = 400


def _sentence_end(text: str, position: int) -> tuple[int, bool]:
    """Return where the sentence holding ``position`` ends: after its punctuation, before a line break.

    It is looked for at most ``_SENTENCE_REACH`` characters on; a longer run ends at the last
    space there (and the second value says it was cut).
    """
    reach = position + _SENTENCE_REACH
    match = _SENTENCE_END.search(text, position, reach)
    if match is None:
        if reach >= len(text):
            return len(text), False
        return text.rfind(" ", position, reach) + 1 or reach, True
    return (match.start() if match.group(0) == "\n" else match.end()), False


def removal(
    message: Message, start: int, end: int, *, introduced: bool = True, sentence: bool = False
) -> Removal | None:
    """Return the span to delete so that removing ``start``–``end`` leaves clean text.

    ``introduced``: the span is contact details or a link, whose introducing words go with it.
    ``sentence``: the span is what its sentence is for ("To unsubscribe, reply STOP"), so the
    sentence goes whole; None when it cannot, because the sentence names the order.
    In HTML the removal never reaches into markup: then only the span itself goes.
    """
    text = _readable(message)
    raw = message.text
    text, start, end = _unwrapped(message, text, start, end)
    left, right = start, end
    sentence_start, cut_before = _sentence_start(text, start)
    joined = False
    if introduced:
        found = _found(message, "intro", text[sentence_start:left])
        # Introductions may follow each other ("For details, visit …", 詳しくは公式サイト …).
        while True:
            before = text[sentence_start:left]
            intros = [s for s, e in found if e <= len(before) and _INTRO_GAP.match(before, e)]
            if not intros or sentence_start + min(intros) >= left:
                break
            left = sentence_start + min(intros)
        if left == start:
            # Nothing introduced them, but a preposition tied them into the sentence: it goes too
            # ("find the manual at example.com in the box" → "find the manual in the box").
            before = text[sentence_start:left]
            tied = [s for s, e in _found(message, "preposition", before) if not before[e:].strip(_SPACE)]
            if tied:
                left = sentence_start + max(tied)
        after_gap = _AFTER_GAP.match(text, right).end()
        window = text[after_gap : _sentence_end(text, right)[0]]
        afters = [e for s, e in _found(message, "after", window) if s == 0]
        if afters:
            right = after_gap + max(afters)
        before = text[sentence_start:left]
        joiners = [s for s, e in _found(message, "joiner", before) if not before[e:].strip(_SPACE + "\u3000")]
        if joiners:
            left = sentence_start + max(joiners)
            joined = True
            while left > sentence_start and text[left - 1] in _SPACE + _COMMA:
                left -= 1
    # "(call 0123 456)": the brackets go too.
    if left > 0 and right < len(text) and _BRACKETS.get(text[left - 1]) == text[right]:
        left, right = left - 1, right + 1
    if introduced and not joined:
        # "email me at a@b.com or reply here": the "or" after the details goes instead.
        gap = len(text[right:]) - len(text[right:].lstrip(_SPACE))
        rest = text[right + gap : _sentence_end(text, right)[0]]
        joiners = [
            e for s, e in _found(message, "joiner", rest) if s == 0 and rest[e : e + 1] in ("", *_SPACE)
        ]
        if joiners and text[left - 1 : left] in ("", *_SPACE, *_COMMA, "\n"):
            right, joined = right + gap + max(joiners), True
    sentence_end, cut_after = _sentence_end(text, right)
    # A run longer than the reach has no sentence to remove whole: only the details go.
    cut = cut_before or cut_after
    if cut and sentence:
        return None
    remains = text[sentence_start:left] + text[right:sentence_end]
    # Details that open or close a sentence on their own ("Visit example.com for tips.", "For
    # questions, call 0123 456.") are what the sentence is about: it goes whole.
    whole = sentence or (
        introduced and not joined and (left == sentence_start or not _WORDS.search(text[right:sentence_end]))
    )
    # A sentence that names the order (its ID, a placeholder) keeps it: only the details go.
    keeps = [(s, e) for s, e in _kept_spans(message) if s < sentence_end and sentence_start < e]
    if sentence and keeps:
        return None
    whole = whole and not keeps and not cut
    fix = ""
    if whole or (not _WORDS.search(remains) and not keeps and not cut):
        left, right = sentence_start, sentence_end
        while right < len(text) and text[right] in _SPACE + "\u3000":
            right += 1
        at_line_start = left == 0 or raw[left - 1] == "\n"
        if at_line_start and right < len(text) and raw[right] == "\n":
            right += 1
        elif at_line_start and right == len(text) and left > 0:
            left -= 1
        elif right == len(text) or text[right] == "\n":
            while left > 0 and text[left - 1] in _SPACE + "\u3000":
                left -= 1
    else:
        following = text[right : right + 1]
        if (
            left > 0
            and text[left - 1] in _SPACE
            and (following in ("", "\n") or following in _SPACE + _CLOSING)
        ):
            while left > 0 and text[left - 1] in _SPACE:
                left -= 1
        elif left == sentence_start and following in _SPACE:
            while right < len(text) and text[right] in _SPACE:
                right += 1
        # "Thanks, ." → "Thanks."
        following = text[right : right + 1]
        if left > 0 and text[left - 1] in _COMMA and (following in ("", "\n") or following in ".!?。！？"):
            left -= 1
        # The sentence now starts with the word after the removal: "reply here" → "Reply here".
        if left == sentence_start and following.islower():
            right, fix = right + 1, following.upper()
    if _MARKUP in text[left:right]:
        return Removal(start, end)
    return Removal(left, right, fix)


def _unwrapped(message: Message, text: str, start: int, end: int) -> tuple[str, int, int]:
    """Widen a span that is all of an inline element's words (``<b>a@b.com</b>``) to its tags.

    The tags then read as spaces, so the words that introduced the details are found across
    them and go too, and no empty element is left behind.
    """
    if not message.html:
        return text, start, end
    document = message.html_document
    while (element := document.wrapping(start, end)) is not None and element.tag not in BLOCK_TAGS:
        closing = element.closed
        text = (
            text[: element.start]
            + " " * (start - element.start)
            + text[start:end]
            + " " * (closing[1] - end)
            + text[closing[1] :]
        )
        start, end = element.start, closing[1]
    return text, start, end


def _kept_spans(message: Message) -> list[tuple[int, int]]:
    """Return the order IDs and placeholders of the text: a fix never takes them along."""
    return [m.span() for m in message.order_ids] + message.placeholders


def _readable(message: Message) -> str:
    """Return the visible text with its markup (HTML tags and entities) as _MARKUP characters.

    A block tag still ends a line, but nothing is removed across or into markup: a removal stays
    inside the text between tags and the HTML stays whole.
    """
    if not message.html:
        return message.text
    shown, raw = message.visible, message.text
    return "".join(c if c == r else ("\n" if c == "\n" else _MARKUP) for c, r in zip(shown, raw, strict=True))


MAX_REMOVALS = 64


def removal_hit(
    message: Message,
    start: int,
    end: int,
    *,
    introduced: bool = True,
    sentence: bool = False,
    label: str | None = None,
) -> Hit:
    """Return a hit at ``start``–``end`` whose fix removes it cleanly (see :func:`removal`).

    A message gets at most ``MAX_REMOVALS`` such fixes: each reads the words around its span,
    and a flood of addresses would otherwise cost seconds; the seller fixes the first ones and
    the next check offers the rest.
    """
    done = message.__dict__.get("_removals", 0)
    if done >= MAX_REMOVALS:
        return Hit(start, end)
    message.__dict__["_removals"] = done + 1
    cut = removal(message, start, end, introduced=introduced, sentence=sentence)
    if cut is None:
        return Hit(start, end)
    return Hit(start, end, fix=cut.fix, fix_start=cut.start, fix_end=cut.end, fix_label=label)


# A link inside the link's words: removing the outer tags would leave a broken pair.
_OPENING_A = re.compile(r"<a\b", re.IGNORECASE)


def unlink_hit(message: Message, element: Element, start: int, end: int, *, label: str) -> Hit:
    """Return a hit at ``start``–``end`` (a link's target) whose fix removes the link's tags.

    The words the buyer clicked stay, unlinked. A link without its own closing tag, or with a
    link inside it, gets no fix: its tags cannot be taken away cleanly.
    """
    if (
        element.tag != "a"
        or element.closed is None
        or _OPENING_A.search(message.text, element.end, element.closed[0])
    ):
        return Hit(start, end)
    return Hit(
        start,
        end,
        fix=message.text[element.end : element.closed[0]],
        fix_start=element.start,
        fix_end=element.closed[1],
        fix_label=label,
    )
