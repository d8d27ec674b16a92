"""Placeholder parsing: names with spaces around them, and pathological input read correctly."""

from hypothesis import given
from hypothesis import strategies as st

from composer import template_library
from guidelines import placeholders


def test_names_are_read_with_or_without_spaces() -> None:
    assert placeholders.names_in("{{access_key}} and {{ answer }} and {{\tbuyer_name }}") == [
        "access_key",
        "answer",
        "buyer_name",
    ]


def test_an_unclosed_placeholder_followed_by_spaces_is_no_placeholder() -> None:
    assert placeholders.names_in("{{" + " " * 20_000) == []
    assert placeholders.names_in("{{ " * 7_000) == []
    assert placeholders.names_in("{{ a" + " " * 20_000 + "}") == []


def test_unknown_placeholders_are_named_once_in_order() -> None:
    assert template_library.unknown_placeholders("{{ foo }} {{access_key}} {{foo}} {{ bar}}") == [
        "foo",
        "bar",
    ]


@given(st.lists(st.sampled_from(["{{", "}}", " ", "a", "_", "{", "}", "\n"]), max_size=60))
def test_every_match_is_a_closed_pair_of_braces_without_braces_inside(pieces: list[str]) -> None:
    text = "".join(pieces)
    for match in placeholders.PLACEHOLDER.finditer(text):
        assert match.group(0).startswith("{{") and match.group(0).endswith("}}")
        assert "{" not in match.group(1) and "}" not in match.group(1)
