"""Every pack's concept examples: each marked span is found exactly, and no_match finds nothing."""

import pytest

from guidelines.concepts import matcher
from guidelines.languages import CONCEPTS, load_pack, supported_languages
from guidelines.tokens import tokenise


def _found(language: str, concept: str, text: str) -> list[str]:
    spans = matcher(language).find(tokenise(text, language), text)
    return [text[start:end] for name, start, end in spans if name == concept]


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
    spans = matcher(language).find(tokenise(text, language), text)
    found = {(start, end) for name, start, end in spans if name == concept}
    assert (len(before), len(before) + len(marked)) in found, _found(language, concept, text)


@pytest.mark.parametrize(("language", "concept", "example"), _cases("no_match"))
def test_no_match_examples_find_nothing(language: str, concept: str, example: str) -> None:
    assert _found(language, concept, example) == []


def test_every_pack_defines_every_concept() -> None:
    for code in supported_languages():
        assert set(load_pack(code).concepts) == set(CONCEPTS), code
