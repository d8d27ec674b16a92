"""The phrase compiler and the packs' phrases: syntax, word boundaries, compounds, CJK, coverage."""

import pytest

from guidelines.languages import load_pack, supported_languages
from guidelines.lexicon import LexiconError, compile_lexicon, guess_script_language, load_lexicon, looks_like

# Languages whose packs hold phrases for every content rule so far; the others hold the high-risk ones.
FULL_LANGUAGES = ("en", "de", "fr", "es", "it", "ja")

FULL_KEYS = {
    "review_term",
    "review_ask",
    "incentive_offer",
    "incentive",
    "satisfaction_condition",
    "otherwise_review",
    "positive_review",
    "neutral_review",
    "feedback_steering",
    "review_pressure",
    "review_removal",
    "review_removal_info",
    "review_instructions",
    "repeated_marker",
    "promotion",
    "attachment_promo",
    "contact_channel",
    "opt_out",
    "order_notice",
    "purpose",
    "thanks",
    "help_offer",
    "courtesy",
    "cancellation_request",
    "insult",
    "vague_link_text",
}
HIGH_RISK_KEYS = {
    "review_term",
    "review_ask",
    "incentive_offer",
    "incentive",
    "satisfaction_condition",
    "positive_review",
    "neutral_review",
    "review_pressure",
    "review_removal",
    "promotion",
    "contact_channel",
    "opt_out",
}


def _found(phrases: list[str], text: str, cjk: bool = False) -> list[str]:
    lexicon = compile_lexicon("xx", {"cjk": cjk, "phrases": {"k": phrases}})
    return [text[s:e] for s, e in lexicon.scan(text).get("k", [])]


def test_words_match_only_between_word_boundaries() -> None:
    assert _found(["coupon"], "A coupon here, couponing there.") == ["coupon"]


def test_stems_cover_inflections_and_infix_covers_compounds() -> None:
    assert _found(["bewert*"], "Ihre Bewertungen") == ["Bewertungen"]
    assert _found(["*rezension*"], "eine Kundenrezension schreiben") == ["Kundenrezension"]


def test_gaps_alternatives_and_optional_words() -> None:
    assert _found(["(remove|delete) ~3 review"], "Please remove your 1-star review now.") == [
        "remove your 1-star review"
    ]
    assert _found(["please? leave a review"], "Leave a review") == ["Leave a review"]
    assert _found(["# % off"], "Get 10% off today") == ["10% off"]


def test_phrases_do_not_cross_sentence_ends() -> None:
    assert _found(["gift ~3 review"], "We sent a gift. Review it later.") == []


def test_cjk_phrases_match_as_substrings() -> None:
    assert _found(["レビュー~8お願い"], "商品レビューをお願いいたします", cjk=True) == ["レビューをお願い"]


def test_a_number_may_be_glued_to_a_word() -> None:
    assert _found(["(for|worth) £# off"], "Worth £10 off, for £ 5 off.") == ["Worth £10 off", "for £ 5 off"]
    assert _found(["打#折"], "全店打8折，打折", cjk=True) == ["打8折"]
    assert _found(["#円"], "500円分", cjk=True) == ["500円"]


def test_a_number_counts_as_one_character_in_a_cjk_gap() -> None:
    assert _found(["レビュー~4差し上げ"], "レビューで500円を差し上げ", cjk=True) == [
        "レビューで500円を差し上げ"
    ]
    assert _found(["レビュー~4差し上げ"], "レビューで500円分を差し上げ", cjk=True) == []


@pytest.mark.parametrize(
    "phrase", ["", "(a|b", "~3 word", "a ~ b", "(aidez|aider)-?nous", "a?b", "-nous", "£#?", "*£#"]
)
def test_malformed_phrases_are_rejected(phrase: str) -> None:
    with pytest.raises(LexiconError):
        compile_lexicon("xx", {"phrases": {"k": [phrase]}})


def test_every_pack_compiles() -> None:
    for language in supported_languages():
        assert load_lexicon(language) is not None, language
    assert load_lexicon("ko") is None


@pytest.mark.parametrize("language", FULL_LANGUAGES)
def test_fully_covered_languages_have_phrases_for_every_key(language: str) -> None:
    empty = {key for key, phrases in load_pack(language).phrases.items() if not phrases}
    assert not FULL_KEYS & empty, FULL_KEYS & empty


@pytest.mark.parametrize("language", supported_languages())
def test_every_language_has_phrases_for_the_high_risk_keys(language: str) -> None:
    empty = {key for key, phrases in load_pack(language).phrases.items() if not phrases}
    assert not HIGH_RISK_KEYS & empty, HIGH_RISK_KEYS & empty


def test_script_guess_and_common_words() -> None:
    assert guess_script_language("ご注文ありがとうございます") == "ja"
    assert guess_script_language("感谢您的订单") == "zh"
    assert guess_script_language("Thanks for your order") == "en"
    assert looks_like("Thank you for your order, we will ship it today.", "en")
    assert not looks_like("Vielen Dank für Ihre Bestellung.", "en")
    assert looks_like("Vielen Dank für Ihre Bestellung, wir haben sie mit DHL verschickt.", "de")


def _sample_sentences(code: str) -> list[str]:
    pack = load_pack(code)
    sentences = [
        s.replace("[", "").replace("]", "") for c in pack.concepts.values() for s in c.match + c.no_match
    ]
    # Joined too, so phrases meet words of other sentences, line breaks and sentence ends.
    return [*sentences, " ".join(sentences), "\n".join(sentences), ", ".join(sentences)]


@pytest.mark.parametrize("code", supported_languages())
def test_the_cheap_test_before_a_guard_never_hides_a_phrase(code: str) -> None:
    # The word after a phrase's first word is checked in Python before its guard runs; finding
    # phrases without that test must give exactly the same matches.
    from guidelines.concepts import matcher
    from guidelines.lexicon import forget_paragraphs

    texts = _sample_sentences(code)
    texts += [text.lower() for text in texts] + [text.upper() for text in texts]
    found = 0
    for lexicon in (load_lexicon(code), matcher(code).phrases):
        forget_paragraphs()
        lexicon._candidates.clear()
        tested = [dict(lexicon.scan(text)) for text in texts]
        found += sum(map(bool, tested))
        followers, lexicon.followers = lexicon.followers, {}
        try:
            lexicon._candidates.clear()
            forget_paragraphs()
            assert [dict(lexicon.scan(text)) for text in texts] == tested
        finally:
            lexicon.followers = followers
            lexicon._candidates.clear()
            forget_paragraphs()
    assert found, code  # the texts hold phrases: the comparison is not of empty results
