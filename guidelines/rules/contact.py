"""R18, R19: no e-mail addresses and no phone numbers; Buyer-Seller Messaging is the channel."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..message import Message
from ..registry import Docs, Example, Hit, rule

EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}\b"
)
# Addresses written to slip past filters: "care [at] example-shop [dot] com", "care(at)shop.de".
_OBFUSCATED_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]{1,64}\s?[\[({<]\s?(?:at|AT|@)\s?[\])}>]\s?"
    r"[A-Za-z0-9-]{1,63}(?:(?:\s?[\[({<]\s?(?:dot|DOT)\s?[\])}>]\s?|\.)[A-Za-z0-9-]{1,63}){1,4}"
)
# Amazon's anonymised buyer alias is the address the message goes to, not a contact detail.
_AMAZON_ALIAS = re.compile(r"@marketplace\.amazon\.", re.IGNORECASE)

# A phone number: an optional +country code, then digit groups joined by spaces, dots,
# hyphens or a parenthesised area code. Candidates are judged by _looks_like_phone.
_PHONE = re.compile(
    r"(?<![\w+-])(?:\+\d{1,3}[ .\-]?)?(?:\(\d{1,5}\)[ .\-]?)?\d{1,12}(?:[ .\-]\d{1,8}){0,4}(?![\w-])"
)
_ISO_DATE = re.compile(r"^\d{4}[-.]\d{1,2}[-.]\d{1,2}$|^\d{1,2}[-.]\d{1,2}[-.]\d{2,4}$")
_PHONE_WORDS = re.compile(
    r"(?:phone|call|ring|tel\b|telephone|mobile|whats\s?app|hotline|telefon|handy|anrufen|"
    r"téléphone|appele[rz]|teléfono|llám|telefono|chiam|電話|携帯|フリーダイヤル|电话|手机|"
    r"rufen|rufnummer|appel|llame|hotline|whatsapp|fax|電話番号)",
    re.IGNORECASE,
)


def _looks_like_phone(candidate: str, before: str) -> bool:
    digits = sum(c.isdigit() for c in candidate)
    if digits < 7 or digits > 15 or _ISO_DATE.match(candidate):
        return False
    groups = re.split(r"[ .\-()]+", candidate.strip("+() "))
    if candidate.startswith("+") or candidate.startswith("("):
        return digits >= 8
    if _PHONE_WORDS.search(before):
        return len(groups) >= 2 or digits >= 8
    # Without a cue word, only shapes that are hardly anything but a phone number.
    return (len(groups) >= 3 and all(len(g) >= 2 for g in groups) and groups[0].startswith("0")) or (
        len(groups) == 3 and [len(g) for g in groups] == [3, 3, 4]
    )


@rule(
    id="C301",
    name="email-address",
    category="contact_info",
    severity="error",
    source="R18",
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
    ],
    passes=["Reply to this message.", "Our handle is @acme on the box.", "buyer@marketplace.amazon.de"],
)
def email_address(message: Message) -> Iterator[Hit]:
    for match in EMAIL.finditer(message.visible):
        if not _AMAZON_ALIAS.search(match.group(0)) and not message.is_protected(*match.span()):
            yield Hit(*match.span(), fix="")
    for match in _OBFUSCATED_EMAIL.finditer(message.visible):
        if not message.is_protected(*match.span()):
            yield Hit(*match.span(), fix="")


@rule(
    id="C302",
    name="phone-number",
    category="contact_info",
    severity="error",
    source="R19",
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
    ],
    passes=[
        Example("Order 212-5550198-4401276 ships today.", {"order_id": "212-5550198-4401276"}),
        "Delivered on 2025-02-24 at 9:00.",
        "Expect 10-15 business days; 1 200 × 1 200 pixels; $54.99.",
    ],
)
def phone_number(message: Message) -> Iterator[Hit]:
    text = message.visible
    for match in _PHONE.finditer(text):
        start, end = match.span()
        if message.is_protected(start, end):
            continue
        if _looks_like_phone(match.group(0), text[max(0, start - 40) : start]):
            yield Hit(start, end, fix="")


@rule(
    id="C303",
    name="off-platform-channel",
    category="contact_info",
    severity="error",
    source="R3, R18, R19",
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
    passes=["Reply to this message and we will answer within a day.", "Message us through Amazon."],
)
def off_platform_channel(message: Message) -> Iterator[Hit]:
    for span in message.spans("contact_channel"):
        yield Hit(*span)


@rule(
    id="C304",
    name="contact-link",
    category="contact_info",
    severity="error",
    source="R18, R19",
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
            yield Hit(*element.attr_span("href"))
