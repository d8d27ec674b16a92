"""The offline spelling backend: Hunspell dictionaries through pyenchant.

Debian's enchant asks aspell first for English; we force the Hunspell provider so that every
language is judged by the same kind of dictionary. Dictionaries load once per process, word
verdicts are cached, and suggestions (tens of milliseconds each) are computed within a
per-check time budget.
"""

from __future__ import annotations

import threading
import time
import tomllib
from collections import OrderedDict
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import regex

from ..i18n import _
from ..languages import find_pack, load_pack
from .issues import MAX_ISSUES, BackendUnavailable, Issue
from .tokens import Token

NAME = "hunspell"

# Which Hunspell dictionaries a language uses comes from its pack ([dictionaries] in
# guidelines/languages/<lang>/pack.toml): the dictionaries to try, best first (later ones also
# accept words when the pack says all_variants, so colour is no mistake for an American buyer),
# the regional dictionary a locale asks first, and whether nouns glue into compounds.

_WORDS_DIR = Path(__file__).parent / "data" / "words"
_lock = threading.Lock()


class Speller:
    """Spell-checks the words of one language with one or more Hunspell dictionaries."""

    def __init__(self, language: str, dictionaries: list[Any]) -> None:
        self.language = language
        self.dictionaries = dictionaries
        self.tags = [d.tag for d in dictionaries]
        self.extra_words = _extra_words(language)
        from ..language_detection import LANGUAGE_NAMES  # at run time: it imports this package

        self.language_name = LANGUAGE_NAMES.get(language, language)
        self._known: dict[str, bool] = {}
        self._suggestions: OrderedDict[str, tuple[str, ...]] = OrderedDict()

    def knows(self, word: str) -> bool:
        """Tell whether any dictionary (or our own word list) accepts ``word``."""
        verdict = self._known.get(word)
        if verdict is None:
            verdict = self._lookup(word)
            if len(self._known) > 100_000:
                self._known.clear()
            self._known[word] = verdict
        return verdict

    def _lookup(self, word: str) -> bool:
        plain = word.replace("’", "'")
        if plain.casefold() in self.extra_words or self._check(plain):
            return True
        marks = _optional_marks(self.language)
        if marks and plain != plain.translate(marks):
            return self.knows(plain.translate(marks))
        # Dictionaries list abbreviations with their full stop ("bzw.", "Ud."), which tokens lose.
        if len(plain) <= 5 and self._check(plain + "."):
            return True
        if plain.endswith(("'s", "'")) and self._check(plain.rstrip("s").rstrip("'")):
            return True
        if "-" in plain:
            return all(self._check(part) or self.knows(part) for part in plain.split("-") if part)
        if load_pack(self.language).compounding and len(plain) >= 8:
            return self._is_compound(plain)
        return False

    def _check(self, word: str) -> bool:
        with _lock:
            return any(d.check(word) for d in self.dictionaries)

    def _is_compound(self, word: str, depth: int = 0) -> bool:
        """Tell whether ``word`` splits into known words, allowing linking letters (Fugen-s)."""
        for cut in range(3, len(word) - 2):
            head, tail = word[:cut], word[cut:]
            if not self._known_part(head) and not any(
                head.endswith(link) and len(head) - len(link) >= 3 and self._known_part(head[: -len(link)])
                for link in load_pack(self.language).linking
            ):
                continue
            if self._known_part(tail) or (
                depth < 2 and len(tail) >= 6 and self._is_compound(tail, depth + 1)
            ):
                return True
        return False

    def _known_part(self, part: str) -> bool:
        return self._check(part) or self._check(part.capitalize()) or self._check(part.lower())

    def suggest(self, word: str, budget: SuggestionBudget) -> tuple[str, ...]:
        """Return up to five corrections within the check's time budget (none once it is spent).

        Most typos are one likely edit away ("thta", "recieve", "almacen"); trying those takes
        milliseconds. Hunspell's own search takes 100 ms to over a second, so it runs only for
        short words without such a correction, while the budget lasts.
        """
        cached = self._suggestions.get(word)
        if cached is not None:
            self._suggestions.move_to_end(word)
            return cached
        if budget.spent():
            return ()
        started = time.perf_counter()
        plain = word.replace("’", "'")
        found = self._one_edit(plain) if len(plain) <= _MAX_EDIT_LENGTH else []
        if (
            not found
            and len(plain) <= _MAX_HUNSPELL_LENGTH
            and not budget.spent(time.perf_counter() - started)
        ):
            with _lock:
                found = list(dict.fromkeys(self.dictionaries[0].suggest(plain)))
        budget.charge(time.perf_counter() - started)
        found = [s for s in found if s != word][:5]
        self._suggestions[word] = tuple(found)
        if len(self._suggestions) > 5_000:
            self._suggestions.popitem(last=False)
        return tuple(found)

    def _one_edit(self, word: str) -> list[str]:
        """Return dictionary words one likely edit from ``word``, the likeliest kinds first."""
        lower = word.lower()
        splits = [(lower[:i], lower[i:]) for i in range(len(lower) + 1)]
        vowels = "aeiou" + load_pack(self.language).letters
        candidates = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]  # thta → that
        candidates += [a + c + b[1:] for a, b in splits if b for c in _ACCENTED.get(b[0], "")]  # almacen
        candidates += [a + b[0] + b for a, b in splits if b]  # tomorow → tomorrow
        candidates += [a + c + b for a, b in splits for c in vowels]  # ordr → order
        candidates += [a + c + b for a, b in splits for c in _NEIGHBOURS.get(b[:1], "")]  # missed key
        candidates += [a + b[1:] for a, b in splits if b]  # forr → for
        candidates += [a + c + b[1:] for a, b in splits if b for c in _NEIGHBOURS.get(b[0], "") + vowels]
        primary = self.dictionaries[0]
        found: list[str] = []
        with _lock:
            # A German noun written in lower case ("woche") only needs its capital.
            capital = word[:1].upper() + word[1:]
            if load_pack(self.language).capitalised_nouns and word[:1].islower() and primary.check(capital):
                found.append(capital)
        for candidate in dict.fromkeys(candidates):
            shaped = _same_shape(candidate, word)
            with _lock:
                known = primary.check(shaped)
            if known and shaped not in found:
                found.append(shaped)
                if len(found) == 5:
                    return found
        short = _function_words(self.language)
        for first, second in splits[1:-3]:  # yourbank → your bank, alot → a lot
            if len(found) == 5:
                break
            if len(first) < 3 and first not in short:
                continue
            with _lock:
                if primary.check(first) and primary.check(second):
                    found.append(_same_shape(f"{first} {second}", word))
        return found

    def looks_like_a_compound(self, word: str, suggestions: tuple[str, ...]) -> bool:
        """Tell whether the only corrections split ``word`` into two content words.

        "airfryer" or "minisplit" is then more likely a product term than a typo; "yourbank"
        (a function word run into the next) is a typo.
        """
        if not suggestions or not all(" " in s for s in suggestions):
            return False
        short = _function_words(self.language)
        return all(s.split(" ")[0].lower() not in short for s in suggestions)


# Words longer than this get no one-edit search (a pasted code or a URL fragment, not a typo).
_MAX_EDIT_LENGTH = 20
# Hunspell's search grows with the word; beyond this it can take seconds.
_MAX_HUNSPELL_LENGTH = 12
# Keys next to each other on QWERTY/QWERTZ/AZERTY keyboards: the letters a finger slips to.
_NEIGHBOURS = {
    "a": "qswz", "b": "vghn", "c": "xdfv", "d": "serfcx", "e": "wsdr", "f": "drtgvc", "g": "ftyhbv",
    "h": "gyujnb", "i": "ujko", "j": "huikmn", "k": "jiolm", "l": "kop", "m": "njk", "n": "bhjm",
    "o": "iklp", "p": "ol", "q": "wa", "r": "edft", "s": "awedxz", "t": "rfgy", "u": "yhji",
    "v": "cfgb", "w": "qase", "x": "zsdc", "y": "tghu", "z": "asx",
}  # fmt: skip
_ACCENTED = {
    "a": "áàâäãå",
    "e": "éèêë",
    "i": "íìîï",
    "o": "óòôöõ",
    "u": "úùûü",
    "c": "çć",
    "n": "ñń",
    "s": "śş",
    "z": "źż",
    "g": "ğ",
    "l": "ł",
}


def _same_shape(candidate: str, word: str) -> str:
    """Give a lower-case candidate the capitals of the misspelled word ("Thta" → "That")."""
    if word.isupper() and len(word) > 1:
        return candidate.upper()
    if word[:1].isupper():
        return candidate[:1].upper() + candidate[1:]
    return candidate


class SuggestionBudget:
    """The time one check may spend on suggestions (Hunspell's take 100 ms and more each)."""

    def __init__(self, seconds: float) -> None:
        self.remaining = seconds

    def spent(self, pending: float = 0.0) -> bool:
        return self.remaining - pending <= 0

    def charge(self, seconds: float) -> None:
        self.remaining -= seconds


@cache
def _function_words(language: str) -> frozenset[str]:
    with (_WORDS_DIR / "function_words.toml").open("rb") as handle:
        return frozenset(tomllib.load(handle).get(language, "").split())


@cache
def _optional_marks(language: str) -> dict[int, str]:
    with (_WORDS_DIR / "optional_marks.toml").open("rb") as handle:
        pairs = tomllib.load(handle).get(language, "").split()
    return str.maketrans(dict(pair.split("=") for pair in pairs))


@cache
def _units() -> frozenset[str]:
    lines = (_WORDS_DIR / "units.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().casefold() for w in lines if w.strip() and not w.startswith("#"))


def _after_number(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip()
    return bool(before) and before[-1].isdigit()


@cache
def _extra_words(language: str) -> frozenset[str]:
    path = _WORDS_DIR / f"{language}.txt"
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().casefold() for w in lines if w.strip() and not w.startswith("#"))


_spellers: dict[str, Speller] = {}


def _load_enchant() -> Any:
    try:
        import enchant
    except ImportError as exc:  # pyenchant or the C library libenchant-2-2 is missing
        raise BackendUnavailable(
            _("Spelling was not checked: pyenchant or libenchant-2-2 is not installed.")
        ) from exc
    return enchant


_broker: Any = None


def _hunspell_dictionary(enchant: Any, tag: str) -> Any | None:
    global _broker
    if _broker is None:
        _broker = enchant.Broker()
        _broker.set_ordering("*", "hunspell")
    _broker.set_ordering(tag, "hunspell")
    if not _broker.dict_exists(tag):
        return None
    dictionary = _broker.request_dict(tag)
    # enchant falls back to other providers (aspell) when Hunspell lacks the tag.
    return dictionary if dictionary.provider.name == "hunspell" else None


def speller_for(locale: str) -> Speller:
    """Return the cached speller for a locale such as ``en-US`` or a language such as ``de``.

    Raises ``BackendUnavailable`` when pyenchant or every dictionary for the language is missing.
    """
    language = locale.split("-")[0]
    pack = find_pack(language)
    regional = pack.regional_dictionaries.get(locale, "") if pack else ""
    key = f"{language}:{regional}"
    speller = _spellers.get(key)
    if speller is not None:
        return speller
    if pack is None or not pack.dictionaries:
        raise BackendUnavailable(
            _("No Hunspell dictionary is known for language “{language}”.", language=language)
        )
    enchant = _load_enchant()
    tags = [t for t in dict.fromkeys([regional, *pack.dictionaries]) if t]
    with _lock:
        dictionaries = []
        for tag in tags:
            dictionary = _hunspell_dictionary(enchant, tag)
            if dictionary is not None:
                dictionaries.append(dictionary)
                if not pack.all_variants:
                    break
    if not dictionaries:
        package = f"hunspell-{language}"
        raise BackendUnavailable(
            _(
                "Spelling was not checked: no Hunspell dictionary for “{language}” is installed ({package}).",
                language=language,
                package=package,
            )
        )
    speller = _spellers[key] = Speller(language, dictionaries)
    return speller


def check_tokens(
    speller: Speller,
    text: str,
    words: Iterable[Token],
    skip: frozenset[str],
    budget: SuggestionBudget,
) -> list[Issue]:
    """Return a spelling issue for each unknown word that does not look like a name."""
    issues: list[Issue] = []
    judged: dict[str, tuple[tuple[str, ...], bool]] = {}  # a word repeated is judged once
    for token in words:
        if len(issues) == MAX_ISSUES:
            break  # the check keeps no more ("xyzzy xyzzy …")
        word = token.text
        if len(word) < 2 or speller.knows(word) or word.casefold() in skip or looks_like_name(word):
            continue
        if word.casefold() in _units() and _after_number(text, token.start):  # "130 kg"
            continue
        if word[0].isupper() and not word.isupper():
            lowered = word[0].lower() + word[1:]
            if speller.knows(lowered):
                continue
            # A capitalised unknown word is a typo only where it opens a running sentence;
            # elsewhere it is most likely a brand, a place or a person ("Photocoussin").
            if not (token.sentence_start and _sentence_continues(text, token.end)):
                continue
        if word not in judged:
            searched = not budget.spent()
            found = speller.suggest(word, budget)
            term = (searched and not found) or speller.looks_like_a_compound(word, found)
            if found and _distance(word.lower(), found[0].lower()) > 2:
                term = True
            judged[word] = (found, term)
        suggestions, likely_term = judged[word]
        issues.append(
            Issue(
                token.start,
                token.end,
                "spelling",
                _("“{word}” is not in the {language} dictionary.", word=word, language=speller.language_name),
                suggestions,
                rule_id=f"HUNSPELL_{speller.tags[0]}",
                # A word far from every dictionary word, or two content words run together,
                # is most often a product term or a name: a note, not a warning.
                severity="info" if likely_term else None,
            )
        )
    return issues


_CAMEL_CASE = regex.compile(r"\p{Ll}\p{Lu}")


def _distance(a: str, b: str) -> int:
    """Return the Levenshtein distance of two short words."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def looks_like_name(word: str) -> bool:
    """Tell whether a word is written like a brand or an acronym: ALLCAPS or CamelCase."""
    return word.isupper() or bool(_CAMEL_CASE.search(word))


def _sentence_continues(text: str, end: int) -> bool:
    """Tell whether the line goes on with a lower-case word (a sentence, not a signature)."""
    rest = text[end : end + 40].split("\n", 1)[0]
    for piece in rest.split():
        piece = piece.strip(",;:()\"'“”")
        if piece:
            return piece[0].islower()
    return False
