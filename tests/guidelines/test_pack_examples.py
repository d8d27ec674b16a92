"""Every pack's concept examples: each marked span is found exactly, and no_match finds nothing."""

import pytest

from guidelines.concepts import matcher
from guidelines.languages import CONCEPTS, load_pack, supported_languages
from guidelines.normalise import canonical, deleet
from guidelines.numbers import with_numbers
from guidelines.tokens import tokenise


def _spans(language: str, text: str) -> set[tuple[str, int, int]]:
    """Return the concepts in ``text`` as a message reads it (normalised, numbers in words as
    digits), with spans in ``text``."""
    reading = with_numbers(deleet(canonical(text)), (language,))
    spans = matcher(language).find(tokenise(reading.text, language), reading.text)
    return {(name, *reading.raw_span(start, end)) for name, start, end in spans}


def _found(language: str, concept: str, text: str) -> list[str]:
    return [text[start:end] for name, start, end in sorted(_spans(language, text)) if name == concept]


def _cases(kind: str) -> list[tuple[str, str, str]]:
    return [
        (code, name, example)
        for code in supported_languages()
        for name, concept in load_pack(code).concepts.items()
        for example in getattr(concept, kind)
    ]


@pytest.mark.parametrize(("language", "concept", "example"), _cases("match"))
def test_marked_span_is_found(language: str, concept: str, example: str) -> None:
    before, rest = example.split("[", 1)
    marked, after = rest.split("]", 1)
    text = before + marked + after
    found = {(start, end) for name, start, end in _spans(language, text) if name == concept}
    assert (len(before), len(before) + len(marked)) in found, _found(language, concept, text)


@pytest.mark.parametrize(("language", "concept", "example"), _cases("no_match"))
def test_no_match_examples_find_nothing(language: str, concept: str, example: str) -> None:
    assert _found(language, concept, example) == []


def test_every_pack_defines_every_concept() -> None:
    for code in supported_languages():
        assert set(load_pack(code).concepts) == set(CONCEPTS), code
