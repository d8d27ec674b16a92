"""The detectors: contact details and links found through disguises, and what is not one."""

import pytest

from guidelines.detect import contact_reading, is_amazon_host, registrable_domain
from guidelines.message import Message
from guidelines.message_types import get_message_type
from guidelines.normalise import canonical


def _found(text: str, locale: str | None = "en-US", html: bool = False) -> list[tuple[str, str]]:
    message = Message(text=text, message_type=get_message_type("reply"), buyer_locale=locale, html=html)
    found = message.detections
    every = found.emails + found.urls + found.phones + found.handles
    return [(d.kind, text[d.start : d.end]) for d in sorted(every, key=lambda d: d.start)]


@pytest.mark.parametrize(
    ("locale", "text", "kind", "marked"),
    [
        ("en-US", "Write to j.miller at gmail dot com today.", "email", "j.miller at gmail dot com"),
        ("es-ES", "Escríbanos a ventas＠example-tienda．es hoy.", "email", "ventas＠example-tienda．es"),
        ("de-AT", "Mail an info(at)example-laden(punkt)at bitte.", "email", "info(at)example-laden(punkt)at"),
        (
            "nl-NL",
            "Naar service apenstaartje example-fiets punt nl, dan",
            "email",
            "service apenstaartje example-fiets punt nl",
        ),
        (
            "sv-SE",
            "Till reklamation snabel-a example-kladet punkt se, så",
            "email",
            "reklamation snabel-a example-kladet punkt se",
        ),
        (
            "pl-PL",
            "Na adres reklamacje(at)example-kawomat.pl prosimy",
            "email",
            "reklamacje(at)example-kawomat.pl",
        ),
        ("zh-CN", "发邮件到 info艾特example点com 谢谢", "email", "info艾特example点com"),
        ("ja-JP", "メール：support＠example-kagu.jp", "email", "support＠example-kagu.jp"),
        (
            "fr-FR",
            "Écrivez à contact arobase example-boutique point fr svp",
            "email",
            "contact arobase example-boutique point fr",
        ),
        (
            "it-IT",
            "Scriva a info chiocciola example-negozio punto it grazie",
            "email",
            "info chiocciola example-negozio punto it",
        ),
        (
            "pt-BR",
            "Envie para vendas arroba example-loja ponto com ponto br hoje",
            "email",
            "vendas arroba example-loja ponto com ponto br",
        ),
        ("tr-TR", "Bize destek@example-magaza.com.tr adresinden", "email", "destek@example-magaza.com.tr"),
        ("en-US", "Call 6 1 7 - 5 5 5 - 0 1 6 2 now.", "phone", "6 1 7 - 5 5 5 - 0 1 6 2"),
        ("en-GB", "Ring （０２０）７９４６－０８７１ today.", "phone", "（０２０）７９４６－０８７１"),
        ("en-GB", "Call O2O 7946 O871 please", "phone", "O2O 7946 O871"),
        ("pl-PL", "proszę dzwonić bezpośrednio: 600 123 456.", "phone", "600 123 456"),
        ("ja-JP", "☎ 03-5555-0142（担当：安田）", "phone", "03-5555-0142"),
        ("de-DE", "Rufen Sie an: +49 (0)30 1234 5678", "phone", "+49 (0)30 1234 5678"),
        ("fr-FR", "Appelez le 06 12 34 56 78 svp", "phone", "06 12 34 56 78"),
        ("en-US", "Visit www . deals-example . net now", "url", "www . deals-example . net"),
        ("en-US", "See deals-example[dot]net for more", "url", "deals-example[dot]net"),
        ("en-US", "Visit EXAMPLE-SHOP.COM now", "url", "EXAMPLE-SHOP.COM"),
        ("en-US", "Short: bit.ly/3xYz", "url", "bit.ly/3xYz"),
        ("en-US", "Deals at amazon.com.deals-x.shop!", "url", "amazon.com.deals-x.shop"),
        (
            "en-US",
            "Open ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ",
            "url",
            "ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ",
        ),
        ("en-US", "Add us on WeChat: shop_8888 please", "handle", "WeChat: shop_8888"),
        ("en-US", "LINE ID: kitchenpro", "handle", "LINE ID: kitchenpro"),
        ("zh-CN", "请加微信：shop8888 谢谢", "handle", "微信：shop8888"),
        ("fr-FR", "suivez-nous sur Instagram : @bougies_atelier", "handle", "Instagram : @bougies_atelier"),
        ("tr-TR", "Instagram'da @example.seramik hesabımızı", "handle", "Instagram'da @example.seramik"),
        ("en-US", "Message @shopbot on Telegram today", "handle", "@shopbot on Telegram"),
        (
            "en-US",
            "Drop us a line at help at example-lounge dot com.",
            "email",
            "help at example-lounge dot com",
        ),
        ("en-US", "Our catalogue lives at shop-example . co . uk now", "url", "shop-example . co . uk"),
        (
            "de-DE",
            "Mail: service [at] example-shop [punkt] de",
            "email",
            "service [at] example-shop [punkt] de",
        ),
        ("pt-BR", "WhatsApp (11) 98765-4321 ou", "phone", "(11) 98765-4321"),
        ("sv-SE", "Ring oss på 070-123 45 67 idag", "phone", "070-123 45 67"),
        (
            "tr-TR",
            "destek et example-magaza nokta com nokta tr adresinden",
            "email",
            "destek et example-magaza nokta com nokta tr",
        ),
        ("ja-JP", "info アット example-shop ドット jp まで", "email", "info アット example-shop ドット jp"),
    ],
)
def test_a_disguised_contact_detail_is_found_on_the_sellers_characters(locale, text, kind, marked) -> None:
    assert (kind, marked) in _found(text, locale)


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en-US", "Order 212-5550198-4401276 ships today."),
        ("en-US", "Delivered on 2025-02-24 at 9:00; expect 10-15 business days."),
        ("en-US", "1 200 × 1 200 pixels; $54.99; 1.299.000 units; sizes 36 38 40 42 44."),
        ("en-US", "Shipped with UPS (tracking 1Z 999 AA1 01 2345 6784)."),
        ("en-US", "Would you wait until March 28, 2025 (10 business days after)?"),
        ("de-DE", "Seriennummer: 4021938475, Rechnung 2024-0042."),
        ("en-US", "We cannot take calls; please use Amazon messaging."),
        ("en-US", "We shipped today.It arrives Monday. The manual.pdf is attached; 1.5 kg."),
        ("en-US", "The invoice.zip and notes.md files are attached."),
        ("en-US", "Available at amazon.de and at our warehouse."),
        ("en-US", "Please write on line 2 of the form."),
        ("en-US", "Our handle is @acme on the box."),
        ("en-US", "Shipping address:\nJane Doe\n1 Main St\nPhone: 617-555-0162\n\nIs it right?"),
        ("en-US", "> Buyer wrote: call me at 617-555-0162\n\nWe will reply here."),
        ("ja-JP", "電話番号：\n住所：東京都"),
        ("de-DE", "Am 3. März schrieb Anna:\nMeine Nummer ist 0151 2345678\n\nDanke!"),
        ("pl-PL", "Numer seryjny: 2023111500425, faktura FV/2024/0042."),
        ("tr-TR", "Siparişiniz 0532 numaralı depodan 12.03.2025 tarihinde gönderildi."),
        ("fr-FR", "Le colis pèse 1,5 kg et mesure 30 x 20 x 10 cm; prix 54,99 €."),
    ],
)
def test_no_contact_detail_of_the_seller_is_found(locale, text) -> None:
    assert [f for f in _found(text, locale) if f[0] != "url"] == []


def test_amazon_is_trusted_only_for_its_registrable_domain() -> None:
    assert is_amazon_host("www.amazon.co.jp")
    assert is_amazon_host("smile.amazon.de")
    assert not is_amazon_host("amazon.com.deals-x.shop")
    assert not is_amazon_host("amaz0n.com")
    assert not is_amazon_host("arnazon.com")


def test_amazon_co_jp_followed_by_japanese_is_amazons_domain() -> None:
    assert _found("Amazon.co.jpにて販売中", "ja-JP") == [("url", "Amazon.co.jp")]


def test_unknown_suffixes_and_file_names_are_no_domains() -> None:
    assert registrable_domain("manual.pdf") is None
    assert registrable_domain("example.invalidsuffix") is None
    assert registrable_domain("shop.example-kotori.jp") == "example-kotori.jp"


def test_the_contact_reading_spells_out_addresses_only() -> None:
    reading = contact_reading(canonical("Meet at noon. Mail j.doe at example dot com, thanks."))
    assert reading.text == "meet at noon. mail j.doe@example.com, thanks."


def test_entities_in_html_are_read_before_detection() -> None:
    assert ("url", "&#104;ttps://example.com/x") in _found("<p>&#104;ttps://example.com/x</p>", html=True)


def test_a_price_or_count_in_a_packs_units_is_no_phone_number() -> None:
    # 円 and 個 are the Japanese pack's [contact] units: 0312345678円 is an amount, not a number to call.
    from guidelines.detect import _unit_after

    assert _unit_after().match("円です") and _unit_after().match(" pcs") and not _unit_after().match(" Uhr")


# How a seller leads into an address in each language: the disguise must be found whatever
# language surrounds it.
_LEADS = {
    "en-GB": "Write to",
    "de-DE": "Schreiben Sie an",
    "fr-FR": "Écrivez à",
    "es-ES": "Escríbanos a",
    "it-IT": "Scrivete a",
    "pt-BR": "Escreva para",
    "ja-JP": "メールは",
    "zh-CN": "请发邮件到",
    "nl-NL": "Schrijf naar",
    "pl-PL": "Proszę pisać na",
    "sv-SE": "Skriv till",
    "tr-TR": "Bize yazın:",
}


@pytest.mark.parametrize("locale", sorted(_LEADS))
@pytest.mark.parametrize(
    "address",
    ["service@example-\nshop.com", "service@\nexample-shop.com", "service\n@example-shop.com"],
)
def test_an_address_broken_over_a_line_is_read_whole(locale: str, address: str) -> None:
    assert ("email", address) in _found(f"{_LEADS[locale]} {address} bitte", locale)


@pytest.mark.parametrize("locale", sorted(_LEADS))
@pytest.mark.parametrize(
    "domain",
    ["example-shop，com", "example-shop·com", "example-shop•co•uk", "example-shop .com", "example-shop. com"],
)
def test_a_domain_with_a_look_alike_dot_or_a_lopsided_space_is_found(locale: str, domain: str) -> None:
    assert ("url", domain) in _found(f"{_LEADS[locale]} {domain}", locale)


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en-US", "Home · Shop · Blog"),
        ("en-US", "Thanks for your order. It arrives Monday."),
        ("en-US", "I shipped it today. It's on its way."),
        ("en-US", "Best wishes. Co."),
        ("en-US", "Thanks for your order. it"),
        ("en-US", "We are the well-\nknown shop in town."),
        ("en-US", "Kind regards,\nAnna\n@ Example Shop"),
        ("zh-CN", "颜色：Black，Red。"),
        ("ja-JP", "カラー：Black·Red"),
    ],
)
def test_lists_and_sentence_ends_are_no_address(locale: str, text: str) -> None:
    assert _found(text, locale) == []


@pytest.mark.parametrize(
    ("locale", "text", "marked"),
    [
        (
            "en-GB",
            "Call zero two zero seven nine four six zero three two one today",
            "zero two zero seven nine four six zero three two one",
        ),
        (
            "en-GB",
            "Call oh two oh seven nine four six oh three two one",
            "oh two oh seven nine four six oh three two one",
        ),
        ("en-GB", "Call 020 seven nine four six 0321 today", "020 seven nine four six 0321"),
        (
            "de-DE",
            "Handy: null eins sieben eins eins zwei drei vier fünf sechs sieben",
            "null eins sieben eins eins zwei drei vier fünf sechs sieben",
        ),
        (
            "fr-FR",
            "Appelez le zéro un quatre deux trois quatre cinq six sept huit",
            "zéro un quatre deux trois quatre cinq six sept huit",
        ),
        (
            "es-ES",
            "Llámenos al seis uno dos tres cuatro cinco seis siete ocho",
            "seis uno dos tres cuatro cinco seis siete ocho",
        ),
        (
            "it-IT",
            "Chiamate il tre tre tre uno due tre quattro cinque sei sette",
            "tre tre tre uno due tre quattro cinque sei sette",
        ),
        (
            "pt-BR",
            "Ligue para um um nove oito sete seis cinco quatro três dois um",
            "um um nove oito sete seis cinco quatro três dois um",
        ),
        (
            "nl-NL",
            "Bel ons op nul zes een twee drie vier vijf zes zeven acht",
            "nul zes een twee drie vier vijf zes zeven acht",
        ),
        (
            "pl-PL",
            "Proszę dzwonić: sześć zero zero jeden dwa trzy cztery pięć sześć",
            "sześć zero zero jeden dwa trzy cztery pięć sześć",
        ),
        (
            "sv-SE",
            "Ring oss på noll sju noll ett två tre fyra fem sex sju",
            "noll sju noll ett två tre fyra fem sex sju",
        ),
        (
            "tr-TR",
            "Bizi arayın: sıfır beş üç iki bir iki üç dört beş altı yedi",
            "sıfır beş üç iki bir iki üç dört beş altı yedi",
        ),
        ("ja-JP", "お電話は〇三ー五五五〇ー一二三四まで", "〇三ー五五五〇ー一二三四"),
        ("zh-CN", "请致电一三八一二三四五六七八", "一三八一二三四五六七八"),
        ("zh-CN", "电话：幺三八 幺二三四 五六七八", "幺三八 幺二三四 五六七八"),
    ],
)
def test_a_phone_number_spelled_digit_by_digit_is_found(locale: str, text: str, marked: str) -> None:
    assert ("phone", marked) in _found(text, locale)


@pytest.mark.parametrize(
    ("locale", "text", "marked"),
    [
        ("ja-JP", "電話03ー5550ー1234", "03ー5550ー1234"),
        ("ja-JP", "携帯：090・1234・5678", "090・1234・5678"),
        ("ja-JP", "お電話は03-5550-1234まで", "03-5550-1234"),
        ("ja-JP", "お電話(03-5550-1234、平日10時から)", "03-5550-1234"),
        ("en-GB", "Call 020 — 7946 — 0321", "020 — 7946 — 0321"),
        ("de-DE", "Tel: 0l7l 1234567", "0l7l 1234567"),
        ("es-ES", "Tel: +34 (0) 612 345 678", "+34 (0) 612 345 678"),
        ("es-ES", "Tel: 612.345.678", "612.345.678"),
        ("pl-PL", "Tel.: 600.123.456", "600.123.456"),
        ("zh-CN", "手机：１３８１２３４５６７８", "１３８１２３４５６７８"),
        ("zh-CN", "致电13812345678", "13812345678"),
    ],
)
def test_a_phone_number_with_dashes_dots_letters_or_a_phone_label_is_found(
    locale: str, text: str, marked: str
) -> None:
    assert ("phone", marked) in _found(text, locale)


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("tr-TR", "Teslimat hafta içi 09.00–18.00 arasında yapılabilir."),
        ("sv-SE", "Det står ”To Dad, 1965–2025” på gravyren."),
        ("en-GB", "Open 09.00-18.00, closed 1965-2025."),
        ("tr-TR", "Bir iki üç dört beş altı yedi sekiz dokuz on kere denedik."),
        ("en-GB", "One two three four five six seven: the steps are easy."),
        ("zh-CN", "二〇二五年十二月一日发货，共一千二百三十四件。"),
        ("fr-FR", "Un deux trois, nous irons au bois."),
    ],
)
def test_ranges_counting_and_dates_are_no_phone_number(locale: str, text: str) -> None:
    assert [f for f in _found(text, locale) if f[0] == "phone"] == []


@pytest.mark.parametrize(
    ("locale", "text", "marked"),
    [
        ("en-GB", "Find us on Telegram: @exampleshop", "Telegram: @exampleshop"),
        ("en-GB", "TG: @exampleshop", "TG: @exampleshop"),
        ("es-ES", "Agrégame en wasap: 612345678", "wasap: 612345678"),
        ("pt-BR", "Me chama no zapzap 11987654321", "zapzap 11987654321"),
        ("pl-PL", "Napisz na WhatsAppie: 600 123 456", "WhatsAppie: 600 123 456"),
        ("pl-PL", "Obserwuj nas na Instagramie: @sklepprzyklad", "Instagramie: @sklepprzyklad"),
        ("tr-TR", "Instagram hesabımız: @ornekmagaza", "Instagram hesabımız: @ornekmagaza"),
        ("tr-TR", "Vatsap: 0532 123 45 67", "Vatsap: 0532 123 45 67"),
        ("ja-JP", "インスタ：@exampleshop", "インスタ：@exampleshop"),
        ("ja-JP", "カカオトークID：exampleshop", "カカオトークID：exampleshop"),
        ("ja-JP", "テレグラム：@exampleshop", "テレグラム：@exampleshop"),
        ("zh-CN", "加V：exampleshop88", "加V：exampleshop88"),
        ("zh-CN", "VX：exampleshop88", "VX：exampleshop88"),
        ("zh-CN", "威信号：exampleshop88", "威信号：exampleshop88"),
        ("zh-CN", "扣扣：12345678", "扣扣：12345678"),
    ],
)
def test_an_app_named_in_the_languages_own_words_or_with_an_ending_is_a_handle(
    locale: str, text: str, marked: str
) -> None:
    assert ("handle", marked) in _found(text, locale)


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en-GB", "WA: Western Australia orders ship Monday."),
        ("en-GB", "Model V: 220 V, 50 Hz"),
        ("en-GB", "Snap the lid: 3 clips hold it."),
        ("ja-JP", "ラインが切れています"),
        ("zh-CN", "飞机：下午三点起飞"),
    ],
)
def test_everyday_words_that_name_an_app_are_no_handle(locale: str, text: str) -> None:
    assert [f for f in _found(text, locale) if f[0] == "handle"] == []


_DOTS = {
    "en-GB": "dot",
    "de-DE": "punkt",
    "fr-FR": "point",
    "es-ES": "punto",
    "it-IT": "punto",
    "pt-BR": "ponto",
    "ja-JP": "ドット",
    "zh-CN": "点",
    "nl-NL": "punt",
    "pl-PL": "kropka",
    "sv-SE": "punkt",
    "tr-TR": "nokta",
}


@pytest.mark.parametrize("locale", sorted(_DOTS))
def test_a_suffix_spelled_letter_by_letter_is_read(locale: str) -> None:
    domain = f"example-shop {_DOTS[locale]} c o m"
    assert ("url", domain) in _found(f"{_LEADS[locale]} {domain}", locale)


def test_a_short_link_written_with_spaces_is_found() -> None:
    assert ("url", "bit . ly") in _found("Go to bit . ly / abc123 now")


def test_sizes_and_initials_spelled_apart_are_no_address() -> None:
    assert _found("Sizes S M L . X L and the U.S.A. warehouse, i t . it") == []


_ATS = {
    "en-GB": "at",
    "de-DE": "klammeraffe",
    "fr-FR": "arobase",
    "es-ES": "arroba",
    "it-IT": "chiocciola",
    "pt-BR": "arroba",
    "ja-JP": "at",
    "zh-CN": "at",
    "nl-NL": "apenstaartje",
    "pl-PL": "małpa",
    "sv-SE": "snabel-a",
    "tr-TR": "et",
}


@pytest.mark.parametrize("locale", sorted(_ATS))
@pytest.mark.parametrize("wrap", ["-", "_", "'"])
def test_separator_words_wrapped_in_hyphens_underscores_or_quotes_are_read(locale: str, wrap: str) -> None:
    at, dot = _ATS[locale], _DOTS[locale] if _DOTS[locale].isascii() else "dot"
    space = " " if wrap == "'" else ""
    address = f"info{space}{wrap}{at}{wrap}{space}example-shop{space}{wrap}{dot}{wrap}{space}com"
    assert ("email", address) in _found(f"{_LEADS[locale]} {address}", locale)


@pytest.mark.parametrize(
    ("text", "kind", "marked"),
    [
        ("Write to info%40example-shop.com today", "email", "info%40example-shop.com"),
        ("Write to info(a)example-shop.com today", "email", "info(a)example-shop.com"),
        ("Write to info[a]example-shop.com today", "email", "info[a]example-shop.com"),
        ("Visit www example-shop com today", "url", "www example-shop com"),
        ("Visit hxxps://example-shop.com today", "url", "example-shop.com"),
        ("Write to my Gmail: shopinfo2024", "handle", "Gmail: shopinfo2024"),
    ],
)
def test_other_disguises_of_an_address_are_read(text: str, kind: str, marked: str) -> None:
    assert (kind, marked) in _found(text, "en-GB")


@pytest.mark.parametrize(
    "text",
    [
        "Our state-of-the-art kettle and pay-at-the-door delivery.",
        "Meet us 'at' the fair; a dot-matrix printer.",
        "Answer (a) or (b): option(a)b is fine.",
        "The www was young then. Mix 100%40 and stir.",
        "Path: docs//readme.md and notes//todo.txt",
        "Our Outlook: positive. Line: red. Signal: strong.",
    ],
)
def test_words_that_look_like_other_disguises_are_no_address(text: str) -> None:
    assert _found(text, "en-GB") == []
