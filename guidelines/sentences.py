"""Layer 3: the sentences of a message, each with its own language.

The buyer's language reads every sentence unless a sentence is clearly in another supported
language: its script says so (kana → Japanese, Han only → Chinese), or lingua says so with
enough confidence for its length. Short sentences ("Danke!", a name, "P.S.") keep the
message's language: no detector reads them reliably.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .languages import all_packs, script_language, supported_languages
from .normalise import Reading
from .scripts import HAN, KANA, SENTENCE_ENDS

# A sentence runs to . ! ? (or their CJK forms) or to the end of the line; a point between
# digits ($7.99, 1.000) belongs to the number.
_ENDS = re.escape(SENTENCE_ENDS)
# Possessive: a sentence's letters are read once, not character by character.
_SENTENCE = re.compile(rf"[^\s](?:[^\n{_ENDS}]++|(?<=\d)\.(?=\d))*+(?:[{_ENDS}]+|\n|$)")
_WORD = re.compile(r"[^\W\d_]{2,}")
# Below this many words a sentence keeps the message's language; up to LONG words lingua must be
# surer (SHORT_FLOOR) than for longer sentences (FLOOR).
MIN_WORDS = 5
LONG_WORDS = 9
# Fewer characters cannot hold MIN_WORDS words of two letters with a space between them.
_SHORTEST = MIN_WORDS * 3 - 1
# A sentence's language is read from its first this many characters: no real sentence is
# longer, and lingua's time grows with the length (a pasted 20,000-character line took 20 ms).
LONGEST_READ = 1_000
# A sentence's words (and lemmas) are read from its first this many characters: a real sentence
# is far shorter, and a pasted run without a sentence end would cost the segmenter (jieba) about
# 2 ms per 1,000 characters. The phrase lexicons still read the whole text.
LONGEST_TOKENISED = 2_000
SHORT_FLOOR = 0.85
FLOOR = 0.6


@dataclass
class Sentence:
    """One sentence of the visible text: its span, its language, and (lazily) its tokens.

    Words are read in the message's normalised reading (``reading``: look-alike letters folded,
    invisible characters dropped, leetspeak spelled out) when there is one; every offset a
    sentence gives points into the seller's text.
    """

    start: int
    end: int
    text: str
    # The language its words are read in (ISO 639-1), and whether that was detected rather than
    # taken from the message (the buyer's language).
    language: str
    detected: bool = False
    confidence: float = 0.0
    reading: Reading | None = field(default=None, repr=False)
    # A language lingua is sure of that a short sentence was not switched to (too few of its
    # common words to tell it from product names): its content is read in that language too.
    also: str | None = None
    _tokens: tuple | None = field(default=None, repr=False)

    @cached_property
    def _bounds(self) -> tuple[int, int]:
        if self.reading is None or self.reading.starts is None:
            return self.start, self.end
        return bisect_left(self.reading.starts, self.start), bisect_left(self.reading.starts, self.end)

    @property
    def reading_text(self) -> str:
        """Return the sentence as its words are read (the normalised reading, or the text)."""
        first, last = self._bounds
        return self.text if self.reading is None else self.reading.text[first:last]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the seller's-text span of ``reading_text[start:end]``."""
        first = self._bounds[0]
        if self.reading is None:
            return self.start + start, self.start + end
        return self.reading.raw_span(first + start, first + end)

    @property
    def tokens(self):
        """Return the sentence's tokens with lemmas (``guidelines.tokens.Token``), raw offsets."""
        if self._tokens is None:
            from .tokens import Token, tokenise

            read = tokenise(self.reading_text[:LONGEST_TOKENISED], self.language)
            if self.reading is None or self.reading.starts is None:
                shift = self._bounds[0] if self.reading is not None else self.start
                moved = [(t.start + shift, t.end + shift, t) for t in read]
            else:
                moved = [(*self.raw_span(t.start, t.end), t) for t in read]
            self._tokens = tuple(
                Token(start, end, self.text[start - self.start : end - self.start], t.lemma, t.forms)
                for start, end, t in moved
            )
        return self._tokens


def split(text: str) -> list[tuple[int, int]]:
    """Return the spans of the sentences (and lines) of ``text``."""
    return [m.span() for m in _SENTENCE.finditer(text)]


@lru_cache(maxsize=8192)
def _lingua(sentence: str) -> tuple[str, float] | None:
    from .language_detection import detector

    try:
        values = detector().compute_language_confidence_values(sentence)
    except ImportError:
        return None
    if not values:
        return None
    return values[0].language.iso_code_639_1.name.lower(), values[0].value


def forget_verdicts() -> None:
    """Drop cached sentence verdicts, tokens, phrase matches, spelled-out addresses and numbers
    (the benchmark pays for each as new text does)."""
    from .detect import forget_windows
    from .lexicon import forget_paragraphs
    from .numbers import forget_lines
    from .tokens import forget_tokens

    _lingua.cache_clear()
    _language_of.cache_clear()
    forget_tokens()
    forget_paragraphs()
    forget_windows()
    forget_lines()


def _script_language(text: str, base: str) -> str | None:
    """Return the language a sentence's script settles: kana, or Han alone (which Japanese uses too)."""
    if text.isascii():
        return None
    if KANA.search(text):
        return script_language("japanese")
    if len(HAN.findall(text)) >= 2:
        return base if base == script_language("japanese") else script_language("han")
    return None


@lru_cache(maxsize=1)
def _common_words() -> dict[str, frozenset[str]]:
    """Return each pack's common words (``cues.common``) with the languages that use them."""
    found: dict[str, set[str]] = {}
    for pack in all_packs():
        for word in pack.cues["common"]:
            found.setdefault(word.lower(), set()).add(pack.code)
    return {word: frozenset(codes) for word, codes in found.items()}


def _common_counts(words: list[str]) -> dict[str, int]:
    common = _common_words()
    counts: dict[str, int] = {}
    for word in words:
        for code in common.get(word.lower(), ()):
            counts[code] = counts.get(code, 0) + 1
    return counts


def language_of(text: str, base: str) -> tuple[str, bool, float, str | None]:
    """Return (language, detected, confidence, also) of one sentence whose message is in ``base``.

    ``also`` is a language lingua is sure of that the sentence was not switched to (see
    :class:`Sentence`), or None.
    """
    return _language_of(text[:LONGEST_READ], base)


@lru_cache(maxsize=8192)
def _language_of(text: str, base: str) -> tuple[str, bool, float, str | None]:
    # Kept per sentence text, like lingua's verdicts: while a seller types, only the sentence
    # being typed is read again, and a sentence repeated in a message is read once.
    script = _script_language(text, base)
    if script is not None:
        return script, script != base, 1.0, None
    if len(text) < _SHORTEST:
        return base, False, 0.0, None
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS or (not text.isascii() and HAN.search(text)):
        return base, False, 0.0, None
    counts = _common_counts(words)
    mine = counts.get(base, 0)
    if mine >= 2 and all(n < mine for code, n in counts.items() if code != base):
        return base, False, 0.0, None  # the base language's common words dominate: no detector needed
    verdict = _lingua(" ".join(text.split()))
    if verdict is None or verdict[0] not in supported_languages():
        return base, False, 0.0, None
    language, confidence = verdict
    short = len(words) < LONG_WORDS
    floor = SHORT_FLOOR if short else FLOOR
    # A short sentence must also hold a common word of the language lingua names.
    if language != base and confidence >= floor and (not short or counts.get(language, 0)):
        return language, True, confidence, None
    also = language if language != base and confidence >= SHORT_FLOOR else None
    return base, False, confidence, also


def segment(
    text: str,
    base: str,
    spans: list[tuple[int, int]] | None = None,
    readable: str | None = None,
    reading: Reading | None = None,
) -> list[Sentence]:
    """Return the sentences of ``text``, each read in its own language (``base`` by default).

    ``readable`` is ``text`` with what says nothing of a language (URLs, IDs, names) blanked;
    ``reading`` is the normalised reading whose words the sentences' tokens are.
    """
    sentences = []
    source = readable or text
    plain = source.isascii()  # no kana or Han anywhere: short sentences keep ``base`` at once
    for start, end in spans if spans is not None else split(text):
        if plain and end - start < _SHORTEST:
            sentences.append(Sentence(start, end, text[start:end], base, reading=reading))
            continue
        language, detected, confidence, also = language_of(source[start:end], base)
        sentences.append(Sentence(start, end, text[start:end], language, detected, confidence, reading, also))
    return sentences
