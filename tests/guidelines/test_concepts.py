"""Sentences in their own language, tokens with lemmas, and concepts with their scope."""

import guidelines
from guidelines.message import Message
from guidelines.message_types import MESSAGE_TYPES
from guidelines.tokens import tokenise

ORDER = "114-4909505-8661897"


def _message(text: str, locale: str) -> Message:
    return Message(text, MESSAGE_TYPES["unexpected_problem"], locale)


def _words(message: Message, concept: str, **options) -> list[str]:
    return [message.visible[s.start : s.end] for s in message.concepts(concept, **options)]


def test_lemmas_cover_inflections_in_each_lemmatiser() -> None:
    assert [t.lemma for t in tokenise("Bewertungen gelöscht", "de")] == ["bewertung", "löschen"]
    japanese = tokenise("削除していただけませんか", "ja")
    assert any("頂く" in t.forms for t in japanese) and japanese[0].text == "削除"
    assert [t.text for t in tokenise("请删除差评", "zh")] == ["请", "删除", "差评"]
    offset = tokenise("Please remove it", "en", offset=10)
    assert (offset[1].start, offset[1].end, offset[1].lemma) == (17, 23, "remove")


def test_a_pronoun_after_a_review_stands_for_it_in_the_next_sentence() -> None:
    message = _message("We saw your review yesterday. Could you please delete it for us?", "en-US")
    review = message.concepts("REVIEW", references=True)
    assert [(message.visible[s.start : s.end], s.reference) for s in review] == [
        ("review", False),
        ("it", True),
    ]
    assert review[1].sentence == message.concepts("REMOVE")[0].sentence == 1
    assert _words(message, "REVIEW") == ["review"]  # without references


def test_negation_scope_in_three_languages() -> None:
    english = _message("We do not offer any reward for reviews.", "en-US")
    assert [s.negated for s in english.concepts("REWARD")] == [True]
    japanese = _message("割引や特典は一切ございません。", "ja-JP")
    assert [s.negated for s in japanese.concepts("REWARD")] == [True]
    chinese = _message("我们不提供返现。", "zh-CN")
    assert [s.negated for s in chinese.concepts("REWARD")] == [True]
    offer = _message("We offer a reward for every review.", "en-US")
    assert [s.asserted for s in offer.concepts("REWARD")] == [True]


def test_questions_and_quotations_are_not_assertions() -> None:
    question = _message("Did you receive a refund for the order?", "en-US")
    assert [s.question for s in question.concepts("REFUNDED")] == [True]
    assert question.concepts("REFUNDED", asserted=True) == []
    quoted = _message('You asked: "Can I get a gift card?" We cannot offer that.', "en-US")
    assert all(s.quoted for s in quoted.concepts("REWARD"))


def test_each_sentence_is_read_in_its_own_language() -> None:
    text = (
        f"Gracias por su pedido {ORDER}. Esperamos que el producto le guste y que lo disfrute mucho. "
        "P.S. Leave us a 5-star review and get a $10 gift card!"
    )
    message = _message(text, "es-ES")
    assert [s.language for s in message.segments][:2] == ["es", "es"]
    assert message.segments[-1].language == "en" and message.segments[-1].detected
    assert _words(message, "REWARD") == ["gift card"]
    report = guidelines.check(text, message_type="review_request", buyer_locale="es-ES", order_id=ORDER)
    rules = [f.rule for f in report.findings]
    assert "V101" in rules and "V103" in rules  # the English postscript's incentive and five stars
    assert rules.count("W511") == 1


def test_kanji_only_lines_of_a_japanese_message_stay_japanese() -> None:
    message = _message("山口様\n\nご注文ありがとうございます。", "ja-JP")
    assert [s.language for s in message.segments] == ["ja", "ja"]
    assert not any(s.detected for s in message.segments)


def test_lemmas_come_from_a_dictionary_cut_down_to_what_the_packs_name(tmp_path, monkeypatch) -> None:
    from guidelines.tokens import _PackDictionaries, named_lemmas

    monkeypatch.setenv("GUIDELINES_CACHE_DIR", str(tmp_path))
    cut = _PackDictionaries().get_dictionary("en")
    assert cut["deleted"] == "delete"  # a named lemma keeps its inflected forms
    assert all(named_lemmas("en").match(lemma.lower()) for lemma in cut.values())
    assert "chairs" not in cut  # a chair is no concept of the English pack
    (cached,) = tmp_path.glob("simplemma-*-en-*.json")
    cached.write_text('{"deleted": "SAVED"}', encoding="utf-8")
    assert _PackDictionaries().get_dictionary("en") == {"deleted": "SAVED"}  # read back, not rebuilt


def test_concepts_are_read_through_the_normalised_reading() -> None:
    # Cyrillic е in "rеview" and a zero-width space in "rem\u200bove": the buyer reads the words.
    text = "Could you r\u0435view it again and rem\u200bove the old one?"
    message = _message(text, "en-US")
    assert _words(message, "REVIEW") == ["r\u0435view"]
    assert _words(message, "REMOVE") == ["rem\u200bove"]


def _rules(text: str, locale: str) -> set[str]:
    report = guidelines.check(
        f"{text} ({ORDER})", message_type="unexpected_problem", buyer_locale=locale, order_id=ORDER
    )
    return {f.rule for f in report.findings if f.severity == "error"}


def test_a_reward_for_removing_a_review_is_an_incentive_in_any_wording() -> None:
    # Removal asked through a pronoun, refund promised in the same sentence, under a condition.
    german = (
        "Wir haben gesehen, dass Sie eine 2-Sterne-Rezension geschrieben haben. "
        "Wir erstatten Ihnen den vollen Betrag, wenn Sie diese löschen."
    )
    assert "V101" in _rules(german, "de-DE")
    english = "We ask that you kindly take down the feedback you posted, and we will refund you in full."
    assert "V101" in _rules(english, "en-US")


def test_a_refund_already_made_or_refused_rewards_nothing() -> None:
    assert "V101" not in _rules("We refunded your order yesterday. Could you update your review?", "en-US")
    assert "V101" not in _rules("We do not offer any reward if you change your review.", "en-US")
