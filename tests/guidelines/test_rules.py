"""Every rule reports its own ``flags=`` examples and leaves its ``passes=`` examples alone."""

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
