"""R9: correct spelling and grammar in the buyer's language.

The backends (Hunspell, LanguageTool, our offline patterns) live in ``guidelines.spelling``;
these rules turn their issues into findings. They run only when ``Context.spelling`` is on.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..message import Message
from ..registry import Docs, Example, Hit, rule
from ..spelling import Issue, writing_result

_ORDER = "114-4909505-8661897"


def _hit(issue: Issue) -> Hit:
    return Hit(
        issue.start,
        issue.end,
        message=issue.message,
        fix=issue.fix,
        replacements=issue.replacements[:5],
        field=issue.field,
        detail=issue.rule_id,
        severity=issue.severity,
    )


@rule(
    id="W501",
    name="misspelled-word",
    category="spelling",
    severity="warning",
    source="spelling-and-grammar",
    message="This word is not in the dictionary of the buyer's language.",
    suggestion="Correct the spelling, or add the word to your team's dictionary if it is a name.",
    docs=Docs(
        what="Checks every word against the Hunspell dictionary of the buyer's language (or "
        "LanguageTool when the site has a server). Placeholders, order IDs, URLs, e-mail "
        "addresses, numbers, the product, buyer and store names, the team's own dictionary and "
        "words written like brands (BrightNest, LED, capitalised names mid-sentence) are skipped.",
        why="Amazon asks sellers to write without spelling mistakes; a message full of typos "
        "looks like spam and erodes the buyer's trust.",
        example="Your parcel is on its way, so thta you can use it this weekend.",
        instead="Your parcel is on its way, so that you can use it this weekend.",
    ),
    flags=[
        f"Your parcel for order {_ORDER} is on its way, so thta you can use it soon.",
        Example(f"Ihre Bestellung {_ORDER} wird morgen geliefrt.", {"buyer_locale": "de-DE"}),
        Example(f"Votre commande {_ORDER} sera livrée demian matin.", {"buyer_locale": "fr-FR"}),
    ],
    passes=[
        f"BrightNest ships your order {_ORDER} today; track it on https://www.amazon.com/gp/your-account.",
        Example(
            f"Thanks for order {_ORDER}: the Glimmerwick lamp ships today.",
            {"context": {"known_words": ["Glimmerwick"]}},
        ),
        Example(
            f"Vielen Dank für Ihre Bestellung {_ORDER}. Die Kundenzufriedenheitsumfrage folgt später.",
            {"buyer_locale": "de-DE"},
        ),
        Example(
            f"Your parcel for order {_ORDER} is on its way, so thta it arrives.",
            {"context": {"spelling": False}},
        ),
    ],
)
def misspelled_word(message: Message) -> Iterator[Hit]:
    result = writing_result(message)
    message.checked_by.extend(result.checked_by)
    for notice in result.notices:
        yield Hit(0, 0, message=notice.message, severity="info", detail=notice.backend)
    for issue in result.issues:
        if issue.kind == "spelling":
            yield _hit(issue)


@rule(
    id="W502",
    name="grammar-mistake",
    category="grammar",
    severity="warning",
    source="spelling-and-grammar",
    message="This looks like a grammar mistake.",
    suggestion="Rephrase the sentence.",
    docs=Docs(
        what="Finds the grammar mistakes second-language writers make most: a repeated word, "
        "“a”/“an”, a sentence starting in lower case, a missing space after punctuation, "
        "“informations”, subject–verb agreement (“we has”, “it arrive”), “reply me back”, "
        "“can to buy”, “will returned” and similar; LanguageTool's grammar rules when configured.",
        why="Amazon asks for messages without grammar mistakes; clumsy wording makes a "
        "legitimate message read like a scam.",
        example="Please reply me back, we will returned the money.",
        instead="Please reply to this message; we will return the money.",
    ),
    flags=[
        f"Please reply me back about order {_ORDER}.",
        f"We has shipped a other unit for order {_ORDER}.",
        f"Your refund for order {_ORDER} will returned to your card.",
        Example(f"Si tiene cualquiera duda sobre el pedido {_ORDER}, escríbanos.", {"buyer_locale": "es-ES"}),
    ],
    passes=[
        f"Please reply to this message about order {_ORDER}.",
        f"We have shipped another unit for order {_ORDER}; it arrives on Monday.",
        Example(
            f"Hallo Herr Schmidt,\n\nvielen Dank für Ihre Bestellung {_ORDER}.",
            {"buyer_locale": "de-DE"},
        ),
    ],
)
def grammar_mistake(message: Message) -> Iterator[Hit]:
    result = writing_result(message)
    message.checked_by.extend(result.checked_by)
    for issue in result.issues:
        if issue.kind == "grammar":
            yield _hit(issue)
