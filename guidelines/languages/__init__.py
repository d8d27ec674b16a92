"""Language packs: everything the engine knows of one language, as data checked at load.

Each supported language has ``languages/<code>/pack.toml`` (format: ``languages/README.md``).
:func:`load_pack` reads and validates one pack; a pack that lacks a key the engine reads, or
holds a value of the wrong kind, raises :class:`PackError` naming the file and the key. There
is no silent gap: a language without phrases for a key says so with an empty list.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

PACK_DIR = Path(__file__).parent

# Phrase keys the rules read (``message.spans(key)``); every pack defines each of them.
PHRASE_KEYS = (
    "attachment_promo",
    "cancellation_request",
    "contact_channel",
    "courtesy",
    "feedback_steering",
    "happiness_question",
    "help_offer",
    "if_so",
    "incentive",
    "incentive_offer",
    "insult",
    "neutral_review",
    "opt_out",
    "order_notice",
    "otherwise_review",
    "past_resolution",
    "positive_exempt",
    "positive_review",
    "promotion",
    "promotion_buyer_reference",
    "purpose",
    "repeated_marker",
    "review_already_left",
    "review_ask",
    "review_instructions",
    "review_pressure",
    "review_removal",
    "review_removal_info",
    "review_removal_reference",
    "review_term",
    "review_term_weak",
    "reward_link",
    "satisfaction_condition",
    "satisfaction_question",
    "thanks",
    "vague_link_text",
)
# Cue lists (phrase syntax) every pack defines; they are found like phrases, under these keys.
CUE_KEYS = (
    "negation",
    "negation_after",
    "negation_exempt",
    "question",
    "condition",
    "quotation",
    "quotation_after",
    "reference",
    "common",
    "important",
    "form_field",
    "marketing_file",
    "addressee",
    "logo_image",
)
REMOVAL_KEYS = ("intro", "after", "joiner", "preposition")
# Words of contact details every pack lists ([contact]), read by the detectors in every message.
CONTACT_KEYS = (
    "at",
    "dot",
    "address_cues",
    "quote_cues",
    "id_cues",
    "id_words",
    "units",
    "phone_cues",
    "apps",
    "ambiguous_apps",
)
# Cues of plain words, read in every language at once (``plain_words_pattern``: subject brackets,
# file names, shouting, a form field named back) rather than as phrases in the text.
PLAIN_WORD_CUES = ("important", "form_field", "marketing_file", "addressee", "logo_image")
SCRIPTS = ("latin", "japanese", "han")
# How numbers written in words are read (``[numbers] reader``): by the text2num package, from the
# pack's number words (summed in descending order), or as numeral characters with multipliers.
NUMBER_READERS = ("text2num", "words", "characters")
LEMMATISERS = ("simplemma", "sudachi", "jieba")
# Concepts every pack defines ([concepts.NAME]); rules combine them (``message.concepts(name)``).
CONCEPTS = (
    "REVIEW",
    "REMOVE",
    "CHANGE",
    "REWARD",
    "POSITIVE-RATING",
    "SATISFIED-CONDITION",
    "DISCOUNT",
    "NEXT-PURCHASE",
    "STORE",
    "BROWSE",
    "SHIPPED",
    "DELIVERED",
    "REFUNDED",
    "THANKS",
    "MENTION",
)
# A marked example: the words between [ and ] are the span the concept must find.
_MARKED = re.compile(r"^[^\[\]]*\[([^\[\]]+)\][^\[\]]*$")

# The schema: section → required key → kind (str, bool, strings, str_map, int_map).
_SCHEMA: dict[str, dict[str, str]] = {
    "language": {
        "code": "str",
        "name": "str",
        "script": "str",
        "word_separated": "bool",
        "quotation_marks": "strings",
        "capitalised_nouns": "bool",
        "locales": "str_map",
    },
    "dictionaries": {
        "default": "strings",
        "all_variants": "bool",
        "compounding": "bool",
        "regional": "str_map",
        "letters": "chars",
        "linking": "strings",
        "abbreviations": "strings",
    },
    "cues": dict.fromkeys(CUE_KEYS, "strings"),
    "contact": dict.fromkeys(CONTACT_KEYS, "strings"),
    "numbers": {
        "reader": "str",
        "not_numbers": "strings",
        "words": "int_map",
        "digits": "int_map",
        "pairs": "int_map",
    },
    "phrases": dict.fromkeys(PHRASE_KEYS, "strings"),
    # Words that go when a fix removes contact details or a link (guidelines/removal.py):
    # ``intro`` before them ("email me at"), ``after`` behind them (までご連絡ください), and
    # ``joiner``, the "or"/"and" that tied them to the rest of the sentence, and ``preposition``,
    # the word that tied them into it ("find the manual at example.com in the box").
    "removal": dict.fromkeys(REMOVAL_KEYS, "strings"),
}


class PackError(ValueError):
    """A language pack is missing, incomplete or malformed."""


@dataclass(frozen=True)
class Concept:
    """A concept's patterns in one language, and the examples that pin down what they find."""

    lemmas: tuple[str, ...]
    phrases: tuple[str, ...]
    # Sentences with the concept's span marked in [brackets], and sentences without the concept.
    match: tuple[str, ...]
    no_match: tuple[str, ...]


@dataclass(frozen=True)
class Pack:
    """One language's pack, validated."""

    code: str
    name: str
    script: str
    word_separated: bool
    # Pairs of quotation marks, opening then closing ("„“", "「」").
    quotation_marks: tuple[str, ...]
    # Every noun is capitalised (German), so Title Case does not mark a product name.
    capitalised_nouns: bool
    lemmatiser: str
    locales: MappingProxyType[str, str]
    dictionaries: tuple[str, ...]
    regional_dictionaries: MappingProxyType[str, str]
    all_variants: bool
    compounding: bool
    # Letters beyond a–z, linking elements of compounds, abbreviations that end no sentence.
    letters: str
    linking: tuple[str, ...]
    abbreviations: tuple[str, ...]
    cues: MappingProxyType[str, tuple[str, ...]]
    # Words of spelled-out or labelled contact details ("at", "punkt", "Lieferadresse").
    contact: MappingProxyType[str, tuple[str, ...]]
    # How numbers in words are read (``NUMBER_READERS``), the words and their values, and words
    # made of number words that are no amount ("pour cent", 十分).
    number_reader: str
    number_words: MappingProxyType[str, int]
    # Words read one digit each in a number spelled digit by digit, beyond ``number_words``.
    digit_words: MappingProxyType[str, int]
    # Words for tens and teens a number to dial is read in, two digits at a time (douze, trente).
    pair_words: MappingProxyType[str, int]
    not_numbers: tuple[str, ...]
    phrases: MappingProxyType[str, tuple[str, ...]]
    concepts: MappingProxyType[str, Concept]
    path: Path
    removal: MappingProxyType[str, tuple[str, ...]]


def _check(value: Any, kind: str, where: str) -> Any:
    if kind == "str" and isinstance(value, str) and value.strip():
        return value
    if kind == "bool" and isinstance(value, bool):
        return value
    if kind == "chars" and isinstance(value, str):
        return value
    if kind == "strings" and isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(value)
    if kind == "str_map" and isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return MappingProxyType(dict(value))
    if kind == "int_map" and isinstance(value, dict) and all(type(v) is int for v in value.values()):
        return MappingProxyType(dict(value))
    wanted = {
        "str": "a non-empty string",
        "bool": "true or false",
        "strings": "a list of non-empty strings",
    }.get(kind, "a table")
    raise PackError(f"{where} must be {wanted}")


def validate(data: dict[str, Any], path: Path) -> Pack:
    """Check a pack's parsed TOML against the schema and return it as a :class:`Pack`."""
    sections: dict[str, dict[str, Any]] = {}
    for section, keys in _SCHEMA.items():
        table = data.get(section)
        if not isinstance(table, dict):
            raise PackError(f"{path}: the [{section}] table is missing")
        for key in keys:
            if key not in table:
                raise PackError(f"{path}: [{section}] lacks {key!r}")
        checked = dict(table)
        checked.update(
            {key: _check(table[key], kind, f"{path}: [{section}] {key}") for key, kind in keys.items()}
        )
        sections[section] = checked
    unknown = set(data) - set(_SCHEMA) - {"concepts"}
    concepts = _concepts(data.get("concepts"), path)
    if unknown:
        raise PackError(f"{path}: unknown tables {sorted(unknown)}")
    extra = set(sections["phrases"]) - set(PHRASE_KEYS)
    if extra:
        raise PackError(f"{path}: [phrases] keys no rule reads: {sorted(extra)}")
    extra = set(sections["removal"]) - set(REMOVAL_KEYS)
    if extra:
        raise PackError(f"{path}: [removal] keys no fix reads: {sorted(extra)}")
    language = sections["language"]
    if language["code"] != path.parent.name:
        raise PackError(f"{path}: code {language['code']!r} does not match its directory")
    if language["lemmatiser"] not in LEMMATISERS:
        raise PackError(f"{path}: lemmatiser must be one of {', '.join(LEMMATISERS)}")
    if language["script"] not in SCRIPTS:
        raise PackError(f"{path}: script must be one of {', '.join(SCRIPTS)}")
    for pair in language["quotation_marks"]:
        if len(pair) != 2:
            raise PackError(f"{path}: quotation mark {pair!r} is not an opening and a closing mark")
    if not language["locales"]:
        raise PackError(f"{path}: [language.locales] names no locale")
    for tag in language["locales"]:
        if not re.fullmatch(rf"{language['code']}-[A-Z]{{2}}", tag):
            raise PackError(f"{path}: locale {tag!r} is not {language['code']}-XX")
    numbers = sections["numbers"]
    _check_numbers(numbers, language, path)
    dictionaries = sections["dictionaries"]
    if dictionaries["compounding"] and not dictionaries["linking"]:
        raise PackError(f"{path}: [dictionaries] compounding = true needs its linking elements")
    return Pack(
        code=language["code"],
        name=language["name"],
        script=language["script"],
        word_separated=language["word_separated"],
        quotation_marks=language["quotation_marks"],
        capitalised_nouns=language["capitalised_nouns"],
        lemmatiser=language["lemmatiser"],
        locales=language["locales"],
        dictionaries=dictionaries["default"],
        regional_dictionaries=dictionaries["regional"],
        all_variants=dictionaries["all_variants"],
        compounding=dictionaries["compounding"],
        letters=dictionaries["letters"],
        linking=dictionaries["linking"],
        abbreviations=dictionaries["abbreviations"],
        cues=MappingProxyType({k: sections["cues"][k] for k in CUE_KEYS}),
        contact=MappingProxyType({k: sections["contact"][k] for k in CONTACT_KEYS}),
        number_reader=numbers["reader"],
        number_words=numbers["words"],
        digit_words=numbers["digits"],
        pair_words=numbers["pairs"],
        not_numbers=numbers["not_numbers"],
        phrases=MappingProxyType({k: sections["phrases"][k] for k in PHRASE_KEYS}),
        concepts=concepts,
        path=path,
        removal=MappingProxyType({k: sections["removal"][k] for k in REMOVAL_KEYS}),
    )


def _check_numbers(numbers: dict[str, Any], language: dict[str, Any], path: Path) -> None:
    extra = set(numbers) - set(_SCHEMA["numbers"])
    if extra:
        raise PackError(f"{path}: [numbers] keys no reader reads: {sorted(extra)}")
    reader, words = numbers["reader"], numbers["words"]
    if reader not in NUMBER_READERS:
        raise PackError(f"{path}: [numbers] reader must be one of {', '.join(NUMBER_READERS)}")
    if reader == "text2num" and words:
        raise PackError(f"{path}: [numbers] words are text2num's to know; list none when reader = 'text2num'")
    if reader != "text2num" and not words:
        raise PackError(f"{path}: [numbers.words] is empty, but reader = {reader!r} reads it")
    if any(not 0 <= value <= 9 for value in numbers["digits"].values()):
        raise PackError(f"{path}: [numbers] digits are single digits, 0 to 9")
    if any(not 10 <= value <= 99 for value in numbers["pairs"].values()):
        raise PackError(f"{path}: [numbers] pairs are tens and teens, 10 to 99")
    if reader == "characters" and language["word_separated"]:
        raise PackError(f"{path}: numeral characters are read only where words are not separated by spaces")
    if reader == "characters" and any(len(word) != 1 for word in words):
        raise PackError(
            f"{path}: [numbers.words] holds more than one character per word (reader = 'characters')"
        )


def _concepts(table: Any, path: Path) -> MappingProxyType[str, Concept]:
    if not isinstance(table, dict):
        raise PackError(f"{path}: the [concepts] table is missing")
    extra = set(table) - set(CONCEPTS)
    if extra:
        raise PackError(f"{path}: [concepts] no rule reads {sorted(extra)}")
    concepts = {}
    for name in CONCEPTS:
        entry = table.get(name)
        if not isinstance(entry, dict):
            raise PackError(f"{path}: [concepts.{name}] is missing")
        unknown = set(entry) - {"lemmas", "phrases", "match", "no_match"}
        if unknown:
            raise PackError(f"{path}: [concepts.{name}] unknown keys {sorted(unknown)}")
        where = f"{path}: [concepts.{name}]"
        values = {
            key: _check(entry.get(key, []), "strings", f"{where} {key}")
            for key in ("lemmas", "phrases", "no_match")
        }
        if "match" not in entry:
            raise PackError(f"{where} lacks 'match' (examples with the span in [brackets])")
        values["match"] = _check(entry["match"], "strings", f"{where} match")
        if not values["lemmas"] and not values["phrases"]:
            raise PackError(f"{where} needs lemmas or phrases")
        if not values["match"]:
            raise PackError(f"{where} needs at least one example in 'match'")
        for example in values["match"]:
            if not _MARKED.match(example):
                raise PackError(f"{where} match example must mark one span in [brackets]: {example!r}")
        concepts[name] = Concept(**values)
    return MappingProxyType(concepts)


@cache
def _listing() -> dict[str, Any]:
    with (PACK_DIR / "languages.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def supported_languages() -> tuple[str, ...]:
    """Return the supported languages' codes, in the order the site lists them."""
    listed = tuple(_listing()["supported"])
    present = {p.parent.name for p in PACK_DIR.glob("*/pack.toml")}
    if set(listed) != present:
        raise PackError(f"languages.toml lists {sorted(listed)} but packs exist for {sorted(present)}")
    return listed


@cache
def template_language() -> str:
    """Return the language sellers reuse templates in for every market (``languages.toml``)."""
    code = _listing().get("template_language")
    if code not in supported_languages():
        raise PackError(f"languages.toml: template_language {code!r} is not a supported language")
    return code


@cache
def script_language(script: str) -> str:
    """Return the language a writing system stands for when nothing else tells (``japanese`` → ja)."""
    return {pack.script: pack.code for pack in reversed(all_packs())}[script]


def non_latin(code: str | None) -> bool:
    """Tell whether a supported language is written in its own script (Japanese, Chinese)."""
    pack = find_pack(code)
    return pack is not None and pack.script != "latin"


@cache
def load_pack(code: str) -> Pack:
    """Return the validated pack of language ``code``; raise :class:`PackError` if it is bad."""
    if code not in supported_languages():
        raise PackError(f"no language pack for {code!r}")
    path = PACK_DIR / code / "pack.toml"
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise PackError(f"{path}: {error}") from error
    return validate(data, path)


def find_pack(code: str | None) -> Pack | None:
    """Return the pack of ``code`` (``de``), or ``None`` for a language without one."""
    return load_pack(code) if code in supported_languages() else None


def all_packs() -> tuple[Pack, ...]:
    """Return every supported language's pack, loading (and so validating) each one."""
    return tuple(load_pack(code) for code in supported_languages())


@cache
def plain_words_pattern(cue: str) -> re.Pattern[str]:
    """Return the plain words of a cue list in every pack as one case-blind alternation.

    For cues read whatever the language of the text (subject brackets, file names): a space in
    a word also matches a hyphen, an underscore or nothing ("price list" → Price_List.pdf).
    """
    if cue not in PLAIN_WORD_CUES:
        raise PackError(f"{cue!r} is read as phrases, not plain words: list it in PLAIN_WORD_CUES")
    words = sorted({word.lower() for pack in all_packs() for word in pack.cues[cue]}, key=len, reverse=True)
    alternatives = "|".join(re.escape(word).replace(r"\ ", "[-_ ]?") for word in words)
    return re.compile(f"(?:{alternatives})", re.IGNORECASE)


def language_name(code: str) -> str:
    """Return a supported language's English name (``German`` for ``de``)."""
    return load_pack(code).name
