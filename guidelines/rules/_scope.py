"""Scope of a phrase match: is it negated, or part of the buyer's question quoted back?

"We offer no discount, gift card or other reward for reviews" and U vroeg: 'Krijg ik korting als
ik een review schrijf?' (the buyer's own words, quoted) name a reward without offering one. The
rules ask these two questions before they report an offer, a request or a promotion.

The words are the packs' cues (``[cues]`` in ``languages/<code>/pack.toml``): ``negation`` governs
the words after it, ``negation_after`` the words before it (割引は一切ございません, indirim
sunmuyoruz, "belohnen wir nicht"), ``negation_exempt`` marks negations that bear on another verb
("don't forget"), ``question`` and ``quotation`` tell a quoted question. Only punctuation and
quotation marks, which are shared across languages, are read here.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import regex

from ..message import Message
from ..scripts import CJK

Span = tuple[int, int]

# Punctuation that ends a clause: a negation does not reach across it. Commas do not end one,
# because a negation governs a whole list ("geen korting, cadeaubon of andere vergoeding").
_CLAUSE_BREAK = regex.compile(r"[;:。！？；，!?]")
_WORD = regex.compile(r"\w+")
# How far a negation reaches: words in alphabetic scripts, characters in Japanese and Chinese.
_WORDS_BEFORE = 4
_WORDS_AFTER = 6
_CJK_REACH = 14


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
    cache = message.__dict__.setdefault("_negation_cue_cache", {})
    if key not in cache:
        exempt = sorted(message.phrases.get("negation_exempt", ()))
        starts = [s for s, _ in exempt]
        kept = []
        for cue in message.phrases.get(key, ()):
            index = bisect_right(starts, cue[0]) - 1  # the last exempt span starting at or before
            if not (index >= 0 and cue[1] <= exempt[index][1]):
                kept.append(cue)
        cache[key] = (kept, [s for s, _ in kept])
    return cache[key]


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


# Quotations on one line: “…”, „…“, „…”, «…», 「…」, 『…』, "…", ”…” (Swedish), ‘…’, '…' (an
# apostrophe between letters, as in Dutch "extra's", stays inside).
_QUOTATION = regex.compile(
    r"“[^”\n]{1,400}”|„[^“”\n]{1,400}[“”]|«[^»\n]{1,400}»|「[^」\n]{1,400}」|『[^』\n]{1,400}』"
    r"|\"[^\"\n]{1,400}\"|”[^”\n]{1,400}”|‘[^’\n]{1,400}’|(?<!\w)'(?:[^'\n]|(?<=\w)'(?=\w)){1,400}'(?!\w)"
)
_QUESTION_MARK = regex.compile(r"[?？][\s.。]*$")
# How near the quotation a cue must be: "You asked: '…'", 「…」とのご質問.
_CUE_REACH = 24
# How far before the words a cue of indirect speech may stand ("You asked whether …").
_REPORT_REACH = 60


def reported_question(message: Message, span: Span) -> bool:
    """Tell whether ``span`` reports the buyer's question in indirect speech.

    "You asked whether we give a discount for reviews": a quotation cue ("you asked", "Sie
    fragten", 您问) earlier in the same sentence makes the rest the buyer's words.
    """
    start, _ = _sentence_bounds(message, span[0])
    low = max(start, span[0] - _REPORT_REACH)
    return any(low <= s and e <= span[0] for s, e in message.phrases.get("quotation", ()))


def buyers_words(message: Message, span: Span) -> bool:
    """Tell whether ``span`` is the buyer's question, quoted or reported, rather than the seller's offer."""
    return quoted_question(message, span) or reported_question(message, span)


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
    for quote in _QUOTATION.finditer(text, max(line_start, span[0] - 500), min(line_end, span[1] + 500)):
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


def concept_pairs(
    message: Message, first: str, second: str, *, reach: int = 0, requested: bool = False
) -> list[Span]:
    """Return spans of concept ``first`` with concept ``second`` in the same sentence (or ``reach`` on).

    Spans that are negated or the buyer's quoted words do not count. Pronouns are left to the
    phrase rules (``review_removal_reference``): the packs' reference cues include articles.
    With ``requested`` only a ``first`` in a question or a condition counts ("Could you delete
    your review?", "If you change your rating…"): "We updated the size chart after your review"
    reports what the seller did.
    """
    seconds = {c.sentence for c in message.concepts(second) if not (c.negated or c.quoted)}
    if not seconds:
        return []
    return [
        (c.start, c.end)
        for c in message.concepts(first)
        if not (c.negated or c.quoted)
        and (c.question or c.conditional or not requested)
        and any(c.sentence + step in seconds for step in range(-reach, reach + 1))
    ]
