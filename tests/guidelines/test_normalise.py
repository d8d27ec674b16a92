"""The normalised reading: what it folds, and that every character maps back to the seller's text."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

import guidelines
from guidelines.message import Message
from guidelines.message_types import get_message_type
from guidelines.normalise import (
    canonical,
    deleet,
    invisible_runs,
    join_spelled_letters,
    mixed_script_words,
    read_overrides,
)

_ORDER = "Order 123-1234567-1234567."


def _message(text: str, **options) -> Message:
    return Message(text=text, message_type=get_message_type("reply"), **options)


def _rules(text: str, **options) -> dict[str, list[str]]:
    report = guidelines.check(text, message_type="reply", context={"spelling": False}, **options)
    found: dict[str, list[str]] = {}
    for finding in report.findings:
        found.setdefault(finding.rule, []).append(text[finding.start : finding.end])
    return found


def test_full_width_forms_and_capitals_read_as_plain_lower_case() -> None:
    assert canonical("ＳＴＡＲＳ ventas＠example．es").text == "stars ventas@example.es"


def test_invisible_characters_are_dropped_but_an_emoji_joiner_stays() -> None:
    reading = canonical("5-st\u200bar \u202ereview\u202c 👨\u200d👩")
    assert reading.text == "5-star review 👨\u200d👩"


def test_cyrillic_and_greek_look_alikes_become_latin_letters() -> None:
    assert canonical("f\u0456ve st\u0430rs \u03bfk").text == "five stars ok"


def test_an_accent_typed_after_its_letter_composes_with_it() -> None:
    assert canonical("cafe\u0301").text == "café"


def test_german_sharp_s_is_kept_for_the_language_data() -> None:
    assert canonical("Grüße").text == "grüße"


def test_every_span_maps_back_to_the_raw_characters() -> None:
    raw = "Leave a ５-st\u200bаr review"
    reading = canonical(raw)
    start = reading.text.index("5-star")
    assert reading.raw_span(start, start + len("5-star")) == (raw.index("５"), raw.index(" review"))


@given(st.text())
def test_the_map_is_ordered_and_inside_the_raw_text(raw: str) -> None:
    reading = canonical(raw)
    previous = 0
    for index in range(len(reading.text)):
        start, end = reading.raw_span(index, index + 1)
        assert previous <= start < end <= len(raw)
        previous = start


@given(st.text(alphabet="ab1@ \u200b\u0430.-５"))
def test_derived_readings_map_inside_the_raw_text(raw: str) -> None:
    reading = deleet(join_spelled_letters(canonical(raw)))
    for index in range(len(reading.text)):
        start, end = reading.raw_span(index, index + 1)
        assert 0 <= start < end <= len(raw)


def test_leetspeak_is_spelled_out_inside_words_only() -> None:
    assert deleet(canonical("f1ve st@rs r3view")).text == "five stars review"
    kept = "5-star 10x20 123-1234567-1234567 @acme 2,50"
    assert deleet(canonical(kept)).text == kept


def test_invisible_runs_are_reported_once_per_run() -> None:
    assert invisible_runs("a\u200b\u200cb \u00ad") == [(1, 3), (5, 6)]
    assert invisible_runs("👨\u200d👩") == []


def test_a_word_mixing_scripts_is_found_but_units_are_not() -> None:
    assert mixed_script_words("f\u0456ve 10 kΩ 5 μm") == [(0, 4)]


def test_lexicon_phrases_are_found_through_disguises_and_marked_on_the_raw_text() -> None:
    for raw in [
        "Please leave a 5-st\u200bar review.",
        "Please leave f1ve st@rs.",
        "Leave a f\u0456ve-st\u0430r review.",
        "Please leave a 5 s t a r r-e-v-i-e-w.",
        "Please leave a f.i.v.e s.t.a.r r3v13w.",
    ]:
        message = _message(f"{raw} {_ORDER}", buyer_locale="en-US")
        spans = message.spans("positive_review")
        assert spans, raw
        start, end = spans[0]
        assert message.text[start:end].startswith(("5", "f")), raw


def test_hidden_characters_are_an_error_with_a_fix_that_removes_them() -> None:
    report = guidelines.check(f"Please leave a 5-st\u200bar review. {_ORDER}", message_type="reply")
    hidden = [f for f in report.findings if f.rule == "S409"]
    assert hidden and hidden[0].severity == "error" and hidden[0].fix == ""


def test_a_mixed_script_word_gets_its_latin_spelling_as_fix() -> None:
    report = guidelines.check(f"Visit \u0410mazon today. {_ORDER}", message_type="reply")
    mixed = [f for f in report.findings if f.rule == "S410"]
    assert [f.fix for f in mixed] == ["Amazon"]


def test_numbers_in_words_read_as_digits_in_every_kind_of_language() -> None:
    cases = [
        ("en-US", "twenty-five percent off", "25 percent off", "twenty-five"),
        ("de-DE", "zwanzig Prozent Rabatt", "20 prozent rabatt", "zwanzig"),
        ("fr-FR", "vingt pour cent de remise", "20 pour cent de remise", "vingt"),
        ("pl-PL", "dwadzieścia pięć procent", "25 procent", "dwadzieścia pięć"),
        ("sv-SE", "tjugofem procent", "25 procent", "tjugofem"),
        ("tr-TR", "yüzde yirmi indirim", "yüzde 20 indirim", "yirmi"),
    ]
    for locale, raw, read, number in cases:
        reading = _message(raw, buyer_locale=locale).trigger_reading
        assert reading.text == read, locale
        digits = read.index(read.split()[0] if read[0].isdigit() else read.split()[1])
        start, end = reading.raw_span(digits, digits + 2)
        assert raw[start:end] == number, locale


def test_small_numbers_stay_words() -> None:
    assert _message("one of them arrived", buyer_locale="en-US").trigger_reading.text == "one of them arrived"


def test_a_discount_in_words_is_marketing() -> None:
    assert "P501" in _rules(f"Use code SAVE for twenty percent off our range. {_ORDER}", buyer_locale="en-US")


def test_japanese_and_chinese_numerals_read_as_digits_and_mark_the_numerals() -> None:
    cases = [
        ("ja-JP", "次回二十パーセントオフ", "次回20パーセントオフ", "二十"),
        ("ja-JP", "二十五万円分", "250000円分", "二十五万"),
        ("zh-CN", "百分之二十的折扣", "百分之20的折扣", "二十"),
        ("zh-CN", "全店打八折", "全店打8折", "八"),
        ("zh-CN", "九五折", "95折", "九五"),
        ("zh-CN", "一百零五元", "105元", "一百零五"),
    ]
    for locale, raw, read, numeral in cases:
        reading = _message(raw, buyer_locale=locale).trigger_reading
        assert reading.text == read, raw
        digits = read.index(next(c for c in read if c.isdigit()))
        length = len(str(int("".join(c for c in read[digits:] if c.isdigit()) or "0")))
        start, end = reading.raw_span(digits, digits + length)
        assert raw[start:end] == numeral, raw


def test_words_made_of_numerals_that_are_no_amount_stay_words() -> None:
    # 十分 is "enough" (ja) or "very" (zh), 万一 "in case", 千万 "by all means": the packs'
    # ``not_numbers``. Numbers below three stay words, as in the other languages (一切, 一度).
    for locale, text in [
        ("ja-JP", "万一の場合は十分ご注意ください。一度ご確認ください。"),
        ("zh-CN", "我们十分重视。千万不要担心。一切正常。"),
    ]:
        assert _message(text, buyer_locale=locale).trigger_reading.text == text


def test_a_discount_in_japanese_or_chinese_numerals_is_marketing() -> None:
    for locale, text in [
        ("ja-JP", "次回のご注文で二十パーセントオフになります。"),
        ("ja-JP", "次回のお買い物で使える二割引きクーポンをお送りします。"),
        ("zh-CN", "再次购买可享百分之二十的折扣。"),
        ("zh-CN", "下次购买可打八折。"),
    ]:
        assert "P501" in _rules(f"{text} {_ORDER}", buyer_locale=locale), text
    assert "P501" not in _rules(f"我们十分重视您的意见，三星期内发货。{_ORDER}", buyer_locale="zh-CN")


def test_a_flood_of_numerals_is_no_number_and_no_error() -> None:
    # Python refuses to print integers of more than 4,300 digits; no amount is that long anyway.
    for text in ["一" * 20_000, "万" * 20_000, "九" * 5_000 + "折"]:
        assert _message(text, buyer_locale="zh-CN").trigger_reading.text == text


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        ("5 s t a r review", "5 star review"),
        ("a r-e-v-i-e-w please", "a review please"),
        ("f.i.v.e s.t.a.r", "five star"),
        ("5 s t e r n e", "5 sterne"),
        ("un a.v.i.s", "un avis"),
        ("una r-e-s-e-ñ-a", "una reseña"),
        ("una r e c e n s i o n e", "una recensione"),
        ("uma a_v_a_l_i_a_ç_ã_o", "uma avaliação"),
        ("een r*e*v*i*e*w", "een review"),
        ("o p i n i a", "opinia"),
        ("ett o m d ö m e", "ett omdöme"),
        ("y o r u m", "yorum"),
    ],
)
def test_a_word_spelled_letter_by_letter_is_read_as_the_word(raw: str, read: str) -> None:
    reading = join_spelled_letters(canonical(raw))
    assert reading.text == read
    word = max(read.split(), key=len)
    start, end = reading.raw_span(read.index(word), read.index(word) + len(word))
    assert "".join(c for c in raw[start:end] if c.isalpha()) == word  # marks land on the letters


def test_abbreviations_and_lone_letters_stay_as_they_are() -> None:
    kept = "e.g. z.b. s.a. i.e. sizes s m xl, 1 a 2"
    assert join_spelled_letters(canonical(kept)).text == kept


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        ("r3v13w", "review"),
        ("fr33 g1ft", "free gift"),
        ("b3w3rtung gutsch31n", "bewertung gutschein"),
        ("r3s3ña", "reseña"),
        ("4v4li4ção", "avaliação"),
        ("0p1n1ę", "opinię"),
    ],
)
def test_leetspeak_with_two_stand_ins_in_a_row_is_spelled_out(raw: str, read: str) -> None:
    assert deleet(canonical(raw)).text == read


def test_codes_with_digits_in_a_row_keep_them() -> None:
    kept = "10x20 ab12cd 4k60hz 1080p"
    assert deleet(canonical(kept)).text == kept


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        ("ʀᴇᴠɪᴇᴡ", "review"),
        ("ʙᴇᴡᴇʀᴛᴜɴɢ", "bewertung"),
        ("ᴀᴠɪꜱ", "avis"),
        ("ᴏᴘɪɴɪᴀ", "opinia"),
        ("ʏᴏʀᴜᴍ", "yorum"),
        ("ᏒᎬᏙᎥᎬᏔ", "review"),
        ("r\u0335e\u0335v\u0335i\u0335e\u0335w\u0335", "review"),
        ("r\u0332e\u0332s\u0332e\u0332ñ\u0332a\u0332", "reseña"),
        ("rec\u0336ensio\u0301\u0336n", "recensión"),
        ("revi\ufe0eew", "review"),
        ("re\U000e0041view", "review"),
    ],
)
def test_small_capitals_strokes_and_selectors_inside_a_word_read_as_the_word(raw: str, read: str) -> None:
    reading = canonical(raw)
    assert reading.text == read
    assert reading.raw_span(0, len(read))[0] == 0


def test_emoji_keep_their_selectors_and_tags_and_accents_stay() -> None:
    kept = "❤️ 1️⃣ 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f café"
    assert canonical(kept).text == kept
    assert invisible_runs(kept) == []
    assert invisible_runs("revi\ufe0eew") == [(4, 5)]


def test_text_under_a_right_to_left_override_reads_in_the_order_shown() -> None:
    raw = "Visit \u202emoc.pohs-elpmaxe\u202c today"
    reading = read_overrides(canonical(raw), raw)
    assert reading.text == "visit example-shop.com today"
    start, end = reading.raw_span(6, 22)
    assert raw[start:end] == "moc.pohs-elpmaxe"
    assert read_overrides(canonical("no override"), "no override").text == "no override"
