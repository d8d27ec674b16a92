"""Language packs: every pack loads complete, and a bad pack fails loudly instead of leaving a gap."""

import tomllib
from pathlib import Path

import pytest

import guidelines
from guidelines.language_detection import LANGUAGE_NAMES
from guidelines.languages import (
    CUE_KEYS,
    PACK_DIR,
    PHRASE_KEYS,
    PackError,
    all_packs,
    language_name,
    load_pack,
    supported_languages,
    validate,
)


def _data(code: str = "de") -> dict:
    with (PACK_DIR / code / "pack.toml").open("rb") as handle:
        return tomllib.load(handle)


def _path(code: str = "de") -> Path:
    return PACK_DIR / code / "pack.toml"


def test_all_twelve_languages_have_a_complete_pack() -> None:
    assert supported_languages() == ("en", "de", "fr", "es", "it", "ja", "zh", "pt", "nl", "pl", "sv", "tr")
    for pack in all_packs():
        assert set(pack.phrases) == set(PHRASE_KEYS)
        assert set(pack.cues) == set(CUE_KEYS)
        assert pack.cues["negation"], pack.code
        assert pack.locales, pack.code


def test_facts_come_from_the_packs() -> None:
    assert language_name("sv") == "Swedish" == LANGUAGE_NAMES["sv"]
    assert guidelines.SUPPORTED_LOCALES["nl-BE"] == "Nederlands (België)"
    assert list(guidelines.SUPPORTED_LOCALES)[:2] == ["en-US", "en-GB"]


def test_a_pack_without_a_key_the_rules_read_fails_to_load() -> None:
    data = _data()
    del data["phrases"]["review_removal"]
    with pytest.raises(PackError, match=r"\[phrases\] lacks 'review_removal'"):
        validate(data, _path())


def test_a_pack_without_negation_cues_fails_to_load() -> None:
    data = _data("ja")
    del data["cues"]["negation"]
    with pytest.raises(PackError, match="negation"):
        validate(data, _path("ja"))


@pytest.mark.parametrize(
    ("section", "key", "value", "message"),
    [
        ("phrases", "promotion", "coupon", "list of non-empty strings"),
        ("phrases", "promotion", ["coupon", ""], "list of non-empty strings"),
        ("language", "word_separated", "yes", "true or false"),
        ("language", "quotation_marks", ["„“", "«"], "not an opening and a closing mark"),
        ("language", "capitalised_nouns", "ja", "true or false"),
        ("language", "script", "cyrillic", "script must be one of"),
        ("language", "code", "fr", "does not match its directory"),
        ("language", "locales", {"fr-FR": "Français"}, "is not de-XX"),
        ("numbers", "words", {"fünf": "5"}, "table"),
    ],
)
def test_malformed_values_are_named(section: str, key: str, value: object, message: str) -> None:
    data = _data()
    data[section][key] = value
    with pytest.raises(PackError, match=message):
        validate(data, _path())


def test_keys_no_rule_reads_are_refused() -> None:
    data = _data()
    data["phrases"]["review_tern"] = ["typo"]
    with pytest.raises(PackError, match="review_tern"):
        validate(data, _path())


def test_unknown_language_has_no_pack() -> None:
    with pytest.raises(PackError, match="no language pack"):
        load_pack("ko")


def test_a_pack_without_a_concept_fails_to_load() -> None:
    data = _data()
    del data["concepts"]["REMOVE"]
    with pytest.raises(PackError, match=r"\[concepts.REMOVE\] is missing"):
        validate(data, _path())


def test_concept_examples_must_mark_their_span() -> None:
    data = _data()
    data["concepts"]["REVIEW"]["match"] = ["Bitte schreiben Sie eine Bewertung."]
    with pytest.raises(PackError, match=r"\[brackets\]"):
        validate(data, _path())
    data["concepts"]["REVIEW"]["match"] = []
    with pytest.raises(PackError, match="at least one example"):
        validate(data, _path())


@pytest.mark.parametrize(
    ("code", "change", "message"),
    [
        ("de", {"reader": "roman"}, "reader must be one of"),
        ("de", {"words": {"fünf": 5}}, "text2num's to know"),
        ("pl", {"words": {}}, "is empty"),
        ("zh", {"words": {"二十": 20}}, "more than one character"),
        ("pl", {"reader": "characters"}, "not separated by spaces"),
        ("pl", {"percent": ["procent"]}, "keys no reader reads"),
    ],
)
def test_number_words_are_checked_against_their_reader(code: str, change: dict, message: str) -> None:
    data = _data(code)
    data["numbers"].update(change)
    with pytest.raises(PackError, match=message):
        validate(data, _path(code))


def test_a_pack_without_a_number_reader_fails_to_load() -> None:
    data = _data("tr")
    del data["numbers"]["reader"]
    with pytest.raises(PackError, match=r"\[numbers\] lacks 'reader'"):
        validate(data, _path("tr"))


def _schema_keys() -> list[tuple[str, str]]:
    from guidelines.languages import _SCHEMA

    return [(section, key) for section, keys in _SCHEMA.items() for key in keys]


@pytest.mark.parametrize(("section", "key"), _schema_keys())
def test_every_key_the_engine_reads_is_required(section: str, key: str) -> None:
    data = _data("sv")
    del data[section][key]
    with pytest.raises(PackError, match=rf"\[{section}\] lacks '{key}'"):
        validate(data, _path("sv"))
