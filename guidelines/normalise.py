"""One normalised reading of a text, with a map back to the seller's own characters.

Sellers who want to get past a keyword filter write "5-st\u200bar", "fіve" with a Cyrillic і,
full-width ｗｗｗ or "f1ve st@rs". Every rule reads the same canonical string instead of the raw
text, and every span found in it maps back to the raw characters, so marks and fixes still land
on what the seller typed.

The canonical reading (``canonical``) applies, character by character and in one pass:

- NFKC: full-width and compatibility forms become their plain letters and digits (＠ → @);
- lower case (``str.lower``; German ß stays ß so the language data still matches);
- invisible characters are dropped: zero-width space and joiners (a joiner inside an emoji
  sequence stays), soft hyphen, word joiner, byte-order mark, bidirectional controls;
- letters of other scripts that look like Latin ones (Cyrillic а, Greek ο) become the Latin
  letter, from Unicode's confusables data (the ``confusable-homoglyphs`` package).

Readings derived from it for one purpose (leetspeak for trigger words, numbers in words) are
built with :meth:`Reading.replace`, which keeps the map to the raw text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

# Characters that show nothing. A joiner between two pictographs builds one emoji (👨‍👩‍👧) and
# is kept; everywhere else these only split words for a filter.
INVISIBLE = frozenset(
    "\u00ad"  # soft hyphen
    "\u034f"  # combining grapheme joiner
    "\u061c"  # Arabic letter mark
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200c\u200d"  # zero-width space, non-joiner, joiner
    "\u200e\u200f"  # left-to-right and right-to-left marks
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\u2066\u2067\u2068\u2069"  # isolates
    "\ufeff"  # byte-order mark, zero-width no-break space
)
_ZWJ = "\u200d"
_INVISIBLE_RUN = re.compile("[" + "".join(sorted(INVISIBLE)) + "]+")
_SPECIAL = re.compile(r"[^\x00-\x7f]+")

# Scripts whose letters are folded to a Latin look-alike. Latin itself is never folded (Turkish
# ı, Polish ł are letters of their own), nor are Han, kana or Hangul.
_FOLDED_SCRIPTS = frozenset({"CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC", "GEORGIAN"})


@cache
def _confusable_letters() -> dict[str, str]:
    """Return the letters of other scripts that look like one ASCII letter, and that letter."""
    from confusable_homoglyphs import categories, confusables

    table: dict[str, str] = {}
    for char, glyphs in confusables.confusables_data.items():
        if len(char) != 1 or categories.alias(char) not in _FOLDED_SCRIPTS:
            continue
        for glyph in glyphs:
            target = glyph["c"]
            if len(target) == 1 and target.isascii() and target.isalpha():
                table[char] = target.lower()
                break
    # Lower case reads first: Cherokee's small letters are its capitals made small (Ꮢ → ꮢ), and
    # look like the same Latin letter (Greek μ does not look like the M of Μ).
    for char, target in list(table.items()):
        small = char.lower()
        if len(small) == 1 and small != char and categories.alias(char) == "CHEROKEE":
            table.setdefault(small, target)
    # Latin small capitals (ʀᴇᴠɪᴇᴡ) are Latin letters no accent tells apart: their names say which.
    for code in (*range(0x0250, 0x02B0), *range(0x1D00, 0x1D2C), *range(0xA730, 0xA800)):
        name = unicodedata.name(chr(code), "")
        if name.startswith(_SMALL_CAPITAL) and len(name) == len(_SMALL_CAPITAL) + 1:
            table[chr(code)] = name[-1].lower()
    return table


_SMALL_CAPITAL = "LATIN LETTER SMALL CAPITAL "


def is_pictograph(char: str) -> bool:
    """Tell whether a character can take part in an emoji sequence (for joiners)."""
    code = ord(char)
    return (
        0x1F000 <= code <= 0x1FAFF
        or 0x2600 <= code <= 0x27BF
        or code in (0xFE0F, 0x20E3)
        or 0x1F3FB <= code <= 0x1F3FF
        or 0x2B00 <= code <= 0x2BFF
    )


# Characters that show as a blank but are no space to NFKC: the braille blank (U+2800).
_BLANKS = {"\u2800": " "}


@cache
def _fold_char(char: str) -> str:
    """Return the canonical form of one non-ASCII character (possibly several characters)."""
    folded = unicodedata.normalize("NFKC", char).lower()
    table = _confusable_letters()
    return "".join(table.get(c, _BLANKS.get(c, c)) for c in folded)


@dataclass(frozen=True)
class Reading:
    """A string and, for each of its characters, the span of raw characters it stands for."""

    text: str
    starts: tuple[int, ...] | None  # None: character i is raw character i (nothing changed)
    ends: tuple[int, ...] | None
    raw_length: int

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the raw span of the reading's characters ``start``…``end``."""
        if self.starts is None or self.ends is None:
            return start, end
        size = len(self.text)
        if size == 0:
            return 0, 0
        if end <= start:
            position = self.starts[start] if start < size else self.raw_length
            return position, position
        return self.starts[min(start, size - 1)], self.ends[min(end, size) - 1]

    def raw_offset(self, index: int) -> int:
        """Return the raw offset where the reading's character ``index`` begins."""
        if self.starts is None:
            return index
        return self.starts[index] if index < len(self.text) else self.raw_length

    def replace(self, edits: Iterable[tuple[int, int, str]]) -> Reading:
        """Return a reading with spans replaced: ``(start, end, new_text)``, sorted, disjoint.

        Each new character stands for the whole raw span of what it replaces.
        """
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        position = 0
        text = self.text
        changed = False
        for start, end, new in edits:
            if start < position:
                continue  # overlapping edits: the first one wins
            out.append(text[position:start])
            starts.extend(self._starts(position, start))
            ends.extend(self._ends(position, start))
            raw_start, raw_end = self.raw_span(start, end)
            out.append(new)
            starts.extend([raw_start] * len(new))
            ends.extend([raw_end] * len(new))
            position = end
            changed = True
        if not changed:
            return self
        out.append(text[position:])
        starts.extend(self._starts(position, len(text)))
        ends.extend(self._ends(position, len(text)))
        return Reading("".join(out), tuple(starts), tuple(ends), self.raw_length)

    def then(self, later: Reading) -> Reading:
        """Return ``later`` (a reading of this reading's text) mapped to this reading's raw text."""
        if later.starts is None or later.ends is None:
            return Reading(later.text, self.starts, self.ends, self.raw_length)
        if self.starts is None:
            return Reading(later.text, later.starts, later.ends, self.raw_length)
        size = len(self.text)
        starts = tuple(self.starts[i] if i < size else self.raw_length for i in later.starts)
        ends = tuple(self._raw_end(i - 1) if i else 0 for i in later.ends)
        return Reading(later.text, starts, ends, self.raw_length)

    def _starts(self, begin: int, stop: int) -> Iterable[int]:
        return range(begin, stop) if self.starts is None else self.starts[begin:stop]

    def _ends(self, begin: int, stop: int) -> Iterable[int]:
        return range(begin + 1, stop + 1) if self.ends is None else self.ends[begin:stop]

    def _raw_end(self, index: int) -> int:
        return index + 1 if self.ends is None else self.ends[index]


def canonical(text: str) -> Reading:
    """Return the canonical reading of ``text`` (see the module docstring)."""
    if text.isascii():
        return Reading(text.lower(), None, None, len(text))
    lowered = text.lower()
    if len(lowered) == len(text) and unicodedata.is_normalized("NFKC", text):
        return _drop_and_fold(text, lowered)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for run in _SPECIAL.finditer(text):
        begin, stop = run.span()
        if begin > position:  # plain ASCII keeps its length when lowered
            plain = text[position:begin].lower()
            out.extend((plain[:-1], plain[-1]))  # the last letter may take an accent next
            starts.extend(range(position, begin))
            ends.extend(range(position + 1, begin + 1))
        chunk = text[begin:stop]
        attached = chunk[0] in _SELECTORS and begin and text[begin - 1].isalpha()
        if not attached and _unchanged(chunk):
            out.append(chunk)
            starts.extend(range(begin, stop))
            ends.extend(range(begin + 1, stop + 1))
            position = stop
            continue
        for index in range(begin, stop):
            char = text[index]
            if char in _SELECTORS and out and out[-1][-1:].isalpha():
                continue  # a variation selector or tag hidden inside a word (revi︎ew)
            if char in INVISIBLE:
                if char == _ZWJ and _joins_emoji(text, index):
                    out.append(char)
                    starts.append(index)
                    ends.append(index + 1)
                continue
            if unicodedata.combining(char) and out and len(out[-1]) == 1:
                # An accent typed after its letter (e + ◌́) composes with it: é.
                composed = unicodedata.normalize("NFC", out[-1] + char)
                if len(composed) == 1:
                    folded = _fold_char(composed)
                    out[-1] = folded if len(folded) == 1 else composed
                    ends[-1] = index + 1
                    continue
                if out[-1].isalpha():
                    # A stroke or line drawn through or under a plain letter (r̵e̵v̵i̵e̵w̵, r̲)
                    # composes with none: the letter is read, the mark goes with it.
                    ends[-1] = index + 1
                    continue
            folded = _fold_char(char)
            out.extend(folded)
            starts.extend([index] * len(folded))
            ends.extend([index + 1] * len(folded))
        position = stop
    if position < len(text):
        out.append(text[position:].lower())
        starts.extend(range(position, len(text)))
        ends.extend(range(position + 1, len(text) + 1))
    joined = "".join(out)
    assert len(joined) == len(starts) == len(ends)
    return Reading(joined, tuple(starts), tuple(ends), len(text))


def _drop_and_fold(text: str, lowered: str) -> Reading:
    """Return the reading of a text that only needs lower case, dropping and folding (fast path)."""
    drops = invisible_runs(text)
    overlays = [m.span() for m in _OVERLAY_MARKS.finditer(text)]
    if overlays:  # r̵e̵v̵i̵e̵w̵: the marks that compose with no letter go, the letters stay
        drops = sorted(drops + overlays)
    if not drops and _folding_pattern().search(lowered) is None:
        return Reading(lowered, None, None, len(text))
    pieces: list[str] = []
    starts: list[int] = []
    position = 0
    for start, end in drops:
        pieces.append(lowered[position:start])
        starts.extend(range(position, start))
        position = end
    pieces.append(lowered[position:])
    starts.extend(range(position, len(text)))
    folded = "".join(pieces).translate(_fold_table())
    return Reading(folded, tuple(starts), tuple(s + 1 for s in starts), len(text))


# Combining marks right after a letter in a text already composed (NFKC): strokes and
# lines through or under it (U+0335, U+0332), which compose with no letter.
_MARK_CLASS = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
# The mark comes first, so the search skips other characters fast; then the letter before it.
_OVERLAY_MARKS = re.compile(rf"{_MARK_CLASS}(?<=[^\W\d_]{_MARK_CLASS}){_MARK_CLASS}*")


@cache
def _fold_table() -> dict[int, str]:
    return {ord(char): latin for char, latin in (*_confusable_letters().items(), *_BLANKS.items())}


def _unchanged(chunk: str) -> bool:
    """Tell whether a run of non-ASCII text reads the same (most Japanese, Chinese and emoji)."""
    return (
        unicodedata.is_normalized("NFKC", chunk)
        and chunk.lower() == chunk
        and _folding_pattern().search(chunk) is None
        and not unicodedata.combining(chunk[0])
    )


@cache
def _folding_pattern() -> re.Pattern[str]:
    """Return a pattern of every character the reading changes: invisible ones and look-alikes."""
    chars = sorted(INVISIBLE | set(_confusable_letters()) | set(_BLANKS))
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


def _joins_emoji(text: str, index: int) -> bool:
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return bool(before) and bool(after) and is_pictograph(before) and is_pictograph(after)


# A right-to-left override shows what follows it backwards, up to its pop, an isolate's end or
# the end of the line: "\u202emoc.pohs-elpmaxe" shows as example-shop.com.
_OVERRIDE = re.compile("\u202e([^\u202c\u2069\n]*)")


def read_overrides(reading: Reading, raw: str) -> Reading:
    """Return ``reading`` (of ``raw``) with text under a right-to-left override in the order shown."""
    if "\u202e" not in raw or reading.starts is None:
        return reading
    edits = []
    for match in _OVERRIDE.finditer(raw):
        low = bisect_left(reading.starts, match.start(1))
        high = bisect_left(reading.starts, match.end(1))
        if high > low:
            edits.append((low, high, reading.text[low:high][::-1]))
    return reading.replace(edits)


def invisible_runs(text: str) -> list[tuple[int, int]]:
    """Return the spans of invisible characters that only hide or split words."""
    return list(_invisible_runs(text)) if not text.isascii() else []


@lru_cache(maxsize=8)
def _invisible_runs(text: str) -> tuple[tuple[int, int], ...]:
    """Kept for the last few texts: the reading and the rule that reports them both ask."""
    spans: list[tuple[int, int]] = []
    for match in _INVISIBLE_RUN.finditer(text):
        start, end = match.span()
        if end - start == 1 and text[start] == _ZWJ and _joins_emoji(text, start):
            continue  # the joiner inside 👨‍👩‍👧
        spans.append((start, end))
    if _SELECTOR_RUN.search(text) is not None:
        spans = sorted(spans + [m.span() for m in _ATTACHED_SELECTORS.finditer(text)])
    return tuple(spans)


# Variation selectors and tag characters choose how an emoji or a flag looks (❤️, 🏴󠁧󠁢󠁳󠁣󠁴󠁿); after a
# letter they show nothing and only split the word (revi︎ew).
_SELECTOR_CLASS = "\ufe00-\ufe0f\U000e0020-\U000e007f"
_SELECTORS = frozenset(chr(c) for r in ((0xFE00, 0xFE10), (0xE0020, 0xE0080)) for c in range(*r))
_SELECTOR_RUN = re.compile(f"[{_SELECTOR_CLASS}]")
_ATTACHED_SELECTORS = re.compile(f"(?<=[^\\W\\d_])[{_SELECTOR_CLASS}]+")


# Letters and symbols written for look-alike letters inside a word ("f1ve st@rs", "r3v13w").
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i", "|": "l"}
# The digits among them, by the letter each stands for ("c0m", "n3t").
LEET_DIGITS = {letter: digit for digit, letter in _LEET.items() if digit.isdigit()}
# A run of word characters and stand-ins; Latin letters with accents count (r3s3ña, 0p1n1ę),
# other scripts' letters leave the run alone.
_LEET_WORD = re.compile(r"[\w@$|!]+")
_LEET_ONLY = re.compile(r"[a-z0-9@$|!\u00df-\u024f]+")
_LEET_CHARS = re.compile(r"[0134579@$|!]")
# A run as _LEET_WORD finds it, only when it holds both a letter and a stand-in: the others (plain
# words, numbers) are skipped by the regular-expression engine, not one by one in Python.
_LEET_CANDIDATE = re.compile(r"(?<![\w@$|!])(?=[\w@$|!]*?[^\W\d_])(?=[\w@$|!]*?[0134579@$|!])[\w@$|!]+")


def deleet(reading: Reading) -> Reading:
    """Return the reading with leetspeak inside words spelled out, for trigger words only.

    A word counts when letters outnumber the stand-ins and no two digits follow each other,
    so sizes (10x20), units (4k, mp3 stays "mpe" harmlessly) and codes keep their digits.
    """
    edits: list[tuple[int, int, str]] = []
    text = reading.text
    if not _LEET_CHARS.search(text):
        return reading
    for word in _LEET_CANDIDATE.finditer(text):
        token = word.group(0)
        stand_ins = sum(1 for c in token if c in _LEET)
        if not stand_ins or len(token) < 3 or not _LEET_ONLY.fullmatch(token):
            continue
        letters = sum(1 for c in token if c.isalpha())
        if letters < 2 or letters < stand_ins or _is_code(token):
            continue
        if token[-1] == "!" and token.count("!") == 1:
            token = token[:-1]  # an exclamation mark after a word ends the sentence
        if token.startswith("@"):
            continue  # a handle, not a word
        spelled = "".join(_LEET.get(c, c) for c in token)
        edits.append((word.start(), word.start() + len(token), spelled))
    return reading.replace(edits)


def _is_code(token: str) -> bool:
    """Tell whether digits in a token are part of a code or a measure, not letters in disguise.

    Two digits in a row stand for letters only when the word starts with a letter and every
    digit is a stand-in ("r3v13w", "fr33", "gutsch31n"); "10x20", "ab12cd" keep theirs.
    """
    if not any(a.isdigit() and b.isdigit() for a, b in pairwise(token)):
        return False
    return token[0].isdigit() or any(c.isdigit() and c not in _LEET for c in token)


# Single letters spaced or dotted apart: "5 s t a r", "r-e-v-i-e-w", "f.i.v.e", "d o t c o m".
# One separator, the same throughout; at least three letters ("e.g.", "z.B." are two).
_SPELLED_LETTERS = re.compile(
    # The letter comes first, so the search skips other characters fast; then what precedes it.
    r"[a-z\u00df-\u024f](?P<sep>[ .\-_*])(?<![\w.\-*][a-z\u00df-\u024f][ .\-_*])[a-z\u00df-\u024f]"
    r"(?:(?P=sep)[a-z\u00df-\u024f])+(?![\w\-*])"
)


def join_spelled_letters(reading: Reading) -> Reading:
    """Return the reading with words spelled letter by letter written as words ("s t a r" → "star")."""
    text = reading.text
    edits = [
        (match.start(), match.end(), match.group(0).replace(match.group("sep"), ""))
        for match in _SPELLED_LETTERS.finditer(text)
    ]
    return reading.replace(edits) if edits else reading


def mixed_script_words(text: str) -> list[tuple[int, int]]:
    """Return the spans of words that mix Latin letters with Latin look-alikes of other scripts.

    "fіve" with a Cyrillic і is a disguise; "kΩ" or "μm" are units (no Latin look-alike).
    """
    if text.isascii():
        return []
    table = _confusable_letters()
    spans = []
    for word in re.finditer(r"\w+", text):
        token = word.group(0)
        if token.isascii():
            continue
        has_latin = any(c.isascii() and c.isalpha() for c in token)
        if has_latin and any(c in table for c in token):
            spans.append(word.span())
    return spans


# Latin letters that carry a mark on a plain a–z letter (é, ï, ẹ, ǘ): one character each, as
# the canonical reading composes them. ß, ł, ı and ø carry none and keep their meaning.
@cache
def _marked_letters() -> dict[str, str]:
    table: dict[str, str] = {}
    for code in (*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)):
        char = chr(code)
        if not char.islower():
            continue
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and "a" <= base <= "z":
            table[char] = base
    return table


@lru_cache(maxsize=64)
def _foreign_marks(alphabet: str) -> tuple[re.Pattern[str], dict[int, str]] | None:
    """Return a pattern of the marked letters the languages of ``alphabet`` do not write, and
    the table that takes their marks off."""
    foreign = {char: plain for char, plain in _marked_letters().items() if char not in alphabet}
    if not foreign:
        return None
    return re.compile("[" + "".join(sorted(foreign)) + "]"), {ord(c): p for c, p in foreign.items()}


def fold_decorations(reading: Reading, alphabet: str) -> Reading:
    """Return the reading with marks taken off letters the message's languages do not write.

    "révìéw" or "fïve stärs" to an English buyer, "Bewërtung" to a German one: a mark no
    language of the message puts on that letter only decorates the word, for trigger words.
    The letters the languages write keep their marks and meaning (Größe, élève, reseña).
    Each letter stays one letter, so the map to the seller's characters is kept as it is.
    """
    text = reading.text
    foreign = _foreign_marks(alphabet)
    if text.isascii() or foreign is None or foreign[0].search(text) is None:
        return reading
    return Reading(text.translate(foreign[1]), reading.starts, reading.ends, reading.raw_length)


# A hyphen inside a word, or a space no keyboard types by accident (no-break, narrow, figure,
# braille blank), splits a word for a filter: "re-view", "re\u00a0view", "Bewer\u2800tung".
_WORD_HYPHEN = re.compile("[-\u2010](?<=[^\\W\\d_][-\u2010])(?=[^\\W\\d_])")
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u2800\u3000](?=[^\\W\\d_])")
_LETTERS_BEFORE = re.compile(r"[^\W\d_]+\Z")
_LETTERS_AFTER = re.compile(r"[^\W\d_]+")
_SPLIT_PIECE = 32  # letters read either side of a split
# Splits looked at per message: a real message splits a few words; a flood of hyphens
# ("a-b-a-b-…") is read this far and no further.
MAX_SPLITS = 256


def join_split_words(reading: Reading, raw: str, knows: Callable[[str, str], bool]) -> Reading:
    """Return the reading with words split by a hyphen or an odd space joined, for trigger words.

    ``knows(joined, hyphenated)`` tells whether the joined word is one the phrases spell; a
    hyphen between two words (follow-up, co-op, E-Mail) stays, as the phrases read it.
    """
    places = [match.start() for match in _WORD_HYPHEN.finditer(reading.text)]
    if not raw.isascii():
        for match in _ODD_SPACES.finditer(raw):
            index = bisect_left(reading.starts, match.start()) if reading.starts else match.start()
            if index < len(reading.text) and reading.text[index] == " ":
                places.append(index)
        places.sort()
    if not places:
        return reading
    del places[MAX_SPLITS:]
    text = reading.text
    edits: list[tuple[int, int, str]] = []
    for place in places:
        before = _LETTERS_BEFORE.search(text, max(0, place - _SPLIT_PIECE), place)
        after = _LETTERS_AFTER.match(text, place + 1, place + 1 + _SPLIT_PIECE)
        if before is None or after is None:
            continue
        left, right = before.group(0), after.group(0)
        if knows(left + right, f"{left}-{right}"):
            edits.append((place, place + 1, ""))
    return reading.replace(edits) if edits else reading
