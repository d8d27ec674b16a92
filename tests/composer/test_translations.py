"""The Chinese catalogue is complete, consistent and carries every guideline text."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings

import guidelines
from composer.management.commands import makemessages

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


def _translated(catalogue: polib.POFile) -> set[str]:
    return {e.msgid for e in _entries(catalogue) if _translation(e).strip() and "fuzzy" not in e.flags}


def _engine_calls() -> list[str]:
    """Return every text the engine marks with _() or ngettext(), as xgettext extracts it."""
    engine = Path(settings.BASE_DIR) / "guidelines"
    sources = sorted(str(p) for p in engine.rglob("*.py"))
    pot = subprocess.run(
        ["xgettext", "--language=Python", "--from-code=UTF-8", "--output=-", *sources],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [e.msgid for e in polib.pofile(pot) if e.msgid]


def test_every_text_the_engine_marks_is_translated(catalogue) -> None:
    texts = _engine_calls()
    assert "Link to {host}: links to sites other than Amazon are not needed to complete the order." in texts
    missing = [t for t in texts if t not in _translated(catalogue)]
    assert not missing, "run makemessages, then translate:\n" + "\n".join(missing)


def test_every_rule_declaration_and_data_text_is_translated(catalogue) -> None:
    entries = [*makemessages.rule_entries(), *makemessages.data_entries()]
    assert any(e.location.startswith("guidelines/reference.toml") for e in entries)
    assert any(e.location.startswith("guidelines/rules/contact.py") for e in entries)
    missing = [f"{e.location}: {e.msgid}" for e in entries if e.msgid not in _translated(catalogue)]
    assert not missing, "run makemessages, then translate:\n" + "\n".join(missing)


def _texts(value) -> list[str]:
    """Return a stored text's message id and those of the texts in its values (language names)."""
    if not value:
        return []
    found = [value["id"]]
    for param in (value.get("params") or {}).values():
        if isinstance(param, dict):
            found += _texts(param)
    return found


@pytest.mark.parametrize("rule", guidelines.all_rules(), ids=lambda r: r.id)
def test_every_finding_of_the_rules_examples_renders_in_chinese(catalogue, rule) -> None:
    translated = _translated(catalogue)
    for example in rule.flags:
        options = {
            "message_type": "order_question",
            "buyer_locale": "en-US",
            "order_id": "114-4909505-8661897",
        }
        report = guidelines.check(example.text, **{**options, **example.options})
        for finding in report.findings:
            data = finding.to_dict()
            if finding.rule in ("W501", "W502") and data["message_text"] is None:
                continue  # LanguageTool's own words, when a server is configured
            for name in ("message", "suggestion", "fix_label"):
                if data[name] is not None:
                    assert data[f"{name}_text"] is not None, (finding.rule, data[name])
                    for msgid in _texts(data[f"{name}_text"]):
                        assert msgid in translated, (finding.rule, msgid)


def test_every_category_and_message_type_has_a_chinese_name(catalogue) -> None:
    translated = _translated(catalogue)
    assert set(guidelines.CATEGORY_NAMES) == set(guidelines.CATEGORIES)
    assert all(name.msgid in translated for name in guidelines.CATEGORY_NAMES.values())
    assert all(t.label.msgid in translated for t in guidelines.MESSAGE_TYPES.values())


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
