"""Layer 6, scope: is a phrase or concept negated, asked, or the buyer's words quoted back?

"We offer no discount, gift card or other reward for reviews" and U vroeg: 'Krijg ik korting als
ik een review schrijf?' (the buyer's own words, quoted) name a reward without offering one. The
concept layer asks these questions of every span it finds (``ConceptSpan.negated``, ``quoted``),
and the phrase rules ask them before they report an offer, a request or a promotion.

Every word comes from the packs: the cues (``[cues]`` in ``languages/<code>/pack.toml``):
``negation`` governs the words after it, ``negation_after`` the words before it (割引は一切ござ
いません, indirim sunmuyoruz, "belohnen wir nicht"), ``negation_exempt`` marks negations that
bear on another verb ("don't forget"), ``question`` and ``quotation`` tell a quoted question;
and the quotation marks (``[language] quotation_marks``). A quotation is read whatever the
language of the message, so the marks of every pack count. Only the writing systems'
punctuation (``scripts.py``) is read here.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cache
from typing import TYPE_CHECKING

import regex

from .languages import all_packs
from .scripts import CJK, CLAUSE_BREAKS, QUESTION_MARKS, SENTENCE_ENDS

if TYPE_CHECKING:
    from .message import Message

Span = tuple[int, int]

_CLAUSE_BREAK = regex.compile(f"[{regex.escape(CLAUSE_BREAKS)}]")
_WORD = regex.compile(r"\w+")
# How far a negation reaches: words in alphabetic scripts, characters in Japanese and Chinese.
_WORDS_BEFORE = 4
_WORDS_AFTER = 6
_CJK_REACH = 14
# A quotation stays on one line and holds at most this many characters.
_QUOTE_LENGTH = 400


def _sentence_bounds(message: Message, position: int) -> Span:
    index = message.sentence_of(position)
    if 0 <= index < len(message.sentences):
        return message.sentences[index]
    return (position, position)


def _within_reach(message: Message, between: str, span: Span, words: int) -> bool:
    if _CLAUSE_BREAK.search(between):
        return False
    if CJK.search(between) or CJK.search(message.visible, span[0], span[1]):
        return len(between.strip()) <= _CJK_REACH
    return len(_WORD.findall(between)) <= words


def _cues(message: Message, key: str) -> tuple[list[Span], list[int]]:
    """Return a negation cue's spans outside ``negation_exempt`` and their starts, once per message."""
    cache_ = message.__dict__.setdefault("_negation_cue_cache", {})
    if key not in cache_:
        exempt = sorted(message.phrases.get("negation_exempt", ()))
        starts = [s for s, _ in exempt]
        kept = []
        for cue in message.phrases.get(key, ()):
            index = bisect_right(starts, cue[0]) - 1  # the last exempt span starting at or before
            if not (index >= 0 and cue[1] <= exempt[index][1]):
                kept.append(cue)
        cache_[key] = (kept, [s for s, _ in kept])
    return cache_[key]


def _between(message: Message, key: str, low: int, high: int) -> list[Span]:
    spans, starts = _cues(message, key)
    return spans[bisect_left(starts, low) : bisect_left(starts, high)]


def negated(message: Message, span: Span) -> bool:
    """Tell whether a negation governs ``span``: "we offer no reward", "不提供任何返现", "割引は一切ございません"."""
    text = message.visible
    start, end = _sentence_bounds(message, span[0])
    before = [c for c in _between(message, "negation", start, span[0]) if c[1] <= span[0]]
    if before and _within_reach(message, text[before[-1][1] : span[0]], span, _WORDS_BEFORE):
        return True
    # A negation inside the match itself ("评价完全自愿，我们不提供任何返现").
    for cue in _between(message, "negation", span[0], span[1]):
        if cue[1] <= span[1] and not _CLAUSE_BREAK.search(text, cue[1], span[1]):
            return True
    after = [
        c
        for c in _between(message, "negation_after", span[1], max(end, span[1]))
        if c[1] <= max(end, span[1])
    ]
    return bool(after) and _within_reach(message, text[span[1] : after[0][0]], span, _WORDS_AFTER)


@cache
def _quotation() -> regex.Pattern[str]:
    """Return one pattern for a quotation on one line in the marks of every pack.

    A mark that opens and closes alike ("…", '…', ”…”) must stand outside a word, and may occur
    between letters inside the quotation: the apostrophe of Dutch "extra's" stays inside.
    """
    closers: dict[str, set[str]] = {}
    for pack in all_packs():
        for opening, closing in pack.quotation_marks:
            closers.setdefault(opening, set()).add(closing)
    alternatives = []
    # Asymmetric marks first: at an opening “ the pair “…” wins over a Swedish ”…”.
    for opening, ends in sorted(closers.items(), key=lambda item: item[0] in item[1]):
        o = regex.escape(opening)
        if ends == {opening}:
            alternatives.append(rf"(?<!\w){o}(?:[^{o}\n]|(?<=\w){o}(?=\w)){{1,{_QUOTE_LENGTH}}}{o}(?!\w)")
        else:
            c = regex.escape("".join(sorted(ends)))
            alternatives.append(rf"{o}[^{c}\n]{{1,{_QUOTE_LENGTH}}}[{c}]")
    return regex.compile("|".join(alternatives))


def quotation_around(text: str, span: Span, reach: int = 80) -> Span | None:
    """Return the quotation (“…”, „…“, «…», 「…」, "…") that encloses ``span`` on its line, if any.

    Only quotations that open at most ``reach`` characters before the span and close at most
    ``reach`` after it count.
    """
    line_start = max(text.rfind("\n", 0, span[0]) + 1, span[0] - reach)
    line_end = text.find("\n", span[1])
    line_end = min(len(text) if line_end < 0 else line_end, span[1] + reach)
    for quote in _quotation().finditer(text, line_start, line_end):
        if quote.start() >= span[0]:
            return None
        if span[1] <= quote.end():
            return quote.span()
    return None


_QUESTION_MARK = regex.compile(
    f"[{regex.escape(''.join(QUESTION_MARKS))}][\\s{regex.escape(SENTENCE_ENDS)}]*$"
)
# How near the quotation a cue must be: "You asked: '…'", 「…」とのご質問.
_CUE_REACH = 24
# How far before the words a cue of indirect speech may stand ("You asked whether …").
_REPORT_REACH = 60


def reported_question(message: Message, span: Span) -> bool:
    """Tell whether ``span`` reports the buyer's question in indirect speech.

    "You asked whether we give a discount for reviews": a quotation cue ("you asked", "Sie
    fragten", 您问) earlier in the same sentence makes the rest the buyer's words; in a verb-final
    language the cue closes the sentence (indirim verip vermediğimizi **sordunuz**).
    """
    start, end = _sentence_bounds(message, span[0])
    low = max(start, span[0] - _REPORT_REACH)
    if any(low <= s and e <= span[0] for s, e in message.phrases.get("quotation", ())):
        return True
    high = min(max(end, span[1]), span[1] + _REPORT_REACH)
    return any(span[1] <= s and e <= high for s, e in message.phrases.get("quotation_after", ()))


def buyers_words(message: Message, span: Span) -> bool:
    """Tell whether ``span`` is the buyer's question, quoted or reported, rather than the seller's offer."""
    return quoted_question(message, span) or reported_question(message, span)


def quoted_from_buyer(message: Message, span: Span) -> bool:
    """Tell whether ``span`` lies in the buyer's words quoted back, with a cue that says so.

    'You wrote: "can you call me at 020 7946 0321"': the quotation is the buyer's because a
    quotation cue ("you wrote", Sie schrieben, 您问到) stands right before or after it. A
    quotation without such a cue may be the seller's own ("Call us: "020 7946 0321"").
    """
    quote = quotation_around(message.visible, span, reach=_QUOTE_LENGTH)
    if quote is None:
        return False
    q_start, q_end = quote
    return any(
        (q_start - _CUE_REACH <= s and e <= q_start) or (q_end <= s and e <= q_end + _CUE_REACH)
        for s, e in message.phrases.get("quotation", ())
    )


def quoted_question(message: Message, span: Span) -> bool:
    """Tell whether ``span`` lies in a question quoted back to the buyer (U vroeg: 'Krijg ik korting?').

    A quotation counts as a question when it ends with a question mark or a question cue
    (…ますか」, …吗”), or when a quotation cue next to it reports the buyer's words ("You
    asked", 您问到, とのご質問). A quotation that opens its line ("Need a discount code?" Use
    SAVE10) is the seller's own hook unless a cue reports it.
    """
    text = message.visible
    line_start = text.rfind("\n", 0, span[0]) + 1
    line_end = text.find("\n", span[1])
    line_end = len(text) if line_end < 0 else line_end
    low, high = max(line_start, span[0] - 500), min(line_end, span[1] + 500)
    for quote in _quotation().finditer(text, low, high):
        if quote.start() > span[0]:
            break
        if not (quote.start() < span[0] and span[1] <= quote.end()):
            continue
        q_start, q_end = quote.span()
        reported = any(
            (q_start - _CUE_REACH <= s and e <= q_start) or (q_end <= s and e <= q_end + _CUE_REACH)
            for s, e in message.phrases.get("quotation", ())
        )
        if not any(char.isalnum() for char in text[line_start:q_start]):
            return reported
        if reported or _QUESTION_MARK.search(text, q_start + 1, q_end - 1):
            return True
        return any(q_start < s and q_end - 3 <= e <= q_end for s, e in message.phrases.get("question", ()))
    return False
