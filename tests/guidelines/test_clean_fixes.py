"""Fixes leave clean text: an address goes with the words that introduced it, a link has a
"Remove link" fix, and every fix says what it does in words."""

from __future__ import annotations

import re

import pytest

import guidelines
from guidelines.languages import PACK_DIR, REMOVAL_KEYS, PackError, all_packs, validate
from guidelines.removal import _lexicon

ORDER = "114-4909505-8661897"


def _check(text: str, **options) -> guidelines.Report:
    options.setdefault("context", {"spelling": False})
    return guidelines.check(text, message_type="order_question", order_id=ORDER, **options)


def _fixed(text: str, rule: str, **options) -> str:
    """Return the text after applying the fix of the first finding of ``rule``."""
    finding = next(f for f in _check(text, **options).findings if f.rule == rule)
    assert finding.fix is not None, finding
    start = finding.start if finding.fix_start is None else finding.fix_start
    end = finding.end if finding.fix_end is None else finding.fix_end
    return text[:start] + finding.fix + text[end:]


def _clean(text: str) -> bool:
    return "  " not in text and not re.search(r"\s[.,!?]|^\s|\s$|\b(or|and)\s*[.!?]?$", text)


@pytest.mark.parametrize(
    ("rule", "text", "locale", "fixed"),
    [
        ("C301", "Please reply here or email me at care@example-shop.com.", "en-US", "Please reply here."),
        (
            "C301",
            "If you need help, email me at care@example-shop.com or reply here.",
            "en-US",
            "If you need help, reply here.",
        ),
        ("C301", "Email me at care@example-shop.com or reply here.", "en-US", "Reply here."),
        (
            "C301",
            "Thanks for your order!\nWrite to care@example-shop.com with questions.\nBest, Acme",
            "en-US",
            "Thanks for your order!\nBest, Acme",
        ),
        ("C302", "Call us on +44 20 7946 0321. We are happy to help.", "en-GB", "We are happy to help."),
        ("C302", "Questions? Reply here, or call us on +44 20 7946 0321.", "en-GB", "Questions? Reply here."),
        ("C302", "Thanks!\nPhone: (415) 555-0134\nBest", "en-US", "Thanks!\nBest"),
        ("C305", "Thanks! Add us on WeChat: shop_8888", "en-US", "Thanks!"),
        (
            "C301",
            "Bei Fragen schreiben Sie uns gerne an info@example-laden.de oder antworten Sie hier.",
            "de-DE",
            "Bei Fragen antworten Sie hier.",
        ),
        (
            "C302",
            "Bei Fragen antworten Sie hier oder rufen Sie uns unter 030 12345678 an.",
            "de-DE",
            "Bei Fragen antworten Sie hier.",
        ),
        (
            "C301",
            "Pour toute question, écrivez-nous à contact@exemple.fr ou répondez ici.",
            "fr-FR",
            "Pour toute question, répondez ici.",
        ),
        (
            "C301",
            "Si tiene dudas, responda aquí o escríbanos a ventas@example-tienda.es.",
            "es-ES",
            "Si tiene dudas, responda aquí.",
        ),
        (
            "C301",
            "Per domande rispondete qui oppure scriveteci a info@example-negozio.it.",
            "it-IT",
            "Per domande rispondete qui.",
        ),
        (
            "C301",
            "Vragen? Antwoord hier of mail ons op info@example-winkel.nl.",
            "nl-NL",
            "Vragen? Antwoord hier.",
        ),
        (
            "C301",
            "ご注文ありがとうございます。ご不明な点はメール（info@example.jp）までご連絡ください。",
            "ja-JP",
            "ご注文ありがとうございます。",
        ),
        (
            "C301",
            "感谢您的订购。如有问题，请发邮件至 service@example.cn 联系我们。",
            "zh-CN",
            "感谢您的订购。",
        ),
        (
            "L202",
            "Thanks for your order. Head over to example-petshop.com.",
            "en-US",
            "Thanks for your order.",
        ),
        ("L202", "Visit www.example-shop.de/help for more tips. Thanks!", "en-US", "Thanks!"),
        ("L203", "Reply here or go to tinyurl.com/abc123 for help.", "en-US", "Reply here for help."),
        ("S401", "Thanks 👍🏽 for your order", "en-US", "Thanks for your order"),
        (
            "C301",
            "Em caso de dúvidas, responda aqui ou escreva-nos para contato@exemplo-loja.com.br.",
            "pt-BR",
            "Em caso de dúvidas, responda aqui.",
        ),
        (
            "C301",
            "Har du frågor? Svara här eller mejla oss på info@exempel-butik.se.",
            "sv-SE",
            "Har du frågor? Svara här.",
        ),
        (
            "C301",
            "W razie pytań odpowiedz tutaj lub napisz na sklep@przyklad-sklep.pl.",
            "pl-PL",
            "W razie pytań odpowiedz tutaj.",
        ),
        (
            "C301",
            "Sorularınız için buradan yanıt verin veya destek@ornek-magaza.com.tr adresinden bize ulaşın.",
            "tr-TR",
            "Sorularınız için buradan yanıt verin.",
        ),
        (
            "L202",
            "詳しくは公式サイト https://example-shop.jp をご覧ください。ご注文ありがとうございます。",
            "ja-JP",
            "ご注文ありがとうございます。",
        ),
        ("L202", "Thanks! For more details, visit www.example-shop.de/help", "en-US", "Thanks!"),
    ],
)
def test_a_removal_fix_takes_the_introducing_words_and_leaves_clean_text(rule, text, locale, fixed) -> None:
    after = _fixed(text, rule, buyer_locale=locale)
    assert after == fixed
    assert _clean(after), after


def test_a_sentence_that_names_the_order_keeps_it() -> None:
    text = f"Your order {ORDER}: for questions, call us on +44 20 7946 0321."
    assert _fixed(text, "C302", buyer_locale="en-GB") == f"Your order {ORDER}: for questions."
    text = "Your order {{order_id}}: for questions, call us on +44 20 7946 0321."
    fixed = _fixed(text, "C302", buyer_locale="en-GB", context={"spelling": False, "template": True})
    assert fixed == "Your order {{order_id}}: for questions."


def test_the_fixed_text_has_no_contact_finding_left() -> None:
    text = "Thanks for your order. Please reply here or email me at care@example-shop.com."
    after = _fixed(text, "C301")
    assert not [f for f in _check(after).findings if f.category == "contact_info"]


def test_a_link_gets_a_remove_link_fix_that_says_so() -> None:
    finding = next(f for f in _check("Thanks! Visit example-petshop.com today.").findings if f.rule == "L202")
    assert finding.fix == ""
    assert finding.fix_label == "Remove link"
    assert finding.to_dict()["fix_label_text"] == {"id": "Remove link"}


def test_a_linked_word_in_html_is_unlinked_and_kept() -> None:
    text = '<p>Visit <a href="https://example.es">Tienda</a> today.</p>'
    finding = next(f for f in _check(text, html=True).findings if f.rule == "L202")
    assert finding.fix_label == "Remove link, keep its words"
    assert _fixed(text, "L202", html=True) == "<p>Visit Tienda today.</p>"


def test_a_mail_or_phone_link_is_unlinked_and_its_words_kept() -> None:
    text = '<p>Questions? <a href="mailto:care@example-shop.com">Write to us</a> any time.</p>'
    finding = next(f for f in _check(text, html=True).findings if f.rule == "C304")
    assert finding.fix_label == "Remove link, keep its words"
    assert _fixed(text, "C304", html=True) == "<p>Questions? Write to us any time.</p>"
    # A link left open has no closing tag to take away with it: no fix is offered.
    text = '<p>Call <a href="tel:+442079460321">us'
    assert next(f for f in _check(text, html=True).findings if f.rule == "C304").fix is None


def test_a_removal_in_html_stays_between_the_tags() -> None:
    text = "<p>Questions? Call us on +44 20 7946 0321.</p><p>Thanks</p>"
    assert _fixed(text, "C302", html=True, buyer_locale="en-GB") == "<p>Questions?</p><p>Thanks</p>"
    text = "<p>Reply here or email me at care@example-shop.com.</p>"
    assert _fixed(text, "C301", html=True) == "<p>Reply here.</p>"
    # An address in tags of its own goes with its tags and the words that introduced it.
    text = "<p>Reply here or email me at <b>care@example-shop.com</b>.</p>"
    assert _fixed(text, "C301", html=True) == "<p>Reply here.</p>"
    text = "<p>Thanks! Reply here or write to <i><b>care@example-shop.com</b></i>.</p>"
    assert _fixed(text, "C301", html=True) == "<p>Thanks! Reply here.</p>"


def test_the_blank_lines_fix_says_what_it_does() -> None:
    finding = next(f for f in _check("Thanks,\n\n\n\nAcme").findings if f.rule == "S402")
    assert (finding.fix, finding.fix_label) == ("\n\n", "Keep one empty line here")
    assert _fixed("Thanks,\n\n\n\nAcme", "S402") == "Thanks,\n\nAcme"


@pytest.mark.parametrize(
    ("text", "html", "rule", "label"),
    [
        ("Hi,<br>your order ships.", False, "S408", "Replace with a line break"),
        ("Tom&nbsp;Jerry", False, "S408", "Replace with a space"),
        ("<p>Thanks,<br><br><br>Acme</p>", True, "S403", "Keep two line breaks here"),
    ],
)
def test_a_fix_that_writes_only_spaces_or_breaks_says_what_it_does(text, html, rule, label) -> None:
    fixes = [f for f in _check(text, html=html).findings if f.rule == rule and f.fix is not None]
    assert fixes and all(f.fix_label == label for f in fixes)


def test_a_fix_that_is_the_span_itself_names_no_wider_range() -> None:
    finding = next(
        f for f in _check("Go to http://www.amazon.com/gp/css/order-history").findings if f.rule == "L201"
    )
    assert (finding.fix, finding.fix_start, finding.fix_end) == ("https", None, None)


def test_every_language_names_its_introducing_words_and_joiners() -> None:
    for pack in all_packs():
        assert set(pack.removal) == set(REMOVAL_KEYS), pack.code
        assert pack.removal["intro"] and pack.removal["joiner"], pack.code
        assert _lexicon(pack.code) is not None  # every phrase parses


def test_a_pack_without_its_removal_words_fails_to_load() -> None:
    import tomllib

    path = PACK_DIR / "de" / "pack.toml"
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    del data["removal"]["joiner"]
    with pytest.raises(PackError, match=r"\[removal\] lacks 'joiner'"):
        validate(data, path)
    data["removal"]["joiner"] = ["oder"]
    data["removal"]["extra"] = ["x"]
    with pytest.raises(PackError, match="no fix reads"):
        validate(data, path)


def test_an_opt_out_instruction_goes_with_its_sentence() -> None:
    text = "Thanks for your order. To unsubscribe, reply UNSUBSCRIBE."
    assert _fixed(text, "L207") == "Thanks for your order."
    text = "Merci ! Pour vous désabonner, répondez STOP. Bonne journée."
    assert _fixed(text, "L207", buyer_locale="fr-FR") == "Merci ! Bonne journée."


def test_an_opt_out_in_the_sentence_that_names_the_order_gets_no_fix() -> None:
    text = "Order 114-4909505-8661897 shipped, reply STOP to unsubscribe."
    assert all(f.fix is None for f in _check(text).findings if f.rule == "L207")


@pytest.mark.parametrize(
    ("text", "options", "fixed"),
    [
        (
            "Thanks! You can find the manual at example-shop.com in the box.",
            {},
            "Thanks! You can find the manual in the box.",
        ),
        (
            "Thanks! The manual is on example-shop.com and in the box.",
            {},
            "Thanks! The manual is in the box.",
        ),
        (
            "Danke! Die Anleitung finden Sie auf example-shop.de im Karton.",
            {"buyer_locale": "de-DE"},
            "Danke! Die Anleitung finden Sie im Karton.",
        ),
        (
            "Merci ! Le manuel est disponible sur example-shop.fr dans la boîte.",
            {"buyer_locale": "fr-FR"},
            "Merci ! Le manuel est disponible dans la boîte.",
        ),
    ],
)
def test_a_link_in_mid_sentence_goes_with_the_preposition_that_tied_it_in(
    text: str, options: dict, fixed: str
) -> None:
    assert _fixed(text, "L202", **options) == fixed
