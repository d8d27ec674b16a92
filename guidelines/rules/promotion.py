"""R2, R12, R23: no marketing, and no attachments beyond instructions, warranty and invoices."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..i18n import _
from ..languages import plain_words_pattern
from ..message import Message
from ..registry import Docs, Example, Hit, rule
from ..scope import buyers_words, negated
from ._combinations import concept_pairs
from ._phrases import looks_like_product_name, sentences_with

_ORDER = "114-4909505-8661897"


@cache
def _refers_back() -> re.Pattern[str]:
    """Between a promotion word and "you mentioned": nothing, a comma, or a form field (packs' ``form_field``)."""
    return re.compile(rf"\W{{0,3}}(?:{plain_words_pattern('form_field').pattern}\W{{1,3}})?", re.IGNORECASE)


@rule(
    id="P501",
    name="promotion",
    category="promotion",
    severity="error",
    source="marketing",
    message="This is marketing: Amazon forbids promotions, coupons and invitations to buy more.",
    suggestion="Remove the promotion; write only what the buyer needs for this order.",
    docs=Docs(
        what="Finds coupon and discount codes, discounts on a next purchase, invitations to "
        "browse other products or the store, newsletters and social-media calls, in the "
        "buyer's language. A product that merely has such a word in its name is not marketing.",
        why="Buyer–seller messages may only serve the order; marketing gets messages blocked "
        "and proactive messaging restricted.",
        example="Use code SAVE10 for 10% off your next order!",
        instead="(Leave promotions to Amazon's own tools such as coupons on the listing.)",
    ),
    flags=[
        "Use code SAVE10 for 10% off your next order!",
        "I've attached our catalogue so you can browse our full range of cookware.",
        "Want to see the rest of our range?",
        "Follow us on Instagram for news.",
        Example("Entdecken Sie unsere anderen Produkte!", {"buyer_locale": "de-DE"}),
    ],
    passes=[
        f"Your Coupon Organizer Wallet (order {_ORDER}) will ship two days late.",
        "Please review the Coupon Code Holder we sent; which colour do you prefer?",
        "We hope you enjoy this kettle.",
        "We suggest you try restarting the device.",
        "The discount code you mentioned is applied by Amazon at checkout; we cannot change it.",
        Example(
            "Der Gutschein-Code, den Sie angegeben haben, ist bei Amazon leider nicht einlösbar.",
            {"buyer_locale": "de-DE"},
        ),
    ],
)
def promotion(message: Message) -> Iterator[Hit]:
    # "The discount code you mentioned…" answers the buyer about their own code; it offers nothing.
    answering = message.spans("promotion_buyer_reference")
    for span in message.spans("promotion"):
        if looks_like_product_name(message, span) or buyers_words(message, span) or negated(message, span):
            continue
        if any(_refers_back().fullmatch(message.visible[span[1] : s]) for s, _ in answering if s >= span[1]):
            continue
        yield Hit(*span)
    # DISCOUNT for a NEXT-PURCHASE, or BROWSE our STORE, in words the phrases do not hold. The
    # concept layer (tokens, lemmas) reads the whole message when a promotion, a catalogue or a
    # channel word is there to combine; otherwise only the sentences that offer something
    # ("20 procent rabatu na następne zamówienie"): most messages need no lemmas.
    if any(message.spans(key) for key in ("promotion", "attachment_promo", "contact_channel")):
        pairs = concept_pairs(message, "DISCOUNT", "NEXT-PURCHASE") + concept_pairs(
            message, "BROWSE", "STORE"
        )
    else:
        offers = sentences_with(message, "incentive_offer")
        pairs = concept_pairs(message, "DISCOUNT", "NEXT-PURCHASE", within=offers) if offers else []
    found = {message.sentence_of(s) for s, _ in message.spans("promotion")}
    for span in pairs:
        here = message.sentence_of(span[0])
        if here in found or looks_like_product_name(message, span) or buyers_words(message, span):
            continue
        found.add(here)
        yield Hit(*span)


@rule(
    id="P502",
    name="promotional-attachment",
    category="attachment",
    severity="error",
    source="attachments",
    message="Attachments may only be product instructions, warranty information or invoices.",
    suggestion="Remove the catalogue, coupon or flyer; attach only what the order needs.",
    docs=Docs(
        what="Finds mentions of attached catalogues, brochures, flyers, coupons or vouchers. "
        "Invoices, return labels, instructions and warranty documents are fine.",
        why="Amazon allows attachments only when needed to complete the order; a catalogue is marketing.",
        example="I've also attached our 2025 catalogue (PDF).",
        instead="I've attached the assembly instructions (PDF).",
    ),
    flags=[
        "I've also attached our 2025 catalogue (PDF).",
        "Enclosed you will find a coupon for your next visit.",
        Example(
            "Als bijlage vindt u onze nieuwe catalogus met het hele assortiment.", {"buyer_locale": "nl-NL"}
        ),
        Example("Vi bifogar vår broschyr med höstens nyheter.", {"buyer_locale": "sv-SE"}),
        Example("W załączniku przesyłamy katalog z naszymi nowościami.", {"buyer_locale": "pl-PL"}),
        Example("Ekte yeni ürün kataloğumuzu bulabilirsiniz.", {"buyer_locale": "tr-TR"}),
        Example("当店のカタログを添付いたしましたので、ぜひご覧ください。", {"buyer_locale": "ja-JP"}),
        Example("随信附上我们的新品目录，欢迎选购。", {"buyer_locale": "zh-CN"}),
    ],
    passes=[
        "I've attached your invoice (PDF).",
        "Please find the return label attached.",
        "The assembly instructions are attached.",
        Example("In de bijlage vindt u de factuur van uw bestelling.", {"buyer_locale": "nl-NL"}),
        Example("Ekte faturanızı bulabilirsiniz.", {"buyer_locale": "tr-TR"}),
    ],
)
def promotional_attachment(message: Message) -> Iterator[Hit]:
    for span in message.spans("attachment_promo"):
        yield Hit(*span)


# File types the Messaging API accepts (text, PDF, Word, JPEG, GIF, PNG) and its limits.
_ALLOWED_TYPES = frozenset({"txt", "pdf", "doc", "docx", "jpg", "jpeg", "gif", "png"})
_MAX_FILES = 5
_MAX_TOTAL_BYTES = 10 * 1024 * 1024


@rule(
    id="P503",
    name="attachment-limits",
    category="attachment",
    severity="error",
    source="attachments",
    message="This attachment is not allowed.",
    suggestion="Attach only instructions, warranty information or invoices: at most 5 text, PDF, "
    "Word, JPEG, GIF or PNG files under 10 MB in total.",
    docs=Docs(
        what="Reads the attachments in the context: file types other than text, PDF, Word, JPEG, "
        "GIF and PNG, more than 5 files, 10 MB or more in total, and file names that announce "
        "marketing (catalogue, coupon, flyer).",
        why="Amazon accepts attachments only when needed for the order and within the API's limits.",
        example="(attachments: catalogue-2025.pdf)",
        instead="(attachments: invoice-114-4909505-8661897.pdf)",
    ),
    flags=[
        Example(
            f"Order {_ORDER}: details attached.", {"context": {"attachments": [["catalogue-2025.pdf", 2000]]}}
        ),
        Example(f"Order {_ORDER}: details attached.", {"context": {"attachments": [["setup.exe", 2000]]}}),
        Example(
            f"Order {_ORDER}: photos.", {"context": {"attachments": [[f"p{n}.jpg", 10] for n in range(6)]}}
        ),
    ],
    passes=[
        Example(f"Order {_ORDER}: invoice attached.", {"context": {"attachments": [["invoice.pdf", 90_000]]}})
    ],
)
def attachment_limits(message: Message) -> Iterator[Hit]:
    attachments = message.context.attachments
    for name, _size in attachments:
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension not in _ALLOWED_TYPES:
            yield Hit(
                0,
                0,
                message=_(
                    "“{name}”: Amazon accepts only text, PDF, Word, JPEG, GIF and PNG files.", name=name
                ),
            )
        elif plain_words_pattern("marketing_file").search(name):
            yield Hit(
                0,
                0,
                message=_(
                    "“{name}” looks like marketing; attach only instructions, warranty or invoices.",
                    name=name,
                ),
            )
    if len(attachments) > _MAX_FILES:
        yield Hit(
            0,
            0,
            message=_(
                "{count} attachments; Amazon accepts at most {limit}.",
                count=len(attachments),
                limit=_MAX_FILES,
            ),
        )
    total = sum(size for _, size in attachments)
    if total >= _MAX_TOTAL_BYTES:
        yield Hit(
            0,
            0,
            message=_(
                "The attachments total {size} MB; Amazon accepts less than 10 MB.",
                size=f"{total / 1_048_576:.1f}",
            ),
        )
