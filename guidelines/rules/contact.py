"""R18, R19: no e-mail addresses and no phone numbers; Buyer-Seller Messaging is the channel."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..detect import Detection
from ..i18n import _
from ..message import Message
from ..registry import Docs, Example, Hit, rule
from ..removal import removal_hit, unlink_hit
from ..scope import negated, quoted_from_buyer


@rule(
    id="C301",
    name="email-address",
    category="contact_info",
    severity="error",
    source="contact-details",
    message="E-mail addresses are not allowed; buyers must reach you through Buyer-Seller Messaging.",
    suggestion="Remove the address and ask the buyer to reply to this message.",
    docs=Docs(
        what="Finds e-mail addresses in the text.",
        why="Amazon forbids e-mail addresses in messages (and strips them); pointing the buyer "
        "to another channel breaks the Buyer-Seller Messaging policy.",
        example="Write to care@example-shop.com.",
        instead="Simply reply to this message.",
    ),
    flags=[
        "Write to care@example-shop.com with questions.",
        "Mail: a.b+c@shop.co.uk",
        "Write to care [at] example-shop [dot] com",
        "Write to j.miller at gmail dot com.",
        Example("Escríbanos a ventas＠example-tienda．es.", {"buyer_locale": "es-ES"}),
        Example("Bitte an info(at)example-laden(punkt)at schreiben.", {"buyer_locale": "de-AT"}),
        Example("Stuur ze naar service apenstaartje example-fietsdokter punt nl.", {"buyer_locale": "nl-NL"}),
    ],
    passes=[
        "Reply to this message.",
        "Our handle is @acme on the box.",
        "buyer@marketplace.amazon.de",
        "Available at amazon.de and at our warehouse.",
        Example("> From: buyer j.doe@example.net\n\nThanks, we will check.", {}),
    ],
)
def email_address(message: Message) -> Iterator[Hit]:
    for found in message.detections.emails:
        if not message.is_protected(found.start, found.end) and not _buyers(message, found):
            yield removal_hit(message, found.start, found.end)


@rule(
    id="C302",
    name="phone-number",
    category="contact_info",
    severity="error",
    source="contact-details",
    message="Phone numbers are not allowed; keep the conversation in Buyer-Seller Messaging.",
    suggestion="Remove the number and invite the buyer to reply to this message.",
    docs=Docs(
        what="Finds telephone numbers in national and international formats; order IDs, dates, "
        "prices and measurements are not numbers to call.",
        why="Amazon forbids phone numbers in buyer–seller messages.",
        example="Call us on +44 20 7946 0321.",
        instead="Reply to this message and we will help you.",
    ),
    flags=[
        "Call us on +44 20 7946 0321.",
        "お電話(03-5550-1234)にて",
        "Phone: (415) 555-0134",
        "Reach us at 555-123-4567.",
        "Call 6 1 7 - 5 5 5 - 0 1 6 2 today.",
        Example("Ring us: （０２０）７９４６－０８７１", {"buyer_locale": "en-GB"}),
        Example("Proszę dzwonić: 600 123 456.", {"buyer_locale": "pl-PL"}),
        Example("Call O2O 7946 O871.", {"buyer_locale": "en-GB"}),
        Example('Our number: "020 7946 0321"', {"buyer_locale": "en-GB"}),
    ],
    passes=[
        Example("Order 212-5550198-4401276 ships today.", {"order_id": "212-5550198-4401276"}),
        "Delivered on 2025-02-24 at 9:00.",
        'You wrote: "can you call me at 020 7946 0321" - we can only reply here.',
        Example(
            "Sie schrieben: „Rufen Sie mich unter 0171 1234567 an“ – wir antworten hier.",
            {"buyer_locale": "de-DE"},
        ),
        "Expect 10-15 business days; 1 200 × 1 200 pixels; $54.99.",
        "Shipped with UPS (tracking 1Z 999 AA1 01 2345 6784).",
        "Sizes 36 38 40 42 44 are in stock; the set costs 1.299.000 rupiah.",
        "We cannot take calls; please use Amazon messaging.",
        Example(
            "Wir sind leider telefonisch nicht erreichbar, bitte antworten Sie hier.",
            {"buyer_locale": "de-DE"},
        ),
        Example("我们无法接听电话，请在此回复。", {"buyer_locale": "zh-CN"}),
        Example("お電話での対応はできかねます。", {"buyer_locale": "ja-JP"}),
        "Your shipping address:\nJane Doe\n1 Main St, Springfield\nPhone: 617-555-0162\n\nIs it right?",
    ],
)
def phone_number(message: Message) -> Iterator[Hit]:
    for found in message.detections.phones:
        if not message.is_protected(found.start, found.end) and not _buyers(message, found):
            yield removal_hit(message, found.start, found.end)


@rule(
    id="C303",
    name="off-platform-channel",
    category="contact_info",
    severity="error",
    source="contact-details",
    message="This sends the buyer to a channel outside Buyer-Seller Messaging.",
    suggestion="Ask the buyer to reply to this message instead.",
    docs=Docs(
        what="Finds invitations to call, e-mail, WhatsApp or visit the seller's website, and "
        "mentions of the seller's phone number, in the buyer's language.",
        why="Buyer-Seller Messaging is the only approved channel; Amazon forbids steering buyers "
        "to other contact channels.",
        example="WhatsApp us on our mobile number for a faster answer.",
        instead="Reply to this message and we will answer within a day.",
    ),
    flags=[
        "WhatsApp us for a faster answer.",
        "Details are on our website.",
        Example("Rufen Sie uns gerne per Telefon an.", {"buyer_locale": "de-DE"}),
    ],
    passes=[
        "Reply to this message and we will answer within a day.",
        "Message us through Amazon.",
        "We cannot take calls; please use Amazon messaging.",
        Example(
            "Wir sind leider telefonisch nicht erreichbar, bitte antworten Sie hier.",
            {"buyer_locale": "de-DE"},
        ),
        Example("我们无法接听电话，请在此回复。", {"buyer_locale": "zh-CN"}),
        Example("お電話での対応はできかねます。", {"buyer_locale": "ja-JP"}),
        Example("電話番号：\n（ご記入ください）", {"buyer_locale": "ja-JP"}),
    ],
)
def off_platform_channel(message: Message) -> Iterator[Hit]:
    text = message.visible
    for start, end in message.spans("contact_channel"):
        # A form's field label ("電話番号：", "Telefon:") offers nothing by itself; a number or
        # address written after it is found by the detectors.
        if _FIELD_LABEL.match(text, end) and text[start:end].strip() == text[start:end]:
            continue
        # "Wir sind telefonisch nicht erreichbar", 我们无法接听电话: a channel refused is none offered;
        # 'You wrote: "can you call me…"' quotes the buyer.
        if negated(message, (start, end)) or quoted_from_buyer(message, (start, end)):
            continue
        yield Hit(start, end)


_FIELD_LABEL = re.compile(r"[ \t]*[:：]")


def _buyers(message: Message, found: Detection) -> bool:
    """Tell whether a contact detail is the buyer's own, quoted back with a cue ("You wrote: "…"")."""
    return quoted_from_buyer(message, (found.start, found.end))


@rule(
    id="C304",
    name="contact-link",
    category="contact_info",
    severity="error",
    source="contact-details",
    message="mailto: and tel: links give the buyer a contact channel outside Amazon.",
    suggestion="Remove the link; the buyer can reply to this message.",
    docs=Docs(
        what="Finds mailto:, tel:, sms: and WhatsApp links in HTML messages.",
        why="Amazon forbids e-mail addresses and phone numbers in buyer–seller messages.",
        example='<a href="mailto:care@example-shop.com">write to us</a>',
        instead="Reply to this message.",
    ),
    flags=[Example('<p><a href="mailto:care@example-shop.com">write to us</a></p>', {"html": True})],
    passes=[Example('<p><a href="https://www.amazon.com/your-orders">your orders</a></p>', {"html": True})],
    mode="html",
)
def contact_link(message: Message) -> Iterator[Hit]:
    for element in message.html_document.find("a", "area"):
        href = element.attrs.get("href", "").strip().lower()
        if href.startswith(("mailto:", "tel:", "sms:", "callto:", "whatsapp:", "skype:")) or "wa.me/" in href:
            yield unlink_hit(
                message, element, *element.attr_span("href"), label=_("Remove link, keep its words")
            )


@rule(
    id="C305",
    name="messaging-handle",
    category="contact_info",
    severity="error",
    source="contact-details",
    message="This gives the buyer an account on a messaging app or social network.",
    suggestion="Remove the account; the buyer can reply to this message.",
    docs=Docs(
        what="Finds a messaging app or social network (WhatsApp, WeChat/微信, LINE, Telegram, QQ, "
        "Viber, KakaoTalk, Instagram, …) named next to an ID, a number or an @handle.",
        why="Buyer-Seller Messaging is the only approved channel; an account elsewhere is contact "
        "information.",
        example="Add us on WeChat: shop_8888",
        instead="Reply to this message and we will answer here.",
    ),
    flags=[
        "Add us on WeChat: shop_8888",
        "LINE ID: kitchenpro",
        Example("请加微信：shop8888", {"buyer_locale": "zh-CN"}),
        Example("Suivez-nous sur Instagram : @bougies_atelier", {"buyer_locale": "fr-FR"}),
        "Message @shopbot on Telegram.",
    ],
    passes=[
        "Please write on line 2 of the form.",
        "Our handle is @acme on the box.",
        "We cannot use WhatsApp; please reply here.",
    ],
)
def messaging_handle(message: Message) -> Iterator[Hit]:
    for found in message.detections.handles:
        if not message.is_protected(found.start, found.end) and not _buyers(message, found):
            yield removal_hit(message, found.start, found.end)
