"""R8: the message is written in the buyer's preferred language."""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _
from ..language_detection import (
    DETECTABLE,
    LANGUAGE_NAMES,
    Detection,
    detection_for,
    mostly_latin,
    script_of,
)
from ..languages import non_latin, template_language
from ..message import Message
from ..registry import Docs, Example, Hit, rule
from ..spelling.service import dictionary_confirms, dictionary_guess, foreign_sentences

_ORDER = "114-4909505-8661897"
# Below this lingua confidence a mismatch is only a warning: the text may be mixed.
_SURE = 0.7
# Below this, lingua is guessing (short or mixed text): no finding.
_LIKELY = 0.5


@rule(
    id="W510",
    name="wrong-buyer-language",
    category="language",
    severity="error",
    source="buyer-language",
    message="The message is not written in the buyer's language.",
    suggestion="Write the message in the buyer's language.",
    docs=Docs(
        what="Detects the language of the body (placeholders, names, URLs and order IDs "
        "ignored) and compares it with the buyer's locale; en_US and en-US are the same. "
        "Very short texts are not judged.",
        why="Amazon requires messages in the buyer's preferred language and blocks the others, "
        "including an English body with only a localised greeting or sign-off.",
        example="(buyer de-DE) Your wardrobe will be delivered on Monday. Mit freundlichen Grüßen",
        instead="Ihr Kleiderschrank wird am Montag geliefert. Mit freundlichen Grüßen",
    ),
    flags=[
        Example(
            f"Your order {_ORDER} is ready and will be delivered on Monday between 9 and 12.\n\n"
            "Mit freundlichen Grüßen",
            {"buyer_locale": "de-DE"},
        ),
        Example(
            f"Votre commande {_ORDER} sera livrée lundi matin entre 9 et 12 heures.",
            {"buyer_locale": "en_US"},
        ),
    ],
    passes=[
        Example(
            f"Ihre Bestellung {_ORDER} ist fertig und wird am Montag zwischen 9 und 12 Uhr geliefert.",
            {"buyer_locale": "de-DE"},
        ),
        Example("Ok, danke!", {"buyer_locale": "fr-FR"}),
        Example(
            f"Your order {_ORDER} is ready and will be delivered on Monday between 9 and 12.",
            {"buyer_locale": "en_US"},
        ),
    ],
)
def wrong_buyer_language(message: Message) -> Iterator[Hit]:
    detection = detection_for(message)
    wanted = message.language
    if wanted is None:
        if detection.language:
            yield Hit(
                0,
                0,
                severity="info",
                message=_(
                    "The buyer's language is unknown; this message reads as {language}. "
                    "Amazon blocks messages not in the buyer's language.",
                    language=LANGUAGE_NAMES[detection.language],
                ),
            )
        return
    if wanted not in DETECTABLE:
        yield Hit(
            0,
            0,
            severity="info",
            message=_(
                "The language of the buyer's locale {buyer_locale} cannot be verified; "
                "make sure the message is written in it.",
                buyer_locale=message.buyer_locale,
            ),
        )
        return
    if detection.status == "unavailable":
        yield Hit(
            0,
            0,
            severity="info",
            message=_("The message's language was not checked: lingua is not installed."),
        )
        return
    verdict = _mismatch(message, wanted, detection)
    if verdict is None:
        return
    found_code, confidence = verdict
    found, expected = LANGUAGE_NAMES[found_code], LANGUAGE_NAMES[wanted]
    yield Hit(
        0,
        0,
        severity="error" if confidence >= _SURE else "warning",
        message=_(
            "The message reads as {found}, but the buyer's language is {expected} ({buyer_locale}). "
            "Amazon blocks messages that are not in the buyer's language.",
            found=found,
            expected=expected,
            buyer_locale=message.buyer_locale,
        ),
        suggestion=_("Write the whole message in {expected}.", expected=expected),
        detail=f"{found_code}:{confidence:.2f}",
    )


def _mismatch(message: Message, wanted: str, detection: Detection) -> tuple[str, float] | None:
    """Return the language the text is in and how sure we are, when it is not the buyer's."""
    locale = message.buyer_locale or wanted
    # The writing system first: certain even for short texts.
    script = script_of(message.visible, message.context)
    if non_latin(script) and wanted != script:
        return script, 1.0
    template = template_language()
    mixed = script is None and non_latin(wanted) and mostly_latin(message.visible, message.context)
    if non_latin(wanted) and (script == "latin" or mixed):
        # A Latin-script body with only a Japanese or Chinese sign-off is not in the buyer's language.
        latin = detection.language is not None and not non_latin(detection.language)
        guess = detection.language if latin else template
        if mixed and detection.confidence < _LIKELY:
            guess = template  # lingua hesitates on mixed scripts; such bodies are mostly English templates
        return guess, 1.0
    if detection.language is None or (detection.language == wanted and detection.confidence >= _LIKELY):
        return None
    if detection.confidence < _SURE:
        # Lingua hesitates (short or mixed text): the dictionaries decide, or it stays a warning.
        candidates = [c for c in dict.fromkeys([detection.language, template]) if c != wanted]
        other = dictionary_guess(message, locale, candidates)
        if other is not None:
            return other, 1.0
        if detection.confidence < _LIKELY or detection.language == wanted:
            return None
    if dictionary_confirms(message, locale, detection.language):
        return None
    return detection.language, detection.confidence


@rule(
    id="W511",
    name="sentence-in-other-language",
    category="language",
    severity="warning",
    source="buyer-language",
    message="This sentence is not in the buyer's language.",
    suggestion="Write this sentence in the buyer's language too.",
    docs=Docs(
        what="Reads each sentence in its own language (script, then lingua with a confidence floor "
        "that is higher for short sentences) and marks a sentence of five or more words that is "
        "clearly in another supported language, once per sentence, when the message as a whole is in "
        "the buyer's language.",
        why="Amazon requires the buyer's language; an English postscript under a Spanish message is "
        "easy to miss, and content rules read it in its own language either way.",
        example="(buyer es-ES) Gracias por su compra. P.S. Leave us a review, it helps a small shop.",
        instead="Gracias por su compra. Si tiene un momento, nos ayudaría su opinión sincera.",
    ),
    flags=[
        Example(
            f"Gracias por su pedido {_ORDER}. Esperamos que el producto le guste y que lo disfrute mucho. "
            "P.S. We would love to hear what you think about the blender.",
            {"buyer_locale": "es-ES"},
        ),
    ],
    passes=[
        Example(
            f"Gracias por su pedido {_ORDER}. Esperamos que el producto le guste y que lo disfrute mucho.",
            {"buyer_locale": "es-ES"},
        ),
        Example(f"Ihre Bestellung {_ORDER} ist unterwegs. Danke!", {"buyer_locale": "de-DE"}),
    ],
)
def sentence_in_other_language(message: Message) -> Iterator[Hit]:
    wanted = message.language
    if wanted not in DETECTABLE:
        return
    foreign = foreign_sentences(message, wanted)
    if not foreign:
        return
    detection = detection_for(message)
    if detection.status != "unavailable" and _mismatch(message, wanted, detection) is not None:
        return  # the whole message is in another language: W510 says so once
    expected = LANGUAGE_NAMES[wanted]
    for sentence, language in foreign:
        if message.is_protected(sentence.start, sentence.end):
            continue
        found = LANGUAGE_NAMES[language]
        yield Hit(
            sentence.start,
            sentence.start + len(sentence.text.rstrip()),
            message=_(
                "This sentence reads as {found}, but the buyer's language is {expected}.",
                found=found,
                expected=expected,
            ),
            suggestion=_("Write this sentence in {expected} too.", expected=expected),
            detail=f"{language}:{sentence.confidence:.2f}",
        )
