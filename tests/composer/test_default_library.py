"""The default library shipped with the site: every message type in every library language, compliant."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from composer import checking, template_library
from composer.management.commands.load_templates import DEFAULT_LIBRARY
from composer.models import MESSAGE_TYPE_CHOICES

ENTRIES = json.loads(Path(DEFAULT_LIBRARY).read_text(encoding="utf-8"))["templates"]
# Languages Hunspell has a dictionary for here; Japanese and Chinese have none.
SPELL_CHECKED = {"en", "de", "fr", "es", "it", "pt-BR"}


def test_the_library_covers_every_message_type_in_every_library_language() -> None:
    keys = [(e["message_type"], e["language"]) for e in ENTRIES]
    expected = {
        (t, lang) for t, _label in MESSAGE_TYPE_CHOICES for lang in template_library.LIBRARY_LANGUAGES
    }
    assert len(keys) == len(set(keys)) and set(keys) == expected


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{e['message_type']}-{e['language']}" for e in ENTRIES])
def test_every_default_template_passes_the_guidelines_without_error_or_warning(entry: dict) -> None:
    assert not template_library.unknown_placeholders(entry["subject"] + entry["body"])
    preview = template_library.preview(
        message_type=entry["message_type"],
        language=entry["language"],
        subject=entry["subject"],
        body=entry["body"],
    )
    problems = [
        (
            f.rule,
            f.severity,
            f.message,
            (preview.body if f.field == "body" else preview.subject)[f.start : f.end],
        )
        for f in preview.result.report.findings
        if f.severity in ("error", "warning")
    ]
    assert problems == []
    if entry["language"] in SPELL_CHECKED:
        assert preview.result.report.checked_by, "the spelling check did not run"


def test_the_access_key_template_leaves_the_key_to_the_seller() -> None:
    for entry in ENTRIES:
        if entry["message_type"] == "digital_access_key":
            assert "{{access_key}}" in entry["body"] and "KEY-0000" not in entry["body"]


def test_every_template_names_the_order_and_fits_the_api_limit() -> None:
    import guidelines

    for entry in ENTRIES:
        assert "{{order_id}}" in entry["body"]
        limit = guidelines.get_message_type(entry["message_type"]).text_limit
        filled = template_library.render(entry["body"], template_library.sample_values(entry["language"]))
        assert len(filled) <= limit, (entry["message_type"], entry["language"])


def test_placeholders_are_documented_for_the_admins() -> None:
    assert set(checking.PLACEHOLDERS) >= {
        "order_id",
        "buyer_name",
        "product_name",
        "store_name",
        "delivery_date",
    }
