"""Layer 4: tokens with lemmas, by the language pack's lemmatiser.

Each pack names its lemmatiser (``[language] lemmatiser``):

- ``simplemma`` for the European languages: words are ``\\w+`` runs, each looked up in
  simplemma's dictionary for the pack's language (Bewertungen → bewertung);
- ``sudachi`` for Japanese: SudachiPy with its core dictionary segments the text and gives each
  word its dictionary form and normalised form (いただけ → いただける / 頂く);
- ``jieba`` for Chinese: words as jieba segments them (删除 / 差评); Chinese does not inflect.

A backend's data loads on first use of its language (simplemma's dictionaries take 1–20 s to
read), or all at once with :func:`preload` before a server forks its workers. Offsets are those
of the text given.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import threading
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .languages import load_pack
from .lexicon import _Node, _parse, _variants

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
        return self.text[:1].isdigit() and bool(_DIGITS.fullmatch(self.text))


def _pattern_words(nodes: list[_Node]) -> list[_Node]:
    words = []
    for node in nodes:
        if node.kind == "word":
            words.append(node)
        elif node.kind == "group":
            words += [w for alternative in node.alternatives for w in _pattern_words(alternative)]
    return words


@cache
def named_lemmas(language: str) -> re.Pattern[str]:
    """Return a pattern that matches every lemma a concept of ``language``'s pack can name."""
    exact, starts, ends, inside = set(), set(), set(), set()
    for concept in load_pack(language).concepts.values():
        for pattern in concept.lemmas:
            for nodes in _variants(_parse(pattern.strip()), pattern):
                for word in _pattern_words(nodes):
                    bucket = (
                        (inside if word.stem else ends) if word.infix else (starts if word.stem else exact)
                    )
                    bucket.add(re.escape(word.text))
    parts = [f"(?:{'|'.join(sorted(exact))})$"] if exact else []
    parts += [f"(?:{'|'.join(sorted(starts))})"] if starts else []
    parts += [f".*(?:{'|'.join(sorted(ends))})$"] if ends else []
    parts += [f".*(?:{'|'.join(sorted(inside))})"] if inside else []
    return re.compile("|".join(parts) or "(?!)")


def _cache_path(language: str) -> Path:
    """Return where the cut-down dictionary of ``language`` is kept between processes.

    The name holds simplemma's version and a digest of the lemmas the pack names, so an edited
    pack or a new simplemma builds a new file.
    """
    from importlib.metadata import version

    import platformdirs

    root = Path(
        os.environ.get("GUIDELINES_CACHE_DIR") or platformdirs.user_cache_dir("seller-message-composer")
    )
    digest = hashlib.blake2b(named_lemmas(language).pattern.encode(), digest_size=8).hexdigest()
    return root / f"simplemma-{version('simplemma')}-{language}-{digest}.json"


class _PackDictionaries:
    """simplemma's dictionaries, each cut down to the entries whose lemma a pack's concept names.

    Reading a full dictionary takes seconds (Polish: about 10 s), so the cut-down one is kept in
    a cache file and later processes read only that.
    """

    def __init__(self) -> None:
        self._dictionaries: dict[str, dict[str, str]] = {}

    def get_dictionary(self, lang: str) -> dict[str, str]:
        found = self._dictionaries.get(lang)
        if found is None:
            found = self._dictionaries[lang] = self._load(lang)
        return found

    def _load(self, lang: str) -> dict[str, str]:
        path = _cache_path(lang)
        with contextlib.suppress(OSError, ValueError):
            return json.loads(path.read_text(encoding="utf-8"))
        from simplemma.strategies.dictionaries import DefaultDictionaryFactory

        full = DefaultDictionaryFactory(cache_max_size=0).get_dictionary(lang)
        named = named_lemmas(lang).match
        found = {form: lemma for form, lemma in full.items() if named(lemma.lower())}
        with contextlib.suppress(OSError):  # a read-only cache only costs time
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
            os.replace(partial, path)
        return found


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
                from simplemma import Lemmatizer
                from simplemma.strategies import DefaultStrategy

                _backends[name] = Lemmatizer(
                    lemmatization_strategy=DefaultStrategy(dictionary_factory=_PackDictionaries())
                )
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


# SudachiPy refuses input over 49,149 bytes; a character takes at most 4 bytes in UTF-8, so a
# sentence is read in pieces of this many characters (only a pathological sentence is longer).
_SUDACHI_CHARS = 12_000


def _japanese(text: str, offset: int) -> list[Token]:
    from sudachipy import SplitMode

    tokens = []
    for base in range(0, len(text), _SUDACHI_CHARS):
        piece = text[base : base + _SUDACHI_CHARS]
        for morpheme in _backend("sudachi").tokenize(piece, SplitMode.C):
            surface = morpheme.surface()
            if not surface.strip() or not any(c.isalnum() for c in surface):
                continue
            lemma = morpheme.normalized_form()
            forms = frozenset((surface.lower(), lemma, morpheme.dictionary_form()))
            start = offset + base + morpheme.begin()
            tokens.append(Token(start, offset + base + morpheme.end(), surface, lemma, forms))
    return tokens


def _chinese(text: str, offset: int) -> list[Token]:
    tokens = []
    for word, start, end in _backend("jieba").tokenize(text):
        if word.strip() and any(c.isalnum() for c in word):
            lower = word.lower()
            tokens.append(Token(offset + start, offset + end, word, lower, frozenset((lower,))))
    return tokens


def tokenise(text: str, language: str, offset: int = 0) -> tuple[Token, ...]:
    """Return the words of ``text`` (one sentence) with lemmas by ``language``'s pack.

    Kept per sentence text: while a seller types, only the sentence being typed is new.
    """
    tokens = _tokenise(text, language)
    if not offset:
        return tokens
    return tuple(Token(t.start + offset, t.end + offset, t.text, t.lemma, t.forms) for t in tokens)


@lru_cache(maxsize=4096)
def _tokenise(text: str, language: str) -> tuple[Token, ...]:
    lemmatiser = load_pack(language).lemmatiser
    if lemmatiser == "sudachi":
        return tuple(_japanese(text, 0))
    if lemmatiser == "jieba":
        return tuple(_chinese(text, 0))
    return tuple(_european(text, 0, language))


def forget_tokens() -> None:
    """Drop the tokens kept per sentence (the benchmark pays for each sentence as new text does)."""
    _tokenise.cache_clear()


def preload(languages: tuple[str, ...]) -> None:
    """Load the lemmatisers, their dictionaries and the concept patterns of ``languages`` now.

    A server calls this before it forks its workers, so that they share the data and no
    buyer's first message in a language waits for it.
    """
    from .concepts import matcher

    for language in languages:
        tokenise("warm", language)
        matcher(language)
