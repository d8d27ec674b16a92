"""Phenomena found by probing the engine with new messages: each test failed before its fix."""

import pytest

import guidelines
from guidelines.message import Context

ORDER = "112-4456098-7712345"
OFF = Context(spelling=False)


def _categories(text: str, *, severities=("error", "warning"), **options) -> set[str]:
    options.setdefault("message_type", "reply")
    options.setdefault("buyer_locale", "en-US")
    options.setdefault("context", OFF)
    report = guidelines.check(text, **options)
    return {f.category for f in report.findings if f.severity in severities}


def test_a_status_notice_that_names_the_order_id_is_still_a_notice() -> None:
    text = f"Good news! Your order {ORDER} has shipped and should arrive by Wednesday."
    assert "order_confirmation" in _categories(text, severities=("error",))


def test_a_german_status_notice_that_names_the_order_id_is_still_a_notice() -> None:
    text = f"Ihre Bestellung {ORDER} wurde soeben versandt und kommt am Donnerstag an."
    assert "order_confirmation" in _categories(text, buyer_locale="de-DE")


def test_a_phrase_still_cannot_start_inside_an_order_id() -> None:
    # The ID's last digits followed by "% off" are no discount.
    text = f"Which size should we send for order {ORDER}? Reply and we will ship today."
    assert "promotion" not in _categories(text)


def test_plural_positive_as_well_as_negative_reviews_is_neutral_in_french() -> None:
    text = (
        f"Merci pour votre commande {ORDER}. Vous pouvez laisser un avis sur Amazon. "
        "Tous les avis, positifs comme négatifs, nous aident à nous améliorer."
    )
    assert "review_manipulation" not in _categories(text, message_type="review_request", buyer_locale="fr-FR")


def test_plural_positive_or_negative_reviews_is_neutral_in_italian_and_spanish() -> None:
    italian = f"Ordine {ORDER}: tutte le recensioni positive o negative ci aiutano a migliorare."
    spanish = f"Pedido {ORDER}: todas las opiniones, positivas como negativas, nos ayudan a mejorar."
    assert "review_manipulation" not in _categories(
        italian, message_type="review_request", buyer_locale="it-IT"
    )
    assert "review_manipulation" not in _categories(
        spanish, message_type="review_request", buyer_locale="es-ES"
    )


def test_a_positive_review_request_is_still_flagged_in_french() -> None:
    text = f"Merci pour votre commande {ORDER}. Merci de nous laisser un avis positif et détaillé."
    assert "review_manipulation" in _categories(text, message_type="review_request", buyer_locale="fr-FR")


def test_a_polite_if_you_removal_request_is_flagged() -> None:
    text = f"Order {ORDER}: the replacement arrived. We would be grateful if you update your review."
    assert "review_removal" in _categories(text)


def test_answering_whether_the_buyer_can_remove_a_review_is_not_a_removal_request() -> None:
    text = (
        f"Thanks for your message about order {ORDER}. You asked whether you can remove the review "
        "you posted on the wrong product. Yes: go to Your Account > Your reviews."
    )
    assert "review_removal" not in _categories(text, severities=("error",))


def test_a_german_indirect_removal_question_is_flagged() -> None:
    text = f"Bestellung {ORDER}: Wir möchten Sie fragen, ob Sie Ihre 1-Stern-Bewertung ändern könnten."
    assert "review_removal" in _categories(text, buyer_locale="de-DE")


def test_subjunctive_removal_requests_are_flagged() -> None:
    spanish = f"Pedido {ORDER}: le agradeceríamos que modificara su valoración de una estrella."
    italian = f"Ordine {ORDER}: le saremmo grati se modificasse la sua recensione negativa."
    assert "review_removal" in _categories(spanish, buyer_locale="es-ES")
    assert "review_removal" in _categories(italian, buyer_locale="it-IT")


def test_an_infinitive_invitation_to_the_store_is_promotion() -> None:
    spanish = (
        f"Gracias por su pedido {ORDER}. Le invitamos a visitar nuestra tienda en Amazon para "
        "descubrir el resto de nuestros productos."
    )
    italian = f"Grazie per l'ordine {ORDER}. La invitiamo a scoprire i nostri prodotti per la casa."
    assert "promotion" in _categories(spanish, buyer_locale="es-ES")
    assert "promotion" in _categories(italian, buyer_locale="it-IT")


def test_a_german_reminder_of_an_earlier_review_request_is_repeated() -> None:
    text = f"Wir hatten Sie vor einigen Tagen bereits um eine Bewertung zu Ihrer Bestellung {ORDER} gebeten."
    assert "repeated_request" in _categories(text, message_type="review_request", buyer_locale="de-DE")


def test_not_yet_had_the_chance_to_review_is_repeated_in_french_and_spanish() -> None:
    french = (
        f"Commande {ORDER} : si vous n'avez pas encore eu l'occasion de laisser un avis, il est encore temps."
    )
    spanish = (
        f"Pedido {ORDER}: si aún no ha tenido tiempo de dejar su opinión en Amazon, puede hacerlo ahora."
    )
    assert "repeated_request" in _categories(french, message_type="review_request", buyer_locale="fr-FR")
    assert "repeated_request" in _categories(spanish, message_type="review_request", buyer_locale="es-ES")


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Thank you for you purchase, we hope it works well.", "you"),
        ("Please leave a feedback on Amazon when you can.", "a"),
        ("If we cancel it will effect our account.", "effect"),
        ("If any problem, please reply to this message.", "any problem"),
    ],
)
def test_offline_grammar_finds_more_second_language_mistakes(text: str, flagged: str) -> None:
    full = f"Order {ORDER}. {text}"
    report = guidelines.check(full, message_type="reply", buyer_locale="en-US", context=Context())
    assert flagged in [full[f.start : f.end] for f in report.findings if f.category == "grammar"]


@pytest.mark.parametrize(
    "text",
    [
        "We made this lamp for you, and we hope you like it.",
        "Please use the feedback form on Amazon; a feedback request comes from Amazon itself.",
        "An information sheet is in the box, with advice on cleaning.",
        "The new rules will take effect on Monday and may affect the delivery.",
        "If any of the parts are missing, reply to this message.",
    ],
)
def test_the_new_grammar_patterns_leave_correct_english_alone(text: str) -> None:
    full = f"Order {ORDER}. {text}"
    report = guidelines.check(full, message_type="reply", buyer_locale="en-US", context=Context())
    new = {"EN_YOU_FOR_YOUR", "EN_A_UNCOUNTABLE", "EN_EFFECT_AS_VERB", "EN_IF_ANY_PROBLEM"}
    assert [f.detail for f in report.findings if f.detail in new] == []


def test_a_chinese_phone_case_is_a_product_not_a_contact_channel() -> None:
    text = f"您好,请问您购买的手机壳(订单号 {ORDER})需要哪个颜色?请回复本消息告知。"
    assert "contact_info" not in _categories(text, message_type="order_question", buyer_locale="zh-CN")


def test_a_chinese_mobile_contact_is_still_a_contact_channel() -> None:
    text = f"您好,关于订单 {ORDER},如有问题请用手机联系我们的客服。"
    assert "contact_info" in _categories(text, buyer_locale="zh-CN")


def test_we_ask_you_to_cancel_is_a_cancellation_request_in_italian_and_portuguese() -> None:
    italian = f"Purtroppo l'articolo dell'ordine {ORDER} è esaurito. Le chiediamo di annullare l'ordine."
    portuguese = f"Infelizmente o produto do pedido {ORDER} esgotou. Pedimos que cancele o pedido na Amazon."
    assert "cancellation_request" in _categories(italian, buyer_locale="it-IT")
    assert "cancellation_request" in _categories(portuguese, buyer_locale="pt-BR")


def test_offering_to_cancel_ourselves_is_no_cancellation_request_in_portuguese() -> None:
    text = f"O pedido {ORDER} vai atrasar. Se preferir, responda e nós cancelamos o pedido para você."
    assert "cancellation_request" not in _categories(text, buyer_locale="pt-BR")


def test_a_japanese_thanks_and_come_again_message_is_thank_you_only() -> None:
    text = (
        f"中島 様\n\nこの度はご注文番号 {ORDER} にてお買い上げいただき、誠にありがとうございました。"
        "またのご利用を心よりお待ちしております。\n\nショップ桜"
    )
    assert "thank_you_only" in _categories(text, buyer_locale="ja-JP")


def test_a_japanese_message_with_a_question_is_not_thank_you_only() -> None:
    text = (
        f"中島 様\n\nご注文番号 {ORDER} の刻印内容について、ご返信をお待ちしております。"
        "どちらの表記で刻印いたしましょうか。\n\nショップ桜"
    )
    assert "thank_you_only" not in _categories(text, buyer_locale="ja-JP")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        (f"Ihre ständigen Beschwerden zu Bestellung {ORDER} sind lächerlich.", "de-DE"),
        (f"Votre réclamation sur la commande {ORDER} est absurde. Vous êtes incapable de lire.", "fr-FR"),
        (f"Your complaint about order {ORDER} is ridiculous.", "en-US"),
    ],
)
def test_calling_the_buyers_complaint_ridiculous_is_hostile(text: str, locale: str) -> None:
    assert "sensitive" in _categories(text, buyer_locale=locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        (f"Wir möchten Sie nicht nerven, aber zu Bestellung {ORDER} brauchen wir Ihre Adresse.", "de-DE"),
        (f"Nous sommes incapables de livrer la commande {ORDER} avant lundi, désolés.", "fr-FR"),
        (f"The setup for order {ORDER} is ridiculously easy: plug it in and press the button.", "en-US"),
    ],
)
def test_ordinary_words_near_the_new_insults_are_not_hostile(text: str, locale: str) -> None:
    assert "sensitive" not in _categories(text, buyer_locale=locale)


def test_loved_it_question_before_a_review_request_is_conditional() -> None:
    text = f"Thanks for order {ORDER}! Loved it? Leave us a review on Amazon."
    assert "review_manipulation" in _categories(text, message_type="review_request")


def test_five_star_glyphs_after_a_review_request_ask_for_five_stars() -> None:
    text = f"<p>Thanks for order {ORDER}!</p><p>Please leave us a review ★★★★★</p>"
    assert "review_manipulation" in _categories(text, message_type="review_request", html=True)


def test_a_character_that_lowers_to_two_does_not_shift_url_offsets() -> None:
    text = "İİİİ www.example.com İ://x"
    report = guidelines.check(text, message_type="reply", context=OFF)
    assert any(f.category == "link" for f in report.findings)


def test_a_negated_reward_is_no_incentive_but_a_reminder_with_one_is() -> None:
    negated = f"Order {ORDER}: we don't offer any reward for reviews, and Amazon does not allow it."
    offered = f"Order {ORDER}: don't forget to leave a review and get a $10 gift card."
    assert "incentive" not in _categories(negated, message_type="review_request")
    assert "incentive" in _categories(offered, message_type="review_request")


def test_a_group_glued_to_a_word_is_rejected_because_it_would_need_a_space() -> None:
    from guidelines.lexicon import LexiconError, compile_lexicon

    with pytest.raises(LexiconError):
        compile_lexicon("xx", {"phrases": {"k": ["record(amos|ar)"]}})
    assert compile_lexicon("xx", {"cjk": True, "phrases": {"k": ["レビュー~8(お願い|ください)"]}})


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        (f"Le recordamos que todavía puede dejar su opinión sobre el pedido {ORDER} en Amazon.", "es-ES"),
        (f"Le ricordiamo che può ancora lasciare una recensione per l'ordine {ORDER}.", "it-IT"),
        (f"Lembramos que você ainda pode deixar sua avaliação do pedido {ORDER}.", "pt-BR"),
    ],
)
def test_we_remind_you_review_requests_are_repeated(text: str, locale: str) -> None:
    assert "repeated_request" in _categories(text, message_type="review_request", buyer_locale=locale)


def test_could_you_cancel_the_order_is_a_cancellation_request_in_spanish() -> None:
    text = f"El artículo del pedido {ORDER} está agotado. ¿Podría cancelar el pedido desde su cuenta?"
    assert "cancellation_request" in _categories(
        text, message_type="unexpected_problem", buyer_locale="es-ES"
    )


def test_asking_the_buyer_to_cancel_themselves_is_a_cancellation_request_in_japanese() -> None:
    text = (
        f"小川 様\n\nご注文番号 {ORDER} の商品が欠品となってしまいました。"
        "大変恐れ入りますが、お客様ご自身でキャンセル手続きをしていただけますでしょうか。"
    )
    assert "cancellation_request" in _categories(
        text, message_type="unexpected_problem", buyer_locale="ja-JP"
    )


def test_offering_to_cancel_for_the_buyer_is_no_cancellation_request_in_japanese() -> None:
    text = (
        f"ご注文番号 {ORDER} の発送が遅れております。"
        "キャンセルをご希望の場合は、本メッセージにご返信いただければ当店でキャンセルいたします。"
    )
    assert "cancellation_request" not in _categories(
        text, message_type="unexpected_problem", buyer_locale="ja-JP"
    )


def test_an_english_body_with_a_japanese_sign_off_is_not_japanese() -> None:
    text = (
        f"Dear Customer,\n\nThank you for your order {ORDER}. Which color do you want, white or black? "
        "Please reply to us.\n\nよろしくお願いいたします。"
    )
    assert "language" in _categories(text, message_type="order_question", buyer_locale="ja-JP")


def test_a_japanese_message_with_a_long_english_product_name_is_japanese() -> None:
    text = (
        f"鈴木様、ご注文番号 {ORDER} の「Anker PowerCore Essential 20000 Portable Charger High "
        "Capacity Black」の色はどちらにしますか?"
    )
    assert "language" not in _categories(text, message_type="order_question", buyer_locale="ja-JP")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        (f"Which size for order {ORDER}? For faster help, visit our official website.", "en-US"),
        (f"Welche Größe für Bestellung {ORDER}? Mehr dazu auf unserer offiziellen Homepage.", "de-DE"),
        (f"Quelle taille pour la commande {ORDER} ? Plus d'infos sur notre site officiel.", "fr-FR"),
    ],
)
def test_our_official_website_is_an_off_platform_channel(text: str, locale: str) -> None:
    assert "contact_info" in _categories(text, message_type="order_question", buyer_locale=locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        (f"Just letting you know that we shipped your order {ORDER} today via UPS. Enjoy!", "en-US"),
        (f"Your package for order {ORDER} is out for delivery today.", "en-US"),
        (f"Wir haben Ihre Bestellung {ORDER} heute an DHL übergeben. Viel Freude damit!", "de-DE"),
        (f"Nous avons expédié votre commande {ORDER} aujourd'hui.", "fr-FR"),
        (f"Hemos enviado su pedido {ORDER} hoy.", "es-ES"),
        (f"Abbiamo spedito il suo ordine {ORDER} oggi.", "it-IT"),
    ],
)
def test_an_active_voice_shipping_notice_is_an_order_confirmation(text: str, locale: str) -> None:
    assert "order_confirmation" in _categories(text, buyer_locale=locale)


def test_shipping_a_replacement_for_a_problem_is_no_confirmation_error() -> None:
    text = f"Order {ORDER}: the lamp arrived broken, so we have shipped a free replacement today."
    assert "order_confirmation" not in _categories(text, severities=("error",))


def test_a_french_thanks_and_hope_you_like_it_message_is_thank_you_only() -> None:
    text = f"Bonjour,\n\nMerci pour votre commande {ORDER} ! Nous espérons que votre achat vous plaira.\n\nBoutique"
    assert "thank_you_only" in _categories(text, buyer_locale="fr-FR")


def test_a_number_glued_to_a_percent_sign_matches_a_number_then_symbol_group() -> None:
    text = f"Obrigado pelo pedido {ORDER}. Quem deixar avaliação ganha 10% de volta."
    assert "incentive" in _categories(text, message_type="review_request", buyer_locale="pt-BR")


@pytest.mark.parametrize(
    ("text", "locale", "category"),
    [
        (
            f"Grazie per l'ordine {ORDER}. Se è tutto a posto, ci lasci una recensione.",
            "it-IT",
            "review_manipulation",
        ),
        (
            f"Obrigado pelo pedido {ORDER}. Se estiver tudo certo, deixe uma avaliação.",
            "pt-BR",
            "review_manipulation",
        ),
        (
            f"Obrigado pelo pedido {ORDER}. Antes de avaliar negativamente, fale com a gente.",
            "pt-BR",
            "review_manipulation",
        ),
        (f"订单 {ORDER}。如果没有问题,请给我们留个评价。", "zh-CN", "review_manipulation"),
        (f"Gracias por el pedido {ORDER}. Por su reseña le regalamos un accesorio.", "es-ES", "incentive"),
    ],
)
def test_more_review_request_variants_are_found(text: str, locale: str, category: str) -> None:
    assert category in _categories(text, message_type="review_request", buyer_locale=locale)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        (f"订单 {ORDER} 的商品如果有问题,请回复本消息,我们会为您处理。", "zh-CN"),
        (f"Ordine {ORDER}: se è tutto a posto con l'indirizzo, spediamo domani.", "it-IT"),
        (f"Pedido {ORDER}: recomendamos usar o produto alguns dias antes de avaliar.", "pt-BR"),
    ],
)
def test_the_new_condition_phrases_leave_ordinary_sentences_alone(text: str, locale: str) -> None:
    assert "review_manipulation" not in _categories(text, message_type="review_request", buyer_locale=locale)


def test_an_enclosed_german_voucher_is_a_promotional_attachment() -> None:
    text = (
        f"Vielen Dank für Ihre Bestellung {ORDER}. Wir haben Ihnen einen 10%-Gutschein für Ihren "
        "nächsten Einkauf beigelegt."
    )
    assert "attachment" in _categories(text, buyer_locale="de-DE")


def test_answering_about_the_buyers_own_coupon_code_is_not_promotion() -> None:
    text = (
        f"Thanks for your question about order {ORDER}. The discount code field you mentioned is part "
        "of Amazon's checkout, and we can't apply coupons ourselves."
    )
    assert "promotion" not in _categories(text, severities=("error",))


def test_a_code_offered_for_the_next_purchase_is_still_promotion() -> None:
    text = f"Thanks for order {ORDER}. Use code SAVE10 you saw in our flyer on your next order!"
    assert "promotion" in _categories(text)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        (f"About order {ORDER}: the five-star energy rating on the box is the EU label.", "en-US"),
        (f"Zu Bestellung {ORDER}: Die 5 Sternen im Test beziehen sich auf das Vorgängermodell.", "de-DE"),
    ],
)
def test_a_five_star_energy_or_test_rating_is_a_description(text: str, locale: str) -> None:
    assert "review_manipulation" not in _categories(text, buyer_locale=locale)


def test_a_help_offer_that_names_a_review_is_not_a_thank_you_only_message() -> None:
    # The offer is about the review (steering, V104); N602 must not call it a mere thank-you.
    text = f"Beste klant, bestelling {ORDER}: is er iets mis, neem dan eerst contact met ons op voordat u een review schrijft."
    found = _categories(text, message_type="review_request", buyer_locale="nl-NL", severities=("error",))
    assert "review_manipulation" in found and "thank_you_only" not in found


def test_chinese_before_is_not_a_reminder() -> None:
    # 评价之前 is "before reviewing", not "previously": no repeated request.
    text = f"您好，订单{ORDER}：如有任何问题，请在评价之前先联系我们。"
    found = _categories(text, message_type="review_request", buyer_locale="zh-CN", severities=("error",))
    assert "review_manipulation" in found and "repeated_request" not in found
