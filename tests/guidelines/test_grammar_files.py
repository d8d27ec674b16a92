"""Every grammar file's examples: each rule, check and checker flags what it must and passes the rest.

The examples live next to the patterns in guidelines/languages/<lang>/grammar.toml; this one
test runs them all, so a pattern without examples cannot load and a wrong one cannot hide.
"""

from __future__ import annotations

import json
from pathlib import Path

import harper
import pytest

from guidelines.spelling import checkers, grammar
from guidelines.spelling.grammar_file import (
    GrammarFileError,
    _rule,
    grammar_for,
    languages_with_grammar,
)
from guidelines.spelling.tokens import blank_spans, masked_spans, tokens

LANGUAGES = languages_with_grammar()


def _cases() -> list[tuple[str, str, str, bool]]:
    cases = []
    for language in LANGUAGES:
        g = grammar_for(language)
        entries = [*g.rules, *g.checks.values()]
        for entry in entries:
            cases += [(language, entry.id, text, True) for text in entry.flags]
            cases += [(language, entry.id, text, False) for text in entry.passes]
    return cases


def _found(language: str, rule_id: str, text: str) -> list[str]:
    masked = masked_spans(text)
    clean = blank_spans(text, masked)
    issues = grammar.check(text, clean, language, tokens(text, masked), only=rule_id)
    return [text[i.start : i.end] for i in issues]


@pytest.mark.parametrize(("language", "rule_id", "text", "must_flag"), _cases())
def test_grammar_examples(language: str, rule_id: str, text: str, must_flag: bool) -> None:
    found = _found(language, rule_id, text)
    if must_flag:
        assert found, f"{language} {rule_id} should flag: {text}"
    else:
        assert found == [], f"{language} {rule_id} should pass: {text} (flagged {found})"


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if grammar_for(lang).checker])
def test_offline_checker_examples(language: str) -> None:
    config = grammar_for(language).checker
    assert config is not None
    for text in config.flags:
        assert checkers.check(config, text), f"{config.name} should flag: {text}"
    for text in config.passes:
        assert checkers.check(config, text) == [], f"{config.name} should pass: {text}"


def test_every_language_with_a_pack_has_grammar_knowledge() -> None:
    for language in ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "tr", "ja", "zh"):
        g = grammar_for(language)
        assert g.rules or g.checks, language


def test_a_rule_without_examples_does_not_load() -> None:
    with pytest.raises(GrammarFileError, match="flags"):
        _rule("xx/grammar.toml", {"id": "XX_A", "pattern": "a", "message": "m", "passes": ["b"]})


def test_a_rule_with_a_bad_pattern_or_unknown_key_does_not_load() -> None:
    with pytest.raises(GrammarFileError, match="bad pattern"):
        _rule(
            "xx/grammar.toml", {"id": "XX_A", "pattern": "(", "message": "m", "flags": ["a"], "passes": ["b"]}
        )
    with pytest.raises(GrammarFileError, match="unknown keys"):
        _rule(
            "xx/grammar.toml", {"id": "XX_A", "patern": "a", "message": "m", "flags": ["a"], "passes": ["b"]}
        )


def test_a_replacement_table_gives_the_right_form() -> None:
    rule = _rule(
        "xx/grammar.toml",
        {
            "id": "XX_T",
            "replace_table": {"抱谦": "抱歉"},
            "message": "m",
            "flags": ["抱谦"],
            "passes": ["抱歉"],
        },
    )
    issues = grammar._matches(rule, "非常抱谦。", {})
    assert [(i.start, i.end, i.replacements) for i in issues] == [(2, 4, ("抱歉",))]


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if grammar_for(lang).checker])
def test_offline_checker_reads_each_sentence_as_it_reads_it_alone(language: str) -> None:
    # New sentences go to the checker together (Harper: one call per batch); what a sentence
    # gets must not depend on what else was new, or the per-sentence cache would keep it.
    config = grammar_for(language).checker
    assert config is not None
    checkers.forget_sentences()
    sentences = [*config.flags, *config.passes, "Thank you for your order.", "We will ship it tomorrow."]
    together = checkers.check(config, "\n".join(sentences))
    alone, offset = [], 0
    for sentence in sentences:
        checkers.forget_sentences()
        alone += [(i.start + offset, i.end + offset, i.message) for i in checkers.check(config, sentence)]
        offset += len(sentence) + 1
    assert [(i.start, i.end, i.message) for i in together] == alone
    assert len(together) >= len(config.flags)  # every example that must flag did


def _english_messages() -> list[str]:
    texts = []
    for name in ("dev.jsonl", "wide.jsonl"):
        for line in (Path(__file__).parent / "data" / name).read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            if case["language"] == "en":
                texts.append(case["text"])
    return texts


def test_harper_rules_switched_off_for_their_kinds_change_no_shown_issue() -> None:
    # The rules whose every lint kind is dropped are switched off to save time: what Harper
    # shows (the kinds kept) must be what it shows with every rule of the groups on.
    config = grammar_for("en").checker
    assert config is not None
    checkers.forget_sentences()
    everything = harper.Linter(harper.Dialect.AMERICAN)
    groups = checkers._harper_groups(everything.get_structured_lint_config())
    everything.set_lint_config(
        {
            name: bool(on) and groups.get(name) in config.groups and name not in config.off
            for name, on in harper.get_default_lint_config().items()
        }
    )
    texts = [*_english_messages(), *config.flags, *config.passes]
    assert len(texts) > 40
    for text in texts:
        shown = {(i.start, i.end, i.message) for i in checkers.check(config, text)}
        full = set()
        for start, end in checkers.sentence_spans(text):
            for lint in everything.lint(text[start:end], language="plaintext"):
                if lint.lint_kind in config.kinds:
                    message = lint.message.replace("`", "“", 1).replace("`", "”", 1)
                    full.add((lint.span.start + start, lint.span.end + start, message))
        assert shown <= full, text
        assert full <= shown, text


def test_harper_rule_kinds_name_harper_rules() -> None:
    # After an upgrade of harper-py, renamed rules show here: run scripts/harper_rule_kinds.py.
    known = set(harper.get_default_lint_config())
    kinds = checkers.harper_rule_kinds()
    assert len(kinds) > 500
    assert set(kinds) <= known
