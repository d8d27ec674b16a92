"""Which language a message is written in, told by lingua among the buyer languages we support.

The detector is built once per process, in low-accuracy mode (about 35 MB instead of 277 MB),
with its models preloaded so that no check pays for loading them. Very short texts are not
judged: "ok thx" is misdetected by every detector.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any

import regex

from . import sentences
from .i18n import Text
from .languages import language_name, script_language, supported_languages
from .message import Context, Message
from .scripts import CJK, KANA, SENTENCE_ENDS
from .spelling.tokens import WORD, masked_text

# ISO 639-1 codes of the buyer languages the composer offers: the language packs.
DETECTABLE = supported_languages()
# Texts, so a finding that names a language is translated with it (makemessages reads the packs).
LANGUAGE_NAMES = {code: Text(language_name(code)) for code in DETECTABLE}
# Below these a text is too short to judge (a CJK character counts as half a word, as a letter).
MIN_WORDS = 5
MIN_LETTERS = 25
# Long texts are judged on a sample of their longest sentence groups: enough for lingua, and
# bounded in time (lingua takes about 1 ms per 1,000 characters).
SAMPLE_CHARS = 350
SAMPLE_GROUPS = 3
# The groups are formed from the first this many characters: twice the longest message Amazon
# takes (2,000 characters), so a pasted 20,000-character text is not grouped sentence by
# sentence to the end. Every sentence is still read on its own by layer 3 (``segments``).
GROUPED_CHARS = 4_000

_NOT_LATIN = regex.compile(r"\P{Latin}+")
_lock = threading.Lock()
_detector: Any = None


@dataclass(frozen=True)
class Detection:
    """The detected language (ISO 639-1) and lingua's confidence, or why there is none."""

    language: str | None
    confidence: float = 0.0
    # "ok", "too_short" or "unavailable" (lingua is not installed).
    status: str = "ok"


def detector() -> Any:
    """Return the process-wide lingua detector, building it on first use."""
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

                languages = [
                    Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in DETECTABLE
                ]
                _detector = (
                    LanguageDetectorBuilder.from_languages(*languages)
                    .with_low_accuracy_mode()
                    .with_preloaded_language_models()
                    .build()
                )
    return _detector


def readable_text(text: str, context: Context | None = None) -> str:
    """Return ``text`` without placeholders, names, URLs, order IDs, addresses and numbers."""
    return " ".join(masked_text(text, context).split())


# Sentences, grouped within a paragraph until they are long enough for lingua to be reliable;
# each group votes with its number of letters, so that a strongly marked sign-off ("Mit
# freundlichen Grüßen") cannot outvote an English body, nor an English one a German body.
_PARAGRAPHS = regex.compile(r"\n[ \t]*\n")
_SENTENCE = regex.compile(rf"[^\n{regex.escape(SENTENCE_ENDS)}]+[{regex.escape(SENTENCE_ENDS)}]*")
_GROUP_WORDS = 8
_GROUP_CJK = 12


def _groups(clean: str) -> list[tuple[str, int, int]]:
    """Return (text, letters, words) groups of sentences, paragraph by paragraph."""
    groups: list[tuple[str, int, int]] = []
    for paragraph in _PARAGRAPHS.split(clean):
        current: list[str] = []
        words = letters = cjk = 0
        for sentence in _SENTENCE.findall(paragraph):
            found = WORD.findall(sentence)
            current.append(sentence)
            han = len(CJK.findall(sentence)) if not sentence.isascii() else 0
            cjk += han
            words += len(found) + han // 2
            letters += sum(map(len, found))
            if words >= _GROUP_WORDS or cjk >= _GROUP_CJK:
                groups.append((" ".join(" ".join(current).split()), letters, words))
                current, words, letters, cjk = [], 0, 0, 0
        if current and letters:
            groups.append((" ".join(" ".join(current).split()), letters, words))
    return groups


def _sample(groups: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Return the longest groups, at most ``SAMPLE_GROUPS`` of them and about ``SAMPLE_CHARS``.

    Long groups are the ones lingua reads reliably, and they carry most of the weight anyway;
    a short sign-off in another language is outvoted whether it is sampled or not.
    """
    if len(groups) <= SAMPLE_GROUPS and sum(len(g[0]) for g in groups) <= SAMPLE_CHARS:
        return groups
    chosen, size = [], 0
    for group in sorted(groups, key=lambda g: g[1], reverse=True):
        if len(chosen) == SAMPLE_GROUPS or (chosen and size + len(group[0]) > SAMPLE_CHARS):
            break
        chosen.append(group)
        size += len(group[0])
    return chosen


@lru_cache(maxsize=4096)
def _top_language(group: str) -> tuple[str, float] | None:
    """Return lingua's likeliest language for a group of sentences and its confidence.

    Kept per process: while a seller types, only the group being typed changes from one live
    check to the next, so the others are not read again.
    """
    values = detector().compute_language_confidence_values(group)
    if not values:
        return None
    return values[0].language.iso_code_639_1.name.lower(), values[0].value


def sentence_language(text: str) -> tuple[str, float] | None:
    """Return lingua's likeliest language for one sentence and its confidence (cached per text)."""
    return _top_language(" ".join(text.split()))


def forget_verdicts() -> None:
    """Drop the cached verdicts, so that a benchmark pays for every group as a new text does."""
    _top_language.cache_clear()
    sentences.forget_verdicts()


def detect(text: str, context: Context | None = None) -> Detection:
    """Detect the language of a message body, ignoring what says nothing about its language.

    Groups of sentences vote with their number of letters (short ones, such as a sign-off,
    with half of it) times lingua's confidence; the confidence is the winner's share.
    """
    groups = _groups(masked_text(text, context)[:GROUPED_CHARS])
    words = sum(g[2] for g in groups)
    letters = sum(g[1] for g in groups)
    if words < MIN_WORDS or letters < MIN_LETTERS:
        return Detection(None, status="too_short")
    try:
        detector()
    except ImportError:
        return Detection(None, status="unavailable")
    votes: dict[str, float] = {}
    total = 0.0
    for group, letters, group_words in _sample(groups):
        weight = letters if group_words >= _GROUP_WORDS else letters / 2
        total += weight
        if verdict := _top_language(group):
            code, confidence = verdict
            votes[code] = votes.get(code, 0.0) + weight * confidence
    if not votes:
        return Detection(None, status="too_short")
    best = max(votes, key=votes.__getitem__)
    # Uncertain groups count against the winner: lingua's low-accuracy mode hesitates on
    # single short sentences, and a hesitant verdict must not become an error.
    return Detection(best, votes[best] / total)


def _script_counts(text: str, context: Context | None) -> tuple[int, int, str]:
    clean = masked_text(text, context)
    return (*_letters_by_script(clean), clean)


@lru_cache(maxsize=32)
def _letters_by_script(clean: str) -> tuple[int, int]:
    """Return the number of CJK characters and of Latin letters (what is left without the rest)."""
    cjk = len(CJK.findall(clean)) if not clean.isascii() else 0
    return cjk, len(_NOT_LATIN.sub("", clean))


def mostly_latin(text: str, context: Context | None = None) -> bool:
    """Tell whether a text with some CJK (a Japanese sign-off) is written mostly in Latin letters."""
    cjk, latin, _ = _script_counts(text, context)
    return latin >= 40 and latin >= 5 * cjk


def script_of(text: str, context: Context | None = None) -> str | None:
    """Tell which writing system a text is in: Japanese's code (kana), Chinese's (Han only), "latin", or None.

    Scripts are certain where lingua may hesitate: a message without a single Japanese
    character is not Japanese, however short. Too little text of either kind gives None.
    """
    cjk, latin, clean = _script_counts(text, context)
    if cjk >= 6 and cjk >= latin:
        return script_language("japanese" if len(KANA.findall(clean)) >= 2 else "han")
    if latin >= 12 and cjk == 0 and len(list(islice(WORD.finditer(clean), 3))) == 3:
        return "latin"
    return None


_last = threading.local()


def detection_for(message: Message) -> Detection:
    """Return the detection for a message under check, computed once for all rules."""
    cached = getattr(_last, "value", None)
    if cached is not None and cached[0] is message:
        return cached[1]
    found = detect(message.visible, message.context)
    _last.value = (message, found)
    return found
