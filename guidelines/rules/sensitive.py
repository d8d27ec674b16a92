"""R27: nothing offensive, insulting or hostile toward the buyer, and no shouting."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import regex

from ..languages import plain_words_pattern
from ..message import Message
from ..registry import Docs, Hit, rule

# Three or more words in capitals in a row ("DO NOT RETURN THIS ITEM"), across Latin, Greek
# and Cyrillic scripts. Acronyms and product codes are short and rarely come three at once.
_CAPS_RUN = regex.compile(r"(?<!\w)\p{Lu}[\p{Lu}'’]+(?:[ \t,]+\p{Lu}[\p{Lu}'’]+(?!\w)){2,}(?!\w)")


@cache
def _toward_buyer() -> regex.Pattern[str]:
    """Return the words that turn shouting on the buyer (YOU, DO NOT, MUST; the packs' ``addressee``)."""
    return regex.compile(rf"\b(?:{plain_words_pattern('addressee').pattern})\b", regex.IGNORECASE)


@rule(
    id="E101",
    name="insulting-language",
    category="sensitive",
    severity="error",
    source="sensitive-content",
    message="This wording is offensive or hostile toward the buyer.",
    suggestion="Stay factual and polite, even when the buyer is wrong.",
    docs=Docs(
        what="Finds insults, profanity, threats and shaming phrases in the buyer's language.",
        why="Amazon forbids offensive content; hostile messages also draw buyer complaints.",
        example="Can't you read the description? That was your own stupid mistake.",
        instead="The description lists the size as 40 cm; we are happy to help with an exchange.",
    ),
    flags=["Can't you read the description?", "That was a stupid question.", "Shame on you."],
    passes=["It's not your fault at all.", "We are sorry for the trouble."],
)
def insulting_language(message: Message) -> Iterator[Hit]:
    for span in message.spans("insult"):
        yield Hit(*span)


@rule(
    id="E102",
    name="shouting",
    category="sensitive",
    severity="error",
    source="sensitive-content",
    message="Writing in capitals reads as shouting at the buyer.",
    suggestion="Write in normal sentence case.",
    docs=Docs(
        what="Finds runs of three or more words in capital letters. An error when directed at "
        "the buyer (YOU, DO NOT, MUST…) or ending in an exclamation mark; otherwise a warning.",
        why="Shouting is hostile; Amazon blocks offensive messages and buyers report them.",
        example="YOU MUST RETURN THE ITEM NOW!",
        instead="Please return the item within 14 days.",
    ),
    flags=["YOU MUST RETURN THE ITEM NOW!", "Please read this: DO NOT OPEN THE BOX."],
    passes=["The LED USB lamp ships Monday.", "Order via AMAZON Brasil today.", "Best, ACME TOOLS"],
)
def shouting(message: Message) -> Iterator[Hit]:
    text = message.visible
    for match in _CAPS_RUN.finditer(text):
        letters = sum(c.isalpha() for c in match.group(0))
        if letters < 12 or message.is_protected(*match.span()):
            continue
        hostile = _toward_buyer().search(match.group(0)) or text[match.end() : match.end() + 2].startswith(
            "!"
        )
        yield Hit(*match.span(), severity=None if hostile else "warning")
