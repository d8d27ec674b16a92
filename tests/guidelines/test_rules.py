"""Every rule reports its own ``flags=`` examples and leaves its ``passes=`` examples alone."""

import re

import pytest

import guidelines
from guidelines.registry import Example, Rule

DEFAULTS = {"message_type": "order_question", "buyer_locale": "en-US"}


def _run(example: Example) -> guidelines.Report:
    options = {**DEFAULTS, **example.options}
    return guidelines.check(example.text, **options)


def _cases(kind: str) -> list:
    return [
        pytest.param(rule, example, id=f"{rule.id}-{kind}-{n}")
        for rule in guidelines.all_rules()
        for n, example in enumerate(getattr(rule, kind))
    ]


@pytest.mark.parametrize(("rule", "example"), _cases("flags"))
def test_rule_flags_its_examples(rule: Rule, example: Example) -> None:
    found = [f for f in _run(example).findings if f.rule == rule.id]
    assert found, f"{rule.id} {rule.name} did not flag {example.text!r}"


@pytest.mark.parametrize(("rule", "example"), _cases("passes"))
def test_rule_passes_its_examples(rule: Rule, example: Example) -> None:
    found = [f for f in _run(example).findings if f.rule == rule.id]
    assert not found, f"{rule.id} {rule.name} wrongly flagged {example.text!r}: {found}"


def test_every_rule_is_declared_completely() -> None:
    rules = guidelines.all_rules()
    assert len({r.id for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
    for r in rules:
        assert r.flags and r.passes, f"{r.id} needs flags= and passes= examples"
        assert r.docs.what and r.docs.why and r.docs.example and r.docs.instead, r.id
        assert r.category in guidelines.CATEGORIES, r.id
        assert r.source, r.id
        assert r.name == r.name.lower() and " " not in r.name, r.id


def test_placeholders_are_filled_with_or_without_spaces_and_empty_ones_take_their_space() -> None:
    from guidelines.placeholders import fill, names_in

    text = "Hello {{ buyer_name }}, order {{order_id}}: {{ answer }}"
    assert fill(text, {"buyer_name": "", "order_id": "114-4909505-8661897"}) == (
        "Hello, order 114-4909505-8661897: {{ answer }}"
    )
    assert names_in(text) == ["buyer_name", "order_id", "answer"]


def test_every_rule_cites_a_guideline_of_the_reference_by_name() -> None:
    from guidelines.reference import reference

    for r in guidelines.all_rules():
        assert r.guidelines, r.id
        assert all(g.key in reference().guidelines for g in r.guidelines)
        assert not re.fullmatch(r"R\d+(, R\d+)*", r.source), r.id


def test_review_incentives_cite_the_ftc_rule_and_the_uk_act() -> None:
    from guidelines.reference import reference

    laws = {law.key: law for law in reference().guidelines["review-incentives"].laws}
    assert set(laws) == {"ftc-465", "uk-dmcc"}
    assert str(laws["ftc-465"].in_force) == "2024-10-21" and str(laws["uk-dmcc"].in_force) == "2025-04-06"
    incentive = next(r for r in guidelines.all_rules() if r.category == "incentive")
    assert "review-incentives" in incentive.source
