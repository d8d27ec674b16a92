"""Words worth checking: what the spelling, grammar and language checks may read.

Placeholders, order IDs, URLs, e-mail addresses, numbers and the names the seller told us
about are never a spelling mistake and say nothing about the message's language, so every
check reads the text with those spans masked.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..message import ORDER_ID_IN_TEXT, PLACEHOLDER, Context

# Letters with their combining marks, joined by inner apostrophes or hyphens ("don't", "wall-mount").
WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’\-]\p{L}[\p{L}\p{M}]*)*")

_TLDS = (
    "com|net|org|info|biz|shop|store|online|site|io|co|uk|de|fr|es|it|nl|be|pl|se|tr|jp|cn|br|pt|"
    "mx|ca|au|in|ae|us|eu|at|ch|ly|me|tv|app|gl"
)
# Each pattern starts where its kind of span can start, so a 2,000-character text is scanned
# in well under a millisecond.
_MASKED = regex.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>\"']+"  # URLs with a scheme or www.
    r"|(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    rf"|(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:{_TLDS})\b(?:/[^\s<>\"']*)?"  # bare domains: shop.com
    r"|[@#]\w+"  # handles and tags
    r"|\{\{[^}]*\}\}|\{[a-z_]+\}|\[[A-Z_ ]+\]"  # placeholders: {{x}}, {x}, [NAME]
    r"|(?<!\w)(?=\w*\d)\w+",  # numbers and words with digits: 3pm, 1x1, A4
    regex.IGNORECASE,
)


@dataclass(frozen=True)
class Token:
    """A word of the text, its position, and where it stands in its sentence."""

    start: int
    end: int
    text: str
    # First word of a sentence (after . ! ? or at the start of a paragraph).
    sentence_start: bool


def masked_spans(text: str, context: Context | None = None) -> list[tuple[int, int]]:
    """Return the spans no check should read: placeholders, IDs, URLs, addresses, numbers, names."""
    return list(_masked_spans(text, tuple(names_of(context)) if context is not None else ()))


@lru_cache(maxsize=32)
def _masked_spans(text: str, names: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    spans = [m.span() for m in _MASKED.finditer(text)]
    spans += [m.span() for m in PLACEHOLDER.finditer(text)]
    spans += [m.span() for m in ORDER_ID_IN_TEXT.finditer(text)]
    if names:
        for name in names:
            lowered, needle = text.casefold(), name.casefold()
            if len(lowered) != len(text):  # casefold changed lengths (ß): search case-sensitively
                lowered, needle = text, name
            start = lowered.find(needle)
            while start != -1:
                spans.append((start, start + len(name)))
                start = lowered.find(needle, start + 1)
    return tuple(_merge(spans))


def names_of(context: Context) -> list[str]:
    """Return the product, buyer and store names the context gives, longest first."""
    names = [n.strip() for n in (context.product_name, context.buyer_name, context.store_name) if n]
    return sorted((n for n in names if n), key=len, reverse=True)


def name_words(context: Context) -> frozenset[str]:
    """Return every single word of the context's names, case-folded (a name may be inflected)."""
    words = {w.casefold() for name in names_of(context) for w in WORD.findall(name)}
    return frozenset(words | {w.casefold() for w in context.known_words})


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def blank_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Return ``text`` with each span replaced by spaces, so offsets stay valid."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


_SENTENCE_END = regex.compile(r"[.!?…。！？]\s*$")
_PARAGRAPH_BREAK = regex.compile(r"\n[ \t]*\n\s*$")
_ABBREVIATION = regex.compile(
    r"(?:\b(?:e\.g|i\.e|etc|approx|vs|no|nr|ca|z\.B|bzw|u\.a|usw|ggf|evtl|inkl|zzgl|bspw|Mr|Mrs|Ms|Dr|"
    r"St|Sr|Sra|Mme|Mlle|M|p\.ex|ecc|ca|pag|tel|art)|\b\p{Lu})\.\s*$",
    regex.IGNORECASE,
)


def tokens(text: str, masked: list[tuple[int, int]]) -> Iterator[Token]:
    """Yield the words of ``text`` outside the masked spans, marking sentence starts."""
    clean = blank_spans(text, masked)
    for match in WORD.finditer(clean):
        start, end = match.span()
        # A word glued to a masked span ("3pm", "example.com/path") belongs to it.
        if (start > 0 and clean[start - 1] != text[start - 1]) or (
            end < len(text) and clean[end] != text[end]
        ):
            continue
        yield Token(start, end, match.group(0), is_sentence_start(text, start))


def is_sentence_start(text: str, start: int) -> bool:
    """Tell whether a word at ``start`` opens a sentence or a paragraph."""
    before = text[max(0, start - 40) : start]
    if not before.strip():
        return True
    if _PARAGRAPH_BREAK.search(before):
        return True
    stripped = before.rstrip(" \t\"'“”‘’«»(")
    return bool(_SENTENCE_END.search(stripped)) and not _ABBREVIATION.search(stripped)
