"""R10, R11, R29: no status notices Amazon already sends, no thank-you-only messages, and no
asking the buyer to cancel an order the seller cannot fulfil."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..i18n import _
from ..message import ORDER_ID_IN_TEXT, Message
from ..registry import Docs, Example, Hit, rule
from ..scope import buyers_words, negated
from ..scripts import QUESTION_MARKS, SALUTATION_ENDS, SENTENCE_ENDS
from ._phrases import sentences_with

_ORDER = "114-4909505-8661897"


def _has_other_purpose(message: Message, status: list[tuple[int, int]] = ()) -> bool:
    """Tell whether the text does more than report a status: a question, a problem, a request.

    Words inside a polite offer ("if you have any problems, contact us") are not a purpose, nor
    are the ``status`` words themselves ("reembolso" is both a return and a refund notice).
    """
    polite = message.spans("help_offer") + message.spans("thanks")
    # A message that names a review is about it ("voordat u een review schrijft"), which its own
    # rules read; not a word of a help offer (随时给我们留言: "leave us a message").
    for start, end in message.spans("purpose") + message.spans("review_term"):
        if any(start < e and s < end for s, e in status):
            continue
        if not any(s <= start and end <= e for s, e in polite):
            return True
    # "Merci de nous évaluer": a thanks that asks for a review is a review request.
    if message.spans("review_ask"):
        return True
    return any(mark in message.visible for mark in QUESTION_MARKS)


@rule(
    id="N601",
    name="order-status-notice",
    category="order_confirmation",
    severity="error",
    source="order-confirmations",
    message="Amazon already sends order, shipping, cancellation and refund notices; a message "
    "that only repeats one is not permitted.",
    suggestion="Send a message only when the buyer needs to act or know something Amazon does not tell them.",
    docs=Docs(
        what="Finds order, shipping, delivery, cancellation and refund confirmations. An error when "
        "a free reply does nothing else; a warning when the message also has a purpose (a problem, "
        "a question, a request) or is of a permitted type such as delivery scheduling. A free reply "
        "whose every sentence reports the order shipped, delivered or refunded in other words is a "
        "warning too.",
        why="Amazon forbids order and shipping confirmations in buyer–seller messages.",
        example="Your order has been shipped. Tracking number: 1Z999.",
        instead="(Send nothing: Amazon notifies the buyer.)",
    ),
    flags=[
        Example(
            "Your order has already been cancelled by us. The refund will be returned within 12 hours.",
            {"message_type": "reply"},
        ),
        Example(
            "Ihre Bestellung wurde versandt. Ihre Sendungsnummer lautet 123.",
            {"buyer_locale": "de-DE", "message_type": "reply"},
        ),
        Example("Uw pakket is vandaag verzonden. Het trackingnummer is 3SABC123.", {"buyer_locale": "nl-NL"}),
        Example("Din beställning har skickats i dag med PostNord.", {"buyer_locale": "sv-SE"}),
        Example("Pana paczka została dziś wysłana kurierem.", {"buyer_locale": "pl-PL"}),
        Example("Siparişiniz bugün kargoya verildi.", {"buyer_locale": "tr-TR"}),
        Example("Votre colis a été expédié ce matin.", {"buyer_locale": "fr-FR"}),
        Example("Ihr Paket wurde heute an DHL übergeben.", {"buyer_locale": "de-DE"}),
        Example(
            "Il suo pacco è partito stamattina con BRT.", {"buyer_locale": "it-IT", "message_type": "reply"}
        ),
        Example("Zwrot 24,99 zł został dziś zlecony.", {"buyer_locale": "pl-PL", "message_type": "reply"}),
    ],
    passes=[
        f"We have shipped a free replacement for order {_ORDER}; it should arrive Friday.",
        "You asked whether your order has shipped. Yes, it left our warehouse yesterday.",
        Example("您问订单是否已经发货：是的，昨天已经发出，预计周四送达。", {"buyer_locale": "zh-CN"}),
        "Which colour should we send, red or blue?",
        Example(
            "Vi har skickat en ny kabel eftersom den första var trasig; vilken adress gäller?",
            {"buyer_locale": "sv-SE"},
        ),
    ],
)
def order_status_notice(message: Message) -> Iterator[Hit]:
    # "You asked whether your order has shipped": the buyer's own question, reported back.
    spans = [span for span in message.spans("order_notice") if not buyers_words(message, span)]
    if not spans:
        # In words no phrase lists, the status concepts alone: a warning, for the seller to judge.
        for span in _status_only(message)[:1]:
            yield Hit(*span, severity="warning")
        return
    # A message of a permitted type (delivery, problem, return…) has its own purpose; only a
    # free reply that does nothing but report a status is the notice Amazon forbids.
    if _has_other_purpose(message) or message.message_type.key != "reply":
        yield Hit(
            *spans[0],
            severity="warning",
            message=_(
                "This repeats a status notice Amazon already sends; keep it only as context "
                "for the message's real purpose."
            ),
        )
    else:
        for span in spans:
            yield Hit(*span)


# What a status notice reports as done; the concepts read every inflection and word order.
_STATUS = ("SHIPPED", "DELIVERED", "REFUNDED")
# A sentence that also names one of these is about that, not about the order's status.
_OTHER_MATTER = ("DISCOUNT", "REVIEW", "STORE", "NEXT-PURCHASE")
# A notice is a sentence or two; a longer reply has more to say and pays no lemmas here.
_NOTICE_SENTENCES = 3
_NOTICE_CHARACTERS = 600


def _status_only(message: Message) -> list[tuple[int, int]]:
    """Return the status concepts of a free reply that reports SHIPPED, DELIVERED or REFUNDED and
    nothing else: every sentence besides greetings, thanks, help offers and the signature states
    one ("Il suo pacco è partito stamattina con BRT", "24,99 TL tutarındaki iadeniz bugün yapıldı").
    """
    # A question is a purpose (``_has_other_purpose`` says so too); asked first, no lemmas are read.
    if message.message_type.key != "reply" or any(mark in message.visible for mark in QUESTION_MARKS):
        return []
    if len(message.sentences) > 4 * _NOTICE_SENTENCES:
        return []  # with greetings and a signature, a notice is a few lines
    polite = sentences_with(message, "thanks") | sentences_with(message, "help_offer")
    skipped = polite | sentences_with(message, "courtesy") | _frame(message)
    content = set()
    for index, (start, end) in enumerate(message.sentences):
        text = ORDER_ID_IN_TEXT.sub(" ", message.visible[start:end])
        words = _words(text)
        # One word is a heading ("Order 305-1234567-7654321:"), not a statement.
        if index not in skipped and (len(words) > 1 or (words and not text.isascii())):
            content.add(index)
            if len(content) > _NOTICE_SENTENCES:
                return []
    if not content:
        return []
    if sum(message.sentences[i][1] - message.sentences[i][0] for i in content) > _NOTICE_CHARACTERS:
        return []
    found = [
        span
        for name in _STATUS
        for span in message.concepts_in(name, content)
        if span.asserted and not span.conditional
    ]
    if {span.sentence for span in found} != content:
        return []  # a sentence says something else
    if any(message.concepts_in(name, content) for name in _OTHER_MATTER):
        return []  # "spedizione gratuita e 10 % di sconto": an offer, which its own rule reads
    spans = [(span.start, span.end) for span in sorted(found, key=lambda span: span.start)]
    return [] if _has_other_purpose(message, spans) else spans


@rule(
    id="N602",
    name="thank-you-only",
    category="thank_you_only",
    severity="error",
    source="thank-you-only",
    message="The message only thanks the buyer or offers help; it has no permitted purpose.",
    suggestion="Send a message only to complete the order or answer the buyer's question.",
    docs=Docs(
        what='Flags messages whose every sentence is a thank-you, a greeting or a "contact us '
        'if you have questions" offer.',
        why='Amazon forbids thank-you-only and "we are here to help" messages.',
        example="Thank you for your purchase! If you have any questions, feel free to contact us.",
        instead="(Send nothing, or write when there is something the buyer needs to know.)",
    ),
    flags=[
        "Thank you for your purchase! If you have any questions, feel free to contact us.",
        "Dear Anna,\nThanks so much for shopping with us.\nBest regards,\nTom",
        Example(
            "Vielen Dank für Ihren Einkauf! Bei Fragen stehen wir Ihnen gerne zur Verfügung.",
            {"buyer_locale": "de-DE"},
        ),
        Example(
            "Gentile Sig.ra Conti,\n\ngrazie mille per il suo acquisto!\n\nUn caro saluto\nLo staff di Bottega Lumi",
            {"buyer_locale": "it-IT"},
        ),
        Example(
            "Hartelijk dank voor uw bestelling bij ons! Heeft u nog vragen, dan staan wij voor u klaar.",
            {"buyer_locale": "nl-NL"},
        ),
        Example(
            "Tusen tack för ditt köp! Hör gärna av dig om du har några frågor.", {"buyer_locale": "sv-SE"}
        ),
        Example(
            "Bardzo dziękujemy za zakupy! W razie pytań pozostajemy do Pani dyspozycji.",
            {"buyer_locale": "pl-PL"},
        ),
        Example(
            "Alışverişiniz için çok teşekkür ederiz. Herhangi bir sorunuz olursa her zaman buradayız.",
            {"buyer_locale": "tr-TR"},
        ),
        Example(
            "¡Gracias de corazón por elegirnos! Si necesitas algo, aquí nos tienes.",
            {"buyer_locale": "es-ES"},
        ),
        Example(
            "Dziekujemy za zamowienie w naszym sklepie! W razie pytan jestesmy do dyspozycji.",
            {"buyer_locale": "pl-PL"},
        ),
        Example(
            "この度はご購入いただき誠にありがとうございました。何かございましたらお気軽にご連絡ください。",
            {"buyer_locale": "ja-JP"},
        ),
        "Thank you so much for your order: we truly appreciate your business and hope you enjoy it!",
    ],
    passes=[
        Example(
            "Merci de nous évaluer : une note honnête nous aiderait beaucoup.",
            {"buyer_locale": "fr-FR", "message_type": "review_request"},
        ),
        f"Thank you for your order {_ORDER}. Which size should we send?",
        "Thanks for asking about the 5 Star Grill Brush: it fits the Weber grates and ships in a paper box.",
        Example(
            "Vielen Dank für Ihre Frage zur Lampe – das Kabel ist zwei Meter lang und abnehmbar.",
            {"buyer_locale": "de-DE"},
        ),
        f"Thanks for your order {_ORDER}. It will ship two days late because of a storm.",
        f"Dear Ms Hale,\nThank you for order {_ORDER}.\nThe blue lamp ships after the holiday on Monday.\n"
        "Best regards\nAnna Lee, Lantern Workshop",
        Example("Welke maat wilt u dat we sturen? Bedankt voor uw bestelling.", {"buyer_locale": "nl-NL"}),
        Example(
            "Siparişiniz için teşekkürler. Hangi rengi göndermemizi istersiniz?", {"buyer_locale": "tr-TR"}
        ),
        Example("Dziękujemy za zamówienie. Który kolor mamy wysłać?", {"buyer_locale": "pl-PL"}),
    ],
)
def thank_you_only(message: Message) -> Iterator[Hit]:
    if _has_other_purpose(message) or message.spans("order_notice"):
        return
    polite = sentences_with(message, "thanks") | sentences_with(message, "help_offer")
    if not polite:
        return
    courtesy = sentences_with(message, "courtesy") | _frame(message)
    kind = message.spans("thanks") + message.spans("help_offer") + message.spans("courtesy")
    for index, (start, end) in enumerate(message.sentences):
        if index in courtesy:
            continue
        if index in polite:
            # "Thanks for your question: the cable is two metres long" answers after the thanks.
            split = _CLAUSE_BREAK.search(message.visible, start, end)
            if not split or not _has_content(message, split.end(), end, kind):
                continue
        elif not _has_content(message, start, end, []):
            continue
        return  # a sentence with its own content
    first = min(polite)
    yield Hit(*message.sentences[first])


# Where a thank-you sentence may go on with something else: a colon, a semicolon, a dash.
_CLAUSE_BREAK = re.compile(r"[:;：；]|\s[-–—]\s")


def _has_content(message: Message, start: int, end: int, polite: list[tuple[int, int]]) -> bool:
    """Tell whether the text between ``start`` and ``end``, polite phrases left out, says something."""
    pieces, at = [], start
    for s, e in sorted(polite):
        if e > at and s < end:
            pieces.append(message.visible[at : max(s, at)])
            at = min(e, end)
    pieces.append(message.visible[at:end])
    text = ORDER_ID_IN_TEXT.sub(" ", " ".join(pieces))
    return len(_words(text)) >= 4 or (len(text.strip()) >= 12 and not text.isascii())


def _words(text: str) -> list[str]:
    """Return the words of ``text``: the pieces between spaces that hold a letter or a digit."""
    return [word for word in text.split() if any(c.isalnum() for c in word)]


_LINE_END = frozenset(SENTENCE_ENDS)


def _frame(message: Message) -> set[int]:
    """Return the sentences that frame a letter: the salutation line and the signature lines.

    "Dear Ms Rossi," opens the letter; the short unpunctuated lines after the last sentence
    ("Kind regards", "Lo staff di Ceramiche Sole") sign it. Neither is a purpose.
    """
    sentences = message.sentences
    text = message.visible
    frame: set[int] = set()
    if sentences and text[sentences[0][0] : sentences[0][1]].rstrip().endswith(SALUTATION_ENDS):
        frame.add(0)
    for index in range(len(sentences) - 1, 0, -1):
        line = text[sentences[index][0] : sentences[index][1]].strip()
        words = _words(line)
        if not line or line[-1] in _LINE_END or len(words) > 6:
            break
        frame.add(index)
    return frame


@rule(
    id="N603",
    name="cancellation-request",
    category="cancellation_request",
    severity="error",
    source="cancellation-requests",
    message="This asks the buyer to cancel the order; when you cannot fulfil it, cancel it yourself.",
    suggestion="Cancel the order in Manage Orders (reason NoInventory or CouldNotShip) and tell "
    "the buyer you have done so.",
    docs=Docs(
        what='Finds requests that the buyer submit a cancellation ("press Request Cancellation", '
        '"please cancel your order").',
        why="Amazon's guidelines say not to ask the buyer to request a cancellation; a buyer-side "
        "cancellation hides the seller's failure to ship and is reported as a violation.",
        example="Please open Your Orders and press the Request Cancellation button.",
        instead="We have cancelled your order and refunded you in full.",
    ),
    flags=[
        "Please open Your Orders and press the Request Cancellation button.",
        "Could you please cancel the order from your account?",
        Example("Bitte stornieren Sie die Bestellung über Ihr Amazon-Konto.", {"buyer_locale": "de-DE"}),
        Example(
            "Helaas is de lamp niet meer leverbaar. Kunt u de bestelling zelf annuleren via uw account?",
            {"buyer_locale": "nl-NL"},
        ),
        Example("Vi ber dig att avbryta beställningen själv i ditt konto.", {"buyer_locale": "sv-SE"}),
        Example(
            "Niestety towar jest niedostępny. Prosimy o anulowanie zamówienia po Pana stronie.",
            {"buyer_locale": "pl-PL"},
        ),
        Example(
            "Maalesef ürün stoklarımızda kalmadı. Siparişi hesabınızdan iptal etmenizi rica ediyoruz.",
            {"buyer_locale": "tr-TR"},
        ),
        Example(
            "El producto está agotado. Le pedimos que cancele usted el pedido desde su cuenta.",
            {"buyer_locale": "es-ES"},
        ),
        Example("商品缺货，麻烦您自己在亚马逊申请取消订单。", {"buyer_locale": "zh-CN"}),
    ],
    passes=[
        "If you'd prefer not to wait, reply and we'll cancel the order and refund you.",
        "Would you prefer to cancel the order?",
        "You asked if you should cancel the order yourself. No need: we have already cancelled it.",
        Example(
            "Vi har avbrutit beställningen och betalat tillbaka hela beloppet.", {"buyer_locale": "sv-SE"}
        ),
        Example("Zamówienie anulowaliśmy sami, a pieniądze wrócą na Pani konto.", {"buyer_locale": "pl-PL"}),
        Example("如您不想等待，请回复本消息，我们将取消订单并全额退款。", {"buyer_locale": "zh-CN"}),
    ],
)
def cancellation_request(message: Message) -> Iterator[Hit]:
    for span in message.spans("cancellation_request"):
        # "You asked if you should cancel the order yourself. No need: we have cancelled it."
        if not (buyers_words(message, span) or negated(message, span)):
            yield Hit(*span)
