"""Warming the rule engine before gunicorn forks its workers."""

from __future__ import annotations

from unittest import mock

import guidelines
from composer.warmup import warm_engine
from guidelines.spelling import checkers


def test_warming_checks_every_supported_buyer_language_without_the_database() -> None:
    with mock.patch("composer.warmup.guidelines.check", wraps=guidelines.check) as check:
        warm_engine(["en-US", "de-DE"])
    assert [call.kwargs["buyer_locale"] for call in check.call_args_list] == ["en-US", "de-DE"]


def test_a_language_that_cannot_be_warmed_does_not_stop_the_start() -> None:
    with mock.patch("composer.warmup.guidelines.check", side_effect=OSError("no dictionary")):
        assert warm_engine(["en-US"]) >= 0


def test_warming_compiles_the_words_clean_fixes_remove() -> None:
    from guidelines import removal
    from guidelines.languages import supported_languages

    removal._lexicon.cache_clear()
    warm_engine(["en-US"])
    assert removal._lexicon.cache_info().currsize == len(supported_languages())


def test_warming_starts_the_offline_grammar_checkers_even_when_languagetool_checks_the_samples(
    monkeypatch,
) -> None:
    monkeypatch.setattr(checkers, "_engines", {})
    # As with LANGUAGETOOL_URL set: the samples go to LanguageTool, never to Harper or Grammalecte.
    with mock.patch("composer.warmup.guidelines.check"):
        warm_engine(["en-US"])
    assert set(checkers._engines) == {"harper", "grammalecte"}
