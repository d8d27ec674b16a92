"""Time ``check`` on messages of growing length: is the live check fast, and linear in length?"""

from __future__ import annotations

import contextlib
import os
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass

from .engine import check, freeze_loaded
from .language_detection import forget_verdicts
from .message import Context
from .spelling.checkers import forget_sentences
from .spelling.grammar import forget_paragraphs as forget_grammar

SIZES = (500, 2_000, 10_000, 100_000)

# A realistic draft: a delay notice with an order ID, a question, a link and a few phrases the
# lexicons look at, so every rule does real work.
_PARAGRAPH = (
    "Dear Emily,\n\nThank you for your order 113-8907231-7881124 (Bamboo Drawer Organizer Set). "
    "Unfortunately the parcel will arrive about five days later than planned, because our carrier "
    "missed Friday's collection. If you would prefer not to wait, reply to this message and we "
    "will cancel the order and refund you in full. You can also see the order on "
    "https://www.amazon.com/gp/your-account/order-details?orderID=113-8907231-7881124 at any time. "
    "Which option suits you best: waiting for the parcel, or a full refund today?\n\n"
)


@dataclass(frozen=True)
class Timing:
    size: int
    runs: int
    median_ms: float
    p95_ms: float
    # Processor time per check: what the check costs when other processes share the core.
    cpu_median_ms: float = 0.0
    cpu_p95_ms: float = 0.0


def sample_text(size: int) -> str:
    """Return a draft of exactly ``size`` characters built from realistic paragraphs."""
    text = _PARAGRAPH * (size // len(_PARAGRAPH) + 1)
    return text[:size]


def _runs_for(size: int) -> int:
    return max(10, min(300, 600_000 // size))


def time_check_after_edit(size: int = 2_000, *, runs: int = 200) -> Timing:
    """Time the live check after a one-word edit: the text was checked just before.

    Each run replaces one word by another word of the text (a new sentence each time), so the
    per-sentence and per-paragraph caches (lingua, tokens, phrases, Harper, grammar patterns)
    hold every other sentence, as while a seller types. Spelling and grammar are on.
    """
    text = sample_text(size)
    context = Context(spelling=True)
    check(text, message_type="unexpected_problem", buyer_locale="en-US", context=context)
    words = text.split(" ")
    samples, cpu = [], []
    for run in range(runs):
        position = (run * 7) % len(words)
        edited = words.copy()
        edited[position] = words[(position + 1 + run // len(words)) % len(words)]
        edited_text = " ".join(edited)
        start, start_cpu = time.perf_counter(), time.process_time()
        check(edited_text, message_type="unexpected_problem", buyer_locale="en-US", context=context)
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return _timing(size, samples, cpu)


def _timing(size: int, samples: list[float], cpu: list[float]) -> Timing:
    samples, cpu = sorted(samples), sorted(cpu)
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    cpu_p95 = cpu[min(len(cpu) - 1, round(0.95 * (len(cpu) - 1)))]
    return Timing(size, len(samples), statistics.median(samples), p95, statistics.median(cpu), cpu_p95)


def time_check(size: int, *, spelling: bool, runs: int | None = None, text: str | None = None) -> Timing:
    """Time ``check`` on a ``size``-character draft and return the median and 95th percentile.

    The bench's draft repeats one paragraph, whose second copy finds its sentences kept;
    ``text`` times another draft (``spelling.bench.SAMPLE``: every sentence different).
    """
    text = text or sample_text(size)
    size = len(text)
    context = Context(spelling=spelling)
    runs = runs or _runs_for(size)
    check(text, message_type="unexpected_problem", buyer_locale="en-US", context=context)  # warm caches
    samples, cpu = [], []
    for _ in range(runs):
        forget_verdicts()  # as for a new text: lingua reads every sentence group again
        forget_sentences()  # and the grammar checker (Harper) every sentence
        forget_grammar()  # and our own grammar patterns every paragraph
        start, start_cpu = time.perf_counter(), time.process_time()
        check(text, message_type="unexpected_problem", buyer_locale="en-US", context=context)
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return _timing(size, samples, cpu)


# Inputs that make naive patterns backtrack or loop: each is WORST_CASE_LENGTH characters long.
WORST_CASE_LENGTH = 20_000
WORST_CASE_LIMIT_MS = 50.0
WORST_CASES: dict[str, tuple[str, bool]] = {
    "one letter repeated": ("a", False),
    "one digit repeated": ("1", False),
    "alternating separators 1-1-1-": ("1-", False),
    "digits and letter o": ("1o", False),
    "dots between letters a.a.a.": ("a.", False),
    "spaced 'at'": ("a at ", False),
    "newlines": ("\n", False),
    "emoji": ("😀 ", False),
    "numerals in words 二十": ("二十 ", False),
    "zero-width spaces": ("a\u200b", False),
    "'{{ ' then spaces": ("{{ ", False),
    "opening brackets": ("(", False),
    "a trigger word repeated 'coupon'": ("coupon ", False),
    "a review word repeated 'Bewertung'": ("Bewertung ", False),
    "a review word repeated '评价'": ("评价", False),
    "a status word repeated 'shipped'": ("shipped ", False),
    "a split trigger word 're-view'": ("re-view ", False),
    "marks on a trigger word 'rëvïew'": ("rëvïew ", False),
    "e-mail addresses 'x@y.de '": ("x@y.de ", False),
    "a foreign word repeated 'douze'": ("douze ", False),
    "suffixes in leetspeak 'a.c0m '": ("a.c0m ", False),
    "glued words for a dot 'a dotcom '": ("a dotcom ", False),
    "one-word sentences 'you. '": ("you. ", False),
    "one-word sentences 'review. '": ("review. ", False),
    "one-word sentences '评价。'": ("评价。", False),
    "HTML: unclosed tags": ("<p", True),
    "HTML: paragraphs": ("<p>", True),
    "HTML: links never closed": ('<a href="x">', True),
    "HTML: entities": ("&#x1F600;", True),
    "HTML: style rules hiding a class": ('<style>.x{display:none}</style><b class="x">a</b>', True),
}


def worst_case_text(piece: str, length: int = WORST_CASE_LENGTH) -> str:
    """Return ``piece`` repeated to exactly ``length`` characters ("{{ " is followed by spaces)."""
    if piece == "{{ ":
        return ("{{ " + " " * length)[:length]
    if piece == "(":
        half = length // 2
        return "(" * half + ")" * (length - half)  # brackets nested ten thousand deep
    return (piece * (length // len(piece) + 1))[:length]


def time_worst_case(piece: str, html: bool, *, runs: int = 3, spelling: bool = False) -> tuple[float, float]:
    """Return the median wall-clock and processor milliseconds of ``check`` on one input."""
    text = worst_case_text(piece)
    context = Context(spelling=spelling)
    check(text[:200], message_type="reply", buyer_locale="en-US", html=html, context=context)  # warm
    wall, cpu = [], []
    for _ in range(runs):
        forget_verdicts()  # a new text: nothing of it is kept from the run before
        forget_sentences()
        forget_grammar()
        start, start_cpu = time.perf_counter(), time.process_time()
        check(text, message_type="reply", buyer_locale="en-US", html=html, context=context)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def worst_case_lines() -> list[str]:
    """Return the worst-case table: each pathological input, its time, and whether it is in budget.

    The verdict reads processor time, which other processes on the machine do not inflate.
    """
    lines = [
        f"Worst case ({WORST_CASE_LENGTH:,} characters each, median of 3 runs, budget "
        f"{WORST_CASE_LIMIT_MS:.0f} ms of processor time with spelling off and on):"
    ]
    for name, (piece, html) in WORST_CASES.items():
        wall, cpu = time_worst_case(piece, html)
        # With spelling and grammar on, as the live check runs: what one request costs a worker.
        _, spelled = time_worst_case(piece, html, spelling=True)
        verdict = "ok" if max(cpu, spelled) <= WORST_CASE_LIMIT_MS else "OVER"
        lines.append(
            f"  {name:<32} cpu {cpu:8.1f} ms   wall {wall:8.1f} ms   {verdict:<4}   with spelling: cpu {spelled:7.1f} ms"
        )
    return lines


def pin_to_one_core() -> None:
    """Run on a single CPU, as the live check does per request, when the OS allows it."""
    if hasattr(os, "sched_setaffinity"):
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def run_bench(sizes: Sequence[int] = SIZES, *, spelling_line: bool = True) -> list[str]:
    """Return the bench report lines: the engine without spelling, then with spelling on."""
    pin_to_one_core()
    lines = [_load_every_pack(spelling_line)]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    lines.append(f"Engine (Context(spelling=False)), one core; load average {load:.1f}:")
    for size in sizes:
        t = time_check(size, spelling=False)
        lines.append(_line(t))
    if spelling_line:
        lines.append("With spelling and grammar (Context(spelling=True)):")
        for size in sizes:
            runs = max(5, min(50, 100_000 // size))
            t = time_check(size, spelling=True, runs=runs)
            lines.append(_line(t))
        from .spelling.bench import SAMPLE

        lines.append("A draft whose sentences all differ (spelling.bench.SAMPLE), spelling and grammar on:")
        lines.append(_line(time_check(len(SAMPLE), spelling=True, runs=50, text=SAMPLE)))
        lines.append("The live check after a one-word edit (spelling and grammar on, other sentences kept):")
        lines.append(_line(time_check_after_edit()))
        from .spelling.bench import measure, measure_after_edit

        m = measure()
        lines.append(
            f"Spelling, grammar (Harper) and language detection alone ({m['characters']:,.0f} chars), "
            "cold: every sentence new:"
        )
        lines.append(
            f"  median {m['median_ms']:.2f} ms   p90 {m['p90_ms']:.2f} ms   min {m['min_ms']:.2f} ms   "
            f"CPU median {m['cpu_median_ms']:.2f} ms   first check {m['first_ms']:.0f} ms"
        )
        e = measure_after_edit()
        lines.append("  after a one-word edit (other sentences cached):")
        lines.append(
            f"  median {e['median_ms']:.2f} ms   p90 {e['p90_ms']:.2f} ms   CPU median {e['cpu_median_ms']:.2f} ms"
        )
    lines.extend(worst_case_lines())
    return lines


def _load_every_pack(spelling: bool = True) -> str:
    """Load every language pack with its phrases, concepts and lemmatiser; report the memory."""
    import psutil

    from .languages import supported_languages
    from .lexicon import load_lexicon
    from .tokens import preload

    process = psutil.Process()
    before = process.memory_info().rss
    started = time.perf_counter()
    languages = supported_languages()
    for language in languages:
        load_lexicon(language)
    preload(languages)
    after = process.memory_info().rss
    # What a worker also holds once it has checked English with spelling on: lingua's models,
    # Harper, the Hunspell dictionary and wordfreq's English word list.
    line = (
        f"Every pack loaded ({len(languages)} languages, lemmatisers included) in "
        f"{time.perf_counter() - started:.1f} s: process memory {after / 2**20:.0f} MB "
        f"({(after - before) / 2**20:+.0f} MB for the packs)"
    )
    if not spelling:
        freeze_loaded()  # as the site does after warming (composer/warmup.py)
        return line
    check(sample_text(500), message_type="unexpected_problem", buyer_locale="en-US")
    freeze_loaded()
    checked = process.memory_info().rss / 2**20
    return (
        f"{line}; {checked:.0f} MB after a first English check with spelling (lingua, Harper, Hunspell, "
        "wordfreq); all of it then kept out of the garbage collector (gc.freeze), as the site does"
    )


def _line(t: Timing) -> str:
    return (
        f"  {t.size:>7,} chars: median {t.median_ms:8.2f} ms   p95 {t.p95_ms:8.2f} ms   "
        f"(cpu median {t.cpu_median_ms:.2f} ms, p95 {t.cpu_p95_ms:.2f} ms, {t.runs} runs)"
    )
