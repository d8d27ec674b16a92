"""Spelling and offline grammar: typos found with suggestions, names and brands left alone."""

from __future__ import annotations

import pytest
from wordfreq import zipf_frequency

import guidelines
from guidelines import spelling
from guidelines.spelling import hunspell
from guidelines.spelling import suggestions as spelling_suggestions
from guidelines.spelling.issues import BackendUnavailable

ORDER = "114-4909505-8661897"


def _check(text: str, locale: str = "en-US", **context) -> guidelines.Report:
    return guidelines.check(text, message_type="order_question", buyer_locale=locale, context=context or None)


def _writing(report: guidelines.Report, category: str | None = None) -> list[guidelines.Finding]:
    wanted = {category} if category else {"spelling", "grammar"}
    return [f for f in report.findings if f.category in wanted and f.severity != "info"]


def _flagged(text: str, report: guidelines.Report) -> list[str]:
    return [text[f.start : f.end] for f in _writing(report)]


@pytest.fixture(autouse=True)
def _offline_defaults():
    spelling.configure(languagetool_url=None, languagetool_local=False, suggestion_budget_ms=150.0)
    yield
    spelling.configure(languagetool_url=None, languagetool_local=False, suggestion_budget_ms=150.0)


def test_typo_is_a_warning_with_suggestions_and_the_best_as_fix() -> None:
    text = f"Your parcel for order {ORDER} is on its way, so thta you can use it this weekend."
    report = _check(text)
    (finding,) = _writing(report, "spelling")
    assert text[finding.start : finding.end] == "thta"
    assert finding.severity == "warning"
    assert finding.fix == "that"
    assert "that" in finding.replacements and len(finding.replacements) <= 5
    assert finding.detail == "HUNSPELL_en_US"
    assert report.checked_by == ("hunspell", "offline-grammar", "harper")


@pytest.mark.parametrize(
    ("locale", "text", "typo"),
    [
        ("de-DE", f"Ihre Bestellung {ORDER} wird morgen geliefrt.", "geliefrt"),
        ("fr-FR", f"Votre commande {ORDER} sera livrée demian matin.", "demian"),
        ("es-ES", f"Su pedido {ORDER} llegará mañana, disculpe el retrazo.", "retrazo"),
        ("it-IT", f"Il suo ordine {ORDER} arriverà domani, ci scusi per il ritardoo.", "ritardoo"),
        ("pt-BR", f"O seu pedido {ORDER} será entregue amanhã pela transportadorra.", "transportadorra"),
        ("nl-NL", f"Uw bestelling {ORDER} wordt morgen bezorgt door de pakketdienstt.", "pakketdienstt"),
    ],
)
def test_typos_are_found_in_every_dictionary_language(locale: str, text: str, typo: str) -> None:
    assert typo in _flagged(text, _check(text, locale))


def test_missing_accents_are_spelling_mistakes_in_spanish() -> None:
    text = f"El almacen nos avisó: su envio {ORDER} saldrá pronto, gracias por su comprension."
    assert {"almacen", "comprension"} <= set(_flagged(text, _check(text, "es-ES")))


def test_german_compounds_are_not_flagged() -> None:
    text = (
        f"Vielen Dank für Ihre Bestellung {ORDER}. Die Kundenzufriedenheitsumfrage und der "
        "Rückerstattungsbetrag folgen mit der Versandbestätigungsnachricht."
    )
    assert _writing(_check(text, "de-DE")) == []


@pytest.mark.parametrize(
    "text",
    [
        f"BrightNest ships your order {ORDER} today.",
        f"Thanks for order {ORDER}; Atelier Photocoussin prints your cushion today.",
        f"Your LED lamp (model XR-200, order {ORDER}) ships with UPS at 3pm.",
        f"Order {ORDER}: the iPhone case from KwikCase is on its way.",
    ],
)
def test_brand_like_words_are_not_flagged(text: str) -> None:
    assert _writing(_check(text)) == []


def test_placeholders_ids_urls_addresses_and_numbers_are_not_flagged() -> None:
    text = (
        "Hi {{buyer_name}}, your order {{order_id}} ships today. Track it on "
        "https://www.amazon.com/gp/yourordrs/xqzt?ref=abcx or amazon.com/yourordrs; "
        f"order {ORDER}, 2x 40mm qwrtx1 parts, buyer alias xqzt@marketplace.amazon.com."
    )
    assert _writing(_check(text, template=True)) == []


def test_names_from_the_context_and_team_words_are_not_flagged() -> None:
    text = f"Dear Ngozi Okonkwo-Baptiste, your glimmerwick lantern from zestora (order {ORDER}) ships today."
    noisy = [text[f.start : f.end] for f in _check(text).findings if f.category == "spelling"]
    assert "glimmerwick" in noisy
    report = _check(
        text,
        buyer_name="Ngozi Okonkwo-Baptiste",
        product_name="Glimmerwick Lantern",
        known_words=frozenset({"Zestora"}),
    )
    assert _writing(report) == []


def test_capitalised_typo_opening_a_sentence_is_flagged_but_a_signature_is_not() -> None:
    text = f"Unfortunatly we cannot ship order {ORDER} this week.\n\nKind regards,\nZorvath Lindqvist"
    assert _flagged(text, _check(text)) == ["Unfortunatly"]


def test_subject_is_checked_too() -> None:
    report = _check(f"Your order {ORDER} ships today.", subject="Looking forward for your reply")
    (finding,) = _writing(report)
    assert finding.field == "subject" and finding.fix == "to"


def test_spelling_is_skipped_when_the_context_turns_it_off() -> None:
    report = _check(f"Your ordr {ORDER} ships tomorow.", spelling=False)
    assert _writing(report) == [] and report.checked_by == ()


def test_japanese_and_chinese_have_no_spelling_check_but_no_error_either() -> None:
    for locale, text in [
        ("ja-JP", f"ご注文({ORDER})の商品は明日発送いたします。よろしくお願いいたします。"),
        ("zh-CN", f"您的订单 {ORDER} 将于明天发货。如有任何问题，请回复此消息。谢谢！"),
    ]:
        report = _check(text, locale)
        assert [f for f in report.findings if f.category in ("spelling", "grammar")] == []
        assert "hunspell" not in report.checked_by


def test_missing_pyenchant_is_reported_not_silently_passed(monkeypatch) -> None:
    def missing():
        raise BackendUnavailable("Spelling was not checked: pyenchant or libenchant-2-2 is not installed.")

    monkeypatch.setattr(hunspell, "_load_enchant", missing)
    monkeypatch.setattr(hunspell, "_spellers", {})
    report = _check(f"Your ordr {ORDER} ships tomorow.")
    (notice,) = [f for f in report.findings if f.category == "spelling"]
    assert notice.severity == "info" and "pyenchant" in notice.message
    assert "hunspell" not in report.checked_by and "offline-grammar" in report.checked_by


def test_missing_dictionary_is_reported(monkeypatch) -> None:
    monkeypatch.setattr(hunspell, "_spellers", {})
    monkeypatch.setattr(hunspell, "_hunspell_dictionary", lambda enchant, tag: None)
    report = _check(f"Ihre Bestellung {ORDER} wird morgen geliefert, vielen Dank.", "de-DE")
    (notice,) = [f for f in report.findings if f.category == "spelling"]
    assert notice.severity == "info" and "hunspell-de" in notice.message
    assert "hunspell" not in report.checked_by


def test_suggestions_stop_when_the_time_budget_is_spent() -> None:
    spelling.configure(suggestion_budget_ms=0)
    text = f"Order {ORDER}: the qwzxrt and plmokn parts ship tomorow."
    found = _writing(_check(text), "spelling")
    assert [text[f.start : f.end] for f in found] == ["qwzxrt", "plmokn", "tomorow"]
    assert all(f.replacements == () and f.fix is None for f in found)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("We has shipped your parcel.", "has"),
        ("I think it arrive on Monday.", "arrive"),
        ("We always trying our best.", "trying"),
        ("Please reply me back soon.", "reply me back"),
        ("We are looking forward for your answer.", "for"),
        ("You can to buy it elsewhere.", "to"),
        ("The refund will returned to your card.", "returned"),
        ("We found a other unit.", "a"),
        ("Here are the informations you asked for.", "informations"),
        ("Thank you for your feedbacks.", "feedbacks"),
        ("The the parcel left today.", " the"),
        ("It left today.We are sorry.", "."),
        ("It left today,thanks for waiting.", ","),
        ("It was happened yesterday.", "happened"),
        ("Although it is late, but it will arrive.", "but"),
        ("May I know which option do you choose?", "do you"),
        ("This kind of issues is rare.", "issues"),
        ("It will of great help.", "of"),
        ("We didn't received your parcel.", "received"),
    ],
)
def test_offline_grammar_finds_common_second_language_mistakes(text: str, flagged: str) -> None:
    report = _check(f"Order {ORDER}. {text}")
    full = f"Order {ORDER}. {text}"
    assert flagged in [full[f.start : f.end] for f in _writing(report, "grammar")]


@pytest.mark.parametrize(
    "text",
    [
        "We have shipped your parcel; it arrives on Monday.",
        "We will do everything we can to put things right.",
        "Sorry to keep you waiting; we are trying our best.",
        "Did it arrive? Does it fit? Let it dry before use.",
        "We need an hour, a unit, a European plug, an LED and a one-year warranty.",
        "Thanks for your feedback and the information.",
        "We are in contact with the carrier; the news is good.",
        "We had had no news, but that that was late is clear.",
        "Please see e.g. the manual. Our site is amazon.com. Call it a day.",
        "Hi Laura,\n\nthanks for waiting.",
        "We will need more time; it might need a new part and will succeed.",
        "If the item was damaged, we will refund it.",
    ],
)
def test_offline_grammar_leaves_correct_english_alone(text: str) -> None:
    full = f"Order {ORDER}. {text}"
    assert _flagged(full, _check(full)) == []


def test_configure_rejects_unknown_settings() -> None:
    with pytest.raises(TypeError, match="languagetool_ulr"):
        spelling.configure(languagetool_ulr="http://x")


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        (
            "de-DE",
            f"Bestellung {ORDER}: bzgl. der Lieferung melden wir uns, ggf. auch früher, ca. zwei Tage.",
        ),
        ("es-ES", f"Hola, su pedido {ORDER} llega mañana. Ud. puede seguirlo en su cuenta."),
        ("en-US", f"The box for order {ORDER} weighs 3 lbs. and ships today at 9 a.m. tomorrow."),
    ],
)
def test_abbreviations_are_neither_typos_nor_sentence_ends(locale: str, text: str) -> None:
    assert _writing(_check(text, locale)) == []


def test_a_lower_case_subject_is_not_a_sentence_to_capitalise() -> None:
    assert _writing(_check(f"Your order {ORDER} ships today.", subject="re: your order")) == []


@pytest.mark.parametrize(
    ("locale", "typo", "correction"),
    [
        ("en-US", "recieve", "receive"),
        ("en-US", "tomorow", "tomorrow"),
        ("en-US", "yourbank", "your bank"),
        ("es-ES", "comprension", "comprensión"),
        ("de-DE", "Bestelung", "Bestellung"),
        ("de-DE", "woche", "Woche"),
        ("fr-FR", "bientot", "bientôt"),
    ],
)
def test_one_edit_typos_get_their_correction_first(locale: str, typo: str, correction: str) -> None:
    speller = hunspell.speller_for(locale)
    assert speller.suggest(typo, hunspell.SuggestionBudget(1.0))[0] == correction


def test_a_long_nonsense_word_costs_no_suggestion_time() -> None:
    budget = hunspell.SuggestionBudget(1.0)
    assert hunspell.speller_for("en-US").suggest("qwertzuiop" * 5, budget) == ()
    assert budget.remaining > 0.9


def test_a_product_term_far_from_any_word_is_a_note_not_a_warning() -> None:
    text = f"The airfryer basket for order {ORDER} ships today, so thta you can cook on Sunday."
    spelling_findings = {
        text[f.start : f.end]: f.severity for f in _check(text).findings if f.category == "spelling"
    }
    assert spelling_findings == {"airfryer": "info", "thta": "warning"}


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("es-ES", f"Pedido {ORDER}. Amazon le reembolsará el importe. La ranura mide 10 mm."),
        ("it-IT", f"Gentile Sig.ra Bianchi, ordine {ORDER}. Amazon rimborsa l'importo."),
        ("it-IT", f"Gent.mo Sig. Rossi, ordine {ORDER}. La Dott.ssa Verdi le risponderà."),
        ("pt-BR", f"Pedido {ORDER}. Amazon reembolsa o valor."),
    ],
)
def test_amazon_units_and_italian_dotted_titles_are_not_typos(locale: str, text: str) -> None:
    assert _flagged(text, _check(text, locale)) == []


@pytest.mark.parametrize(
    ("word", "suggestions", "language", "fix"),
    [
        ("thta", ("that", "theta", "thud"), "en", "that"),
        ("recieve", ("receive", "relieve", "reverie"), "en", "receive"),
        # Far from the word, or a rare word: choices, no fix.
        ("review", ("reviejo", "revise"), "es", None),
        ("and", ("wand", "anda"), "es", None),
        # Two suggestions as close and about as common: the seller chooses.
        ("form", ("from", "for"), "en", None),
    ],
)
def test_fix_only_when_one_correction_is_clearly_right(word, suggestions, language, fix) -> None:
    chosen, choices = spelling_suggestions.choose(word, suggestions, language)
    assert chosen == fix
    assert len(choices) <= 3 and set(choices) <= set(suggestions)
    if fix is None:
        frequencies = [zipf_frequency(c, language) for c in choices]
        assert frequencies == sorted(frequencies, reverse=True)
    else:
        assert choices[0] == fix


def test_a_sentence_in_another_language_gets_one_note_not_a_warning_per_word() -> None:
    text = (
        f"Hola Ana, gracias por su pedido {ORDER}. Su paquete llegará el lunes por la mañana. "
        "We would love to hear what you think about the lamp and the service. Saludos, Tienda Sol"
    )
    findings = _check(text, "es-ES").findings
    assert [f for f in findings if f.category == "spelling"] == []
    (language,) = [f for f in findings if f.category == "language"]
    assert language.rule == "W511" and text[language.start : language.end].startswith("We would love")


def test_a_subject_in_another_language_gets_one_note() -> None:
    subject = "We would love to hear what you think about the lamp"
    findings = _check(
        f"Hola Ana, su pedido {ORDER} llegará el lunes por la mañana.", "es-ES", subject=subject
    )
    (note,) = [f for f in findings.findings if f.category == "spelling"]
    assert note.field == "subject" and note.severity == "info" and note.detail == "FOREIGN_SENTENCE"


def test_typos_in_the_buyer_language_are_still_found_next_to_a_foreign_sentence() -> None:
    text = f"Hola Ana, su pedido {ORDER} llegará el lunes por la mañanna. Thank you!"
    flagged = _flagged(text, _check(text, "es-ES"))
    assert "mañanna" in flagged


def test_html_tags_typed_into_plain_text_are_no_spelling_or_spacing_mistakes() -> None:
    text = f"<p>Hello Anna,<br>your order {ORDER} ships today (Mon&ndash;Fri).</p><ul><li>Thanks!</li></ul>"
    assert _flagged(text, _check(text)) == []


def test_a_typo_right_after_a_tag_is_still_found() -> None:
    text = f"Hello Anna,<br>yuor order {ORDER} ships today."
    assert "yuor" in _flagged(text, _check(text))
