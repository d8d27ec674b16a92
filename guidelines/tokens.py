"""Layer 4: tokens with lemmas, by the language pack's lemmatiser.

Each pack names its lemmatiser (``[language] lemmatiser``):

- ``simplemma`` for the European languages: words are ``\\w+`` runs, each looked up in
  simplemma's dictionary for the pack's language (Bewertungen → bewertung);
- ``sudachi`` for Japanese: SudachiPy with its core dictionary segments the text and gives each
  word its dictionary form and normalised form (いただけ → いただける / 頂く);
- ``jieba`` for Chinese: words as jieba segments them (删除 / 差评); Chinese does not inflect.

A backend's data loads on first use of its language (simplemma's take 25–400 MB each), or all at
once with :func:`preload` before a server forks its workers. Offsets are those of the text given.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .languages import load_pack

_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_lock = threading.Lock()
_backends: dict[str, Any] = {}


@dataclass(frozen=True)
class Token:
    """A word: its offsets, its text, and the forms a pattern may name (lower-cased)."""

    start: int
    end: int
    text: str
    lemma: str
    # Every form a pattern word is compared with: the surface, the lemma, and for Japanese the
    # dictionary form as well as Sudachi's normalised form.
    forms: frozenset[str]

    @property
    def is_number(self) -> bool:
        return bool(_DIGITS.fullmatch(self.text))


def _backend(name: str) -> Any:
    found = _backends.get(name)
    if found is not None:
        return found
    with _lock:
        if name not in _backends:
            if name == "sudachi":
                from sudachipy import Dictionary

                _backends[name] = Dictionary(dict="core").tokenizer()
            elif name == "jieba":
                import jieba

                jieba.setLogLevel(60)
                jieba.initialize()
                _backends[name] = jieba
            else:
                import simplemma

                _backends[name] = simplemma
    return _backends[name]


@lru_cache(maxsize=200_000)
def _simplemma_lemma(word: str, language: str) -> str:
    return _backend("simplemma").lemmatize(word, lang=language).lower()


def _european(text: str, offset: int, language: str) -> list[Token]:
    tokens = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        lower = word.lower()
        lemma = lower if lower.isdigit() else _simplemma_lemma(lower, language)
        tokens.append(
            Token(offset + match.start(), offset + match.end(), word, lemma, frozenset((lower, lemma)))
        )
    return tokens


def _japanese(text: str, offset: int) -> list[Token]:
    from sudachipy import SplitMode

    tokens = []
    for morpheme in _backend("sudachi").tokenize(text, SplitMode.C):
        surface = morpheme.surface()
        if not surface.strip() or not any(c.isalnum() for c in surface):
            continue
        lemma = morpheme.normalized_form()
        forms = frozenset((surface.lower(), lemma, morpheme.dictionary_form()))
        tokens.append(Token(offset + morpheme.begin(), offset + morpheme.end(), surface, lemma, forms))
    return tokens


def _chinese(text: str, offset: int) -> list[Token]:
    tokens = []
    for word, start, end in _backend("jieba").tokenize(text):
        if word.strip() and any(c.isalnum() for c in word):
            lower = word.lower()
            tokens.append(Token(offset + start, offset + end, word, lower, frozenset((lower,))))
    return tokens


def tokenise(text: str, language: str, offset: int = 0) -> tuple[Token, ...]:
    """Return the words of ``text`` (one sentence) with lemmas by ``language``'s pack."""
    lemmatiser = load_pack(language).lemmatiser
    if lemmatiser == "sudachi":
        return tuple(_japanese(text, offset))
    if lemmatiser == "jieba":
        return tuple(_chinese(text, offset))
    return tuple(_european(text, offset, language))


def preload(languages: tuple[str, ...]) -> None:
    """Load the lemmatisers (and their dictionaries) of ``languages`` now rather than on first use."""
    for language in languages:
        tokenise("warm", language)
