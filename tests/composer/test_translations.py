"""The Chinese catalogue is complete, consistent and carries every guideline text."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

import guidelines
from composer import rule_strings
from composer.management.commands import rule_strings as rule_strings_command

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
PERCENT_PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[sdrfix%]")
BRACE_PLACEHOLDER = re.compile(r"\{\w+\}")


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(CATALOGUE))


def _entries(catalogue: polib.POFile) -> list[polib.POEntry]:
    return [e for e in catalogue if not e.obsolete]


def _translation(entry: polib.POEntry) -> str:
    return entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr


def test_chinese_catalogue_has_no_untranslated_entry(catalogue) -> None:
    untranslated = [e.msgid for e in _entries(catalogue) if not _translation(e).strip()]
    assert not untranslated, f"{len(untranslated)} untranslated msgids, e.g. {untranslated[:5]}"


def test_chinese_catalogue_has_no_fuzzy_entry(catalogue) -> None:
    fuzzy = [e.msgid for e in _entries(catalogue) if "fuzzy" in e.flags]
    assert not fuzzy, f"fuzzy msgids: {fuzzy[:5]}"
    assert not catalogue.metadata_is_fuzzy


def test_chinese_catalogue_keeps_no_obsolete_entries(catalogue) -> None:
    assert not catalogue.obsolete_entries()


def test_chinese_has_one_plural_form(catalogue) -> None:
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=1; plural=0")
    for entry in _entries(catalogue):
        if entry.msgid_plural:
            assert set(entry.msgstr_plural) == {0}, entry.msgid


def test_translations_keep_every_percent_placeholder(catalogue) -> None:
    for entry in _entries(catalogue):
        if "python-format" in entry.flags:
            wanted = sorted(PERCENT_PLACEHOLDER.findall(entry.msgid))
            assert sorted(PERCENT_PLACEHOLDER.findall(_translation(entry))) == wanted, entry.msgid


def test_translations_of_message_templates_use_only_their_own_values(catalogue) -> None:
    # A Chinese sentence may leave out a value (the English plural "s"), never invent one.
    for entry in _entries(catalogue):
        offered = set(BRACE_PLACEHOLDER.findall(entry.msgid))
        assert set(BRACE_PLACEHOLDER.findall(_translation(entry))) <= offered, entry.msgid


def test_rule_strings_module_is_up_to_date_with_the_rule_registry() -> None:
    generated = rule_strings_command.render()
    current = rule_strings_command.OUTPUT.read_text(encoding="utf-8")
    assert current == generated, "composer/rule_strings.py is stale: run manage.py rule_strings"


def test_every_rule_text_is_translated(catalogue) -> None:
    translated = {e.msgid for e in _entries(catalogue) if _translation(e).strip()}
    missing = []
    for rule in guidelines.all_rules():
        texts = [rule.message, rule.suggestion, rule.docs.what, rule.docs.why]
        texts += [rule.docs.example, rule.docs.instead]
        missing += [f"{rule.id}: {t}" for t in texts if t and t not in translated]
    assert not missing, "run rule_strings and makemessages, then translate:\n" + "\n".join(missing)


def test_every_generated_message_and_template_is_translated(catalogue) -> None:
    translated = {e.msgid for e in _entries(catalogue) if _translation(e).strip()}
    generated = [t for texts in rule_strings.MESSAGES.values() for t in texts]
    generated += [t for texts in rule_strings.PATTERNS.values() for t in texts]
    generated += [
        *rule_strings.GRAMMAR,
        *rule_strings.CATEGORIES.values(),
        *rule_strings.MESSAGE_TYPES.values(),
    ]
    assert [t for t in generated if t not in translated] == []


def test_every_category_and_message_type_has_a_label() -> None:
    assert set(rule_strings.CATEGORIES) == set(guidelines.CATEGORIES)
    assert set(rule_strings.MESSAGE_TYPES) == set(guidelines.MESSAGE_TYPES)


@pytest.mark.parametrize(
    ("msgid", "amazon_term"),
    [
        ("Order ID", "订单编号"),
        ("Buyer language", "买家语言"),
        ("The buyer's preferred language; Amazon blocks messages in another language.", "买家首选语言"),
        ("Request a Review (Amazon's button)", "请求评论"),
        ("Review request", "索评"),
        ("Phone numbers are not allowed; keep the conversation in Buyer-Seller Messaging.", "买家与卖家消息"),
        ("Your team already has order %(id)s.", "订单"),
    ],
)
def test_translations_use_amazons_own_chinese_names(catalogue, msgid: str, amazon_term: str) -> None:
    entry = catalogue.find(msgid)
    assert entry is not None and amazon_term in _translation(entry)


def test_seller_central_keeps_its_chinese_name_wherever_it_appears(catalogue) -> None:
    for entry in _entries(catalogue):
        if "Seller Central" in entry.msgid and "Seller Central" in _translation(entry):
            assert "卖家平台" in _translation(entry), entry.msgid
