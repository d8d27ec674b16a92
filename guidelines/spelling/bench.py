"""Timings of the spelling, grammar and language checks, for ``python -m guidelines bench``.

The bench module calls :func:`measure`; it returns plain numbers so that the caller decides
how to print them.
"""

from __future__ import annotations

import statistics
import time

from ..language_detection import detection_for, forget_verdicts
from ..message import Context, Message
from ..message_types import get_message_type
from .checkers import forget_sentences
from .grammar import forget_paragraphs as forget_grammar
from .service import writing_result

# A typical delivery-problem message of about 2,000 characters, written for the bench: names,
# an order ID, a URL and a store name from the context, so every skip path does real work.
SAMPLE = (
    "Dear Margaret,\n\n"
    "Thank you for your order 114-4909505-8661897 of the Lindgren oak bookshelf from Nordvik Living. "
    "I am writing with an update on your delivery, because our carrier has told us about a delay at "
    "their regional depot. The shelf left our warehouse on Monday, but it will now reach you about "
    "three working days later than the date Amazon first estimated.\n\n"
    "We are very sorry for the inconvenience. We know you were planning to set it up this weekend, "
    "and we understand how frustrating a late parcel can be. Our team has already contacted the "
    "carrier twice, and they promised to prioritise your parcel as soon as the depot is clear again. "
    "You can follow the shipment at any time on https://www.amazon.com/gp/your-account/order-history "
    "where the tracking number is shown next to your order.\n\n"
    "If you would rather not wait, please reply to this message and tell us. We can cancel the "
    "order and refund the full amount straight away, or we can arrange a replacement from our "
    "second warehouse, which would arrive on Thursday. Both options are free of charge, and you do "
    "not need to return anything if the first parcel arrives after the replacement; simply let us "
    "know and we will send you a prepaid return label through Amazon.\n\n"
    "The bookshelf comes flat-packed in two boxes. The larger box weighs about 28 kg, so the driver "
    "may ask you to help carry it inside. The assembly instructions are in the smaller box, together "
    "with the wall anchors and a hex key. If any part is missing or damaged when it arrives, please "
    "send us a photo through Buyer-Seller Messaging and we will ship the part the same day.\n\n"
    "Once again, we apologise for the delay and thank you for your patience. We will write again "
    "as soon as the carrier confirms the new delivery date, so you do not need to check for updates "
    "yourself. Have a good week.\n\n"
    "Kind regards,\n"
    "Henrik Olsen\n"
    "Nordvik Living Customer Care"
)


def _check_once(text: str, locale: str) -> None:
    message = Message(
        text=text,
        message_type=get_message_type("delivery"),
        buyer_locale=locale,
        context=Context(store_name="Nordvik Living"),
    )
    detection_for(message)
    writing_result(message)


def measure(text: str = SAMPLE, locale: str = "en-US", repeat: int = 200) -> dict[str, float]:
    """Return milliseconds for spelling + grammar + language detection on one message.

    Every check is cold: no sentence has been seen before by lingua or by Harper.
    ``first_ms`` includes loading the dictionaries and the language models (once per
    process); ``median_ms`` and ``p90_ms`` are warm checks of a fresh ``Message`` each time, so
    only the per-process caches (dictionaries, word verdicts, suggestions) are warm; lingua's
    verdicts per sentence group are dropped before each check, as for a text never seen.
    """
    started = time.perf_counter()
    _check_once(text, locale)
    first = (time.perf_counter() - started) * 1000
    timings, cpu = [], []
    for _ in range(repeat):
        forget_verdicts()  # as for a new text: lingua reads every sentence group again
        forget_sentences()  # and Harper every sentence
        forget_grammar()  # and our own grammar patterns every paragraph
        started, started_cpu = time.perf_counter(), time.process_time()
        _check_once(text, locale)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    timings.sort()
    return {
        "characters": float(len(text)),
        "first_ms": first,
        "median_ms": statistics.median(timings),
        "p90_ms": timings[int(len(timings) * 0.9) - 1],
        "min_ms": timings[0],
        # CPU time of this process: steadier than wall time when other work shares the cores.
        "cpu_median_ms": statistics.median(cpu),
    }


def measure_after_edit(text: str = SAMPLE, locale: str = "en-US", repeat: int = 200) -> dict[str, float]:
    """Return milliseconds for the live check after a one-word edit, as a seller types.

    The text was checked just before; each run replaces one word of one sentence by another
    word of the text (a new sentence each time), so lingua and Harper read that sentence again
    and take the others from their per-sentence caches.
    """
    _check_once(text, locale)
    words = text.split(" ")
    timings, cpu = [], []
    for run in range(repeat):
        position = (run * 7) % len(words)
        edited = words.copy()
        edited[position] = words[(position + 1 + run // len(words)) % len(words)]
        started, started_cpu = time.perf_counter(), time.process_time()
        _check_once(" ".join(edited), locale)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    timings.sort()
    return {
        "characters": float(len(text)),
        "median_ms": statistics.median(timings),
        "p90_ms": timings[int(len(timings) * 0.9) - 1],
        "cpu_median_ms": statistics.median(cpu),
    }
